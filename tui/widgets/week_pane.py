"""The left of the main screen: the days over the time grid, a group's heatmap, or the rota.

It opens each view where the day's work is: the time grid at the morning (or the
week's earliest shift), the heatmap at the first hour a meeting may start.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll

from shiftcell.scheduling import DepartmentKind, Member
from shiftcell.tui.views.week import Week
from shiftcell.tui.views.week_layout import Block, arrange, crews
from shiftcell.tui.widgets.day_header import DayHeader
from shiftcell.tui.widgets.heatmap import MEETING_HOURS, Heatmap
from shiftcell.tui.widgets.roster import Roster, RosterEntry
from shiftcell.tui.widgets.rota_table import RotaTable
from shiftcell.tui.widgets.week_axis import GUTTER, Axis, row_minutes_for
from shiftcell.tui.widgets.week_grid import WeekGrid

if TYPE_CHECKING:
    from shiftcell.tui.views.heat import Heat  # numpy: not before the first screen

Showing = Literal["grid", "heat", "rota"]


class WeekPane(Vertical):
    """Shows one of three views of the week; ``showing`` says which."""

    def __init__(self, *, plain: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plain = plain
        self.showing: Showing = "grid"
        self._opening: int | None = None  # row to scroll to once the view has its height
        self._roster: Roster | None = None

    def compose(self) -> ComposeResult:
        yield DayHeader(id="days")
        with VerticalScroll(id="grid-scroll"):
            yield WeekGrid(plain=self.plain, id="grid")
            yield Heatmap(plain=self.plain, id="heatmap")
        yield RotaTable(plain=self.plain, id="rota")

    def on_mount(self) -> None:
        scroll = self.query_one("#grid-scroll", VerticalScroll)
        self.watch(scroll, "virtual_size", self._open, init=False)
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def _focus_moved(self) -> None:
        """Marked while it has the keys (the heatmap, or the rota with the roster hidden):
        the stylesheet lights its day header."""
        self.set_class(self.has_focus_within, "-focused")

    # -- which view ----------------------------------------------------------

    def _switch(self, showing: Showing) -> bool:
        """Show one view; True when it was not the one shown."""
        changed = showing != self.showing
        self.showing = showing
        self.query_one(WeekGrid).display = showing == "grid"
        self.query_one(Heatmap).display = showing == "heat"
        self.query_one("#grid-scroll").display = showing != "rota"
        self.query_one(RotaTable).display = showing == "rota"
        rota = self.query_one(RotaTable)
        self.query_one(DayHeader).set_indent(rota.indent if showing == "rota" else GUTTER)
        return changed

    def show_days(self, monday: date, today: date) -> None:
        self.query_one(DayHeader).show(monday, today)

    def grid_minutes(self) -> int:
        return row_minutes_for(self._height())

    def heat_minutes(self) -> int:
        """Half-hour rows where they fit: a shorter meeting than that is not a meeting."""
        span = MEETING_HOURS[1] - MEETING_HOURS[0]
        return row_minutes_for(self._height(), span=span, finest=30)

    def rows_changed(self) -> bool:
        """Whether the view shown would now get finer or coarser rows (after a resize)."""
        if self.showing == "heat":
            return self.heat_minutes() != self.query_one(Heatmap).minutes
        return self.showing == "grid" and self.grid_minutes() != self.query_one(WeekGrid).minutes

    def _height(self) -> int:
        """Rows below the day header, whichever view has them (a hidden one has none)."""
        return self.size.height - 1 if self.size.height > 1 else 20

    # -- the three views -----------------------------------------------------

    def show_week(
        self,
        week: Week,
        view: str,
        *,
        entries: Sequence[RosterEntry],
        names: bool,
        only: DepartmentKind | None,
        member: Member | None,
        today: int | None,
        now_minute: int,
    ) -> None:
        """The week as a rota, or on the time grid (``member``'s shifts highlighted)."""
        chosen = member.employee_no if member else None
        if view == "rota":
            self.show_rota(week, entries, names=names, today=today, only=only, chosen=chosen)
            return
        extra = list(week.meeting_blocks)
        if chosen is not None:
            mine = week.shifts_of(chosen)
            extra += crews(mine, week.monday, week.by_member, week.kinds, highlighted=True)
        self.show_grid(
            arrange(week.crews, only=only, extra=extra),
            today=today,
            now_minute=now_minute,
            codes=week.codes,
            opening=week.opening_minute,
        )

    def show_grid(
        self,
        blocks: Sequence[Block],
        *,
        today: int | None,
        now_minute: int,
        codes: Mapping[str, str],
        opening: int,
    ) -> None:
        """The time grid, opened at minute ``opening`` of the day when first shown."""
        grid = self.query_one(WeekGrid)
        minutes = self.grid_minutes()
        resized = grid.minutes != minutes or not grid.blocks
        grid.show(blocks, minutes, today=today, now_minute=now_minute, codes=codes)
        if self._switch("grid") or resized:
            self._open_at(Axis(80, minutes).row_of(opening))

    def show_heat(self, heat: Heat, today: int | None, now_minute: int) -> None:
        heatmap = self.query_one(Heatmap)
        resized = heatmap.minutes != heat.minutes or heatmap.heat is None
        heatmap.show(heat, today, now_minute)
        if self._switch("heat") or resized:
            self._open_at(0)
        heatmap.focus(scroll_visible=False)
        self.call_after_refresh(heatmap.scroll_visible_row, heatmap.cursor_row)

    def show_rota(
        self,
        week: Week,
        entries: Sequence[RosterEntry],
        *,
        names: bool,
        today: int | None,
        only: DepartmentKind | None,
        chosen: str | None,
    ) -> None:
        rota = self.query_one(RotaTable)
        rota.show(week, entries, names=names, today=today, only=only, chosen=chosen)
        self._switch("rota")
        self.query_one(DayHeader).set_indent(rota.indent)
        if self._roster is not None:
            self.call_after_refresh(self._roster_scrolled)

    # -- the rota keeps level with the roster beside it ----------------------

    def follow(self, roster: Roster) -> None:
        """Scroll with ``roster`` (and it with the rota), and mark its cursor's row."""
        self._roster = roster
        self.watch(roster, "scroll_y", self._roster_scrolled, init=False)
        self.watch(roster, "cursor_line", self._roster_moved, init=False)
        self.watch(self.query_one(RotaTable), "scroll_y", self._rota_scrolled, init=False)

    def _roster_scrolled(self) -> None:
        if self._roster is not None and self._roster.display:
            self.query_one(RotaTable).scroll_to(y=self._roster.scroll_y, animate=False)

    def _rota_scrolled(self) -> None:
        if self._roster is not None and self._roster.display:
            self._roster.scroll_to(y=self.query_one(RotaTable).scroll_y, animate=False)

    def _roster_moved(self) -> None:
        roster = self._roster
        line = roster.cursor_line if roster is not None and roster.display else None
        self.query_one(RotaTable).set_cursor(line)

    # -- opening where the work is -------------------------------------------

    def _open_at(self, row: int) -> None:
        """Open the view at ``row``: at once when it is on screen, else once laid out."""
        scroll = self.query_one("#grid-scroll", VerticalScroll)
        if scroll.region:
            self._open_now(scroll, row)
            return
        self._opening = row
        self.call_after_refresh(self._open)

    def _open_now(self, scroll: VerticalScroll, row: int) -> None:
        """Scroll before the view is laid out with its new rows: the next paint shows
        it opened (not at the top, then again opened a moment later).

        The view's height is known (it is on screen): the scroll is clamped here
        (Textual would clamp it to the rows the view had before), and the
        scrollbar is shown as the rows will need it (Textual would show it once
        laid out, and lay the screen out and paint it once more for it).
        """
        self._opening = None
        rows, view = self._rows(), scroll.container_size.height
        y = float(max(0, min(row, rows - view)))
        scroll.set_reactive(VerticalScroll.scroll_y, y)
        scroll.set_reactive(VerticalScroll.scroll_target_y, y)
        scroll.show_vertical_scrollbar = rows > view
        scroll.vertical_scrollbar.display = rows > view
        scroll.vertical_scrollbar.position = y  # set by the scroll's watcher, not run here
        scroll.refresh(layout=True)  # laid out at that offset

    def _rows(self) -> int:
        """The rows of the view shown in the scroll: the time grid's or the heatmap's."""
        if self.showing == "grid":
            return Axis(80, self.query_one(WeekGrid).minutes).rows
        return self.query_one(Heatmap).axis(80).rows

    def _open(self) -> None:
        """Scroll to the opening row once the view's height is laid out."""
        scroll = self.query_one("#grid-scroll", VerticalScroll)
        if self._opening is None or scroll.virtual_size.height != self._rows():
            return
        scroll.scroll_to(y=self._opening, animate=False)
        self._opening = None
