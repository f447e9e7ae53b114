"""The rota (排班表): a row per roster line, a column per day, a shift in each cell.

Its rows are the roster's lines, in the roster's order and at its height, so that a
member's week sits level with their name beside it; with the roster hidden, the
names are written in the rota's own first column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from shiftcell.scheduling import DepartmentKind, Member, Role
from shiftcell.tui.i18n import t
from shiftcell.tui.views.rota import RotaDay, cell_text
from shiftcell.tui.views.short_forms import first_fit
from shiftcell.tui.views.week import Week
from shiftcell.tui.widgets.canvas import Canvas
from shiftcell.tui.widgets.roster import RosterEntry
from shiftcell.tui.widgets.week_axis import (
    GUTTER,
    HIGHLIGHT,
    KIND_FILL,
    KIND_STYLES,
    MEETING,
    REST,
    SEPARATOR,
    Axis,
)
from shiftcell.tui.words.textwidth import cells, fit

NAME_GUTTER = 11  # "★贾淑文 48h" fits, with the roster hidden
TODAY = Style(bgcolor="#262630")
CURSOR_ROW = Style(bgcolor="#30303c")
DIM = Style(color="#8a8a8a")
FILTERED = Style(color="#8a8a8a", bgcolor="#303030")
BOLD = Style(bold=True)


class RotaTable(ScrollView, can_focus=True):
    """Seven day columns of shift codes and times, one row per roster line."""

    DEFAULT_CSS = """
    RotaTable { height: 1fr; width: 1fr; scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    """

    @dataclass
    class MemberClicked(Message):
        member: Member

    def __init__(self, *, plain: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plain = plain
        self.week: Week | None = None
        self.entries: Sequence[RosterEntry] = ()
        self.names = False
        self.today: int | None = None
        self.only: DepartmentKind | None = None
        self.chosen: str | None = None  # employee_no drawn highlighted
        self.cursor: int | None = None  # the roster's cursor line
        self._members_of: dict[str, list[str]] = {}  # group -> employee numbers

    @property
    def indent(self) -> int:
        """Cells before the first day: the hours, or the names with the roster hidden."""
        return NAME_GUTTER if self.names else GUTTER

    def show(
        self,
        week: Week,
        entries: Sequence[RosterEntry],
        *,
        names: bool,
        today: int | None,
        only: DepartmentKind | None = None,
        chosen: str | None = None,
    ) -> None:
        if week is not self.week:
            self._members_of = {}
            for member in week.members:
                self._members_of.setdefault(member.group or "", []).append(member.employee_no)
        self.week, self.entries, self.names = week, entries, names
        self.today, self.only, self.chosen = today, only, chosen
        self.virtual_size = Size(self.scrollable_content_region.width, len(entries))
        self.refresh()

    def set_cursor(self, line: int | None) -> None:
        if line != self.cursor:
            self.cursor = line
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self.entries):
            member = self.entries[index].member
            if member is not None:
                self.post_message(self.MemberClicked(member))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        canvas = Canvas(width, 1)
        if self.week is not None and 0 <= index < len(self.entries):
            self._draw_line(canvas, Axis(width, 60, self.indent), self.entries[index], index)
        return canvas.strip(0)

    def _draw_line(self, canvas: Canvas, axis: Axis, entry: RosterEntry, index: int) -> None:
        week = self.week
        assert week is not None
        base = CURSOR_ROW if index == self.cursor else Style()
        for day in range(7):
            style = base + TODAY if day == self.today else base
            canvas.fill(axis.column_x(day), 0, axis.column_width, " ", style)
            if day:
                canvas.write(axis.column_x(day) - 1, 0, "│", SEPARATOR)
        if entry.member is not None:
            self._member_line(canvas, axis, week, entry.member, base)
        elif entry.group is not None:
            self._group_line(canvas, axis, week, entry.group, base)
        elif entry.branch is not None and self.names:
            canvas.write(0, 0, fit(entry.branch, axis.gutter - 1), BOLD)

    def _member_line(
        self, canvas: Canvas, axis: Axis, week: Week, member: Member, base: Style
    ) -> None:
        number = member.employee_no
        chosen = number == self.chosen
        hours = f"{week.hours.get(number, 0.0):.0f}h"
        if self.names:
            star = "★" if member.role is Role.LEADER else ""
            name = first_fit(
                [f"{star}{member.name} {hours}", star + member.name, member.name], axis.gutter - 1
            )
            canvas.write(0, 0, name or number, HIGHLIGHT if chosen else base)
        else:
            canvas.write(axis.gutter - 1 - len(hours), 0, hours, DIM + base)
        kind = week.kind_of(member)
        shown = self.only in (None, kind)
        rota = week.rota
        for day in range(7):
            found = rota.day(number, day)
            x, w = axis.column_x(day), axis.column_width
            text = cell_text(found, w)
            if found.duties:
                style = HIGHLIGHT if chosen else KIND_STYLES[kind] if shown else FILTERED
                fill = KIND_FILL[kind] if self.plain and not chosen else " "
                canvas.fill(x, 0, w, fill, style)
                canvas.write(x, 0, text.duty, style + BOLD if chosen else style, w)
            elif text.rest:
                canvas.fill(x, 0, w, "·" if self.plain else " ", REST)
                canvas.write(x, 0, text.rest, REST, w)
            if text.meeting:
                canvas.write(x + w - cells(text.meeting), 0, text.meeting, MEETING)

    def _group_line(self, canvas: Canvas, axis: Axis, week: Week, group: str, base: Style) -> None:
        """How many of the group work each day, and the group's meetings."""
        if self.names:
            canvas.write(0, 0, fit(group, axis.gutter - 1), BOLD)
        rota = week.rota
        members = self._members_of.get(group, [])
        meetings = rota.group_meetings.get(group, ((),) * 7)
        for day in range(7):
            x, w = axis.column_x(day), axis.column_width
            working = sum(1 for number in members if rota.day(number, day).duties)
            mark = cell_text(RotaDay(meetings=meetings[day]), w).meeting
            room = w - cells(mark) - (1 if mark else 0)
            if working:
                forms = [t("{count} on shift", count=working), t("{count} on", count=working)]
                count = first_fit(forms, room)
                style = base + TODAY if day == self.today else base
                canvas.write(x, 0, count, style + DIM)
            if mark:
                canvas.write(x + w - cells(mark), 0, mark, MEETING)
