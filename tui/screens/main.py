"""The main screen: the week grid (or a group's heatmap) beside the roster."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerCancelled, WorkerFailed, get_current_worker

from shiftcell.db.store import Store
from shiftcell.scheduling import DepartmentKind, Member
from shiftcell.tui.i18n import t
from shiftcell.tui.preferences import Preferences
from shiftcell.tui.screens import main_text
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.views.week import Week, WeekReader, monday_of
from shiftcell.tui.widgets.heatmap import Heatmap
from shiftcell.tui.widgets.key_footer import KeyFooter
from shiftcell.tui.widgets.legend import Legend
from shiftcell.tui.widgets.roster import Roster, every_line
from shiftcell.tui.widgets.rota_table import RotaTable
from shiftcell.tui.widgets.week_grid import WeekGrid
from shiftcell.tui.widgets.week_pane import WeekPane

if TYPE_CHECKING:
    # A group's heatmap needs numpy: loaded when one is first shown, not before
    # the first screen.
    from shiftcell.tui.views.heat import Heat

DEPARTMENT_CYCLE: tuple[DepartmentKind | None, ...] = (
    None,
    DepartmentKind.CANTEEN,
    DepartmentKind.DORMITORY,
    DepartmentKind.MAINTENANCE,
)
# Weeks kept read, so that going back and forth redraws without waiting.
CACHED_WEEKS = 8
# Seconds the first paint waits for the week being read (see on_mount): a group's
# or a small organisation's takes a few milliseconds; a big one's is drawn behind.
FIRST_PAINT_WAITS = 0.05
# "[] Week" in the footer: the two week keys in the room of one
WEEKS = Binding.Group("Week", compact=True)
# The rota opens every group when the people fit on a few screens; a branch of
# thousands keeps its groups closed, so that it stays quick.
ROTA_OPENS_ALL = 300


class MainScreen(AppScreen):
    # Its rules (main.tcss) are the app's: see ShiftcellApp.CSS_PATH.
    # Up, down and enter walk the roster at once; left and right still change weeks.
    AUTO_FOCUS = "#roster"
    # The footer shows whole keys in this order until the width runs out: help
    # first, so that a new user always sees where every other key is listed.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.help", "Help"),
        Binding("left,left_square_bracket", "previous_week", "Previous week", group=WEEKS),
        Binding("right,right_square_bracket", "next_week", "Next week", group=WEEKS),
        Binding("p", "plan", "Plan meeting"),
        Binding("m", "meetings", "Meetings"),
        Binding("e", "export", "Export"),
        Binding("o", "organisational_life", "Organisational life"),
        Binding("f", "pipeline", "Pipeline"),
        Binding("escape", "clear_selection", "Clear"),
        Binding("t", "this_week", "This week"),
        Binding("g", "jump", "Go to date"),
        Binding("d", "cycle_department", "Department"),
        Binding("r", "toggle_roster", "Roster"),
        Binding("v", "toggle_view('rota')", "Rota"),
        Binding("v", "toggle_view('grid')", "Time grid"),
    ]

    @dataclass
    class WeekLoaded(Message):
        week: Week

    @dataclass
    class HeatLoaded(Message):
        heat: Heat

    @dataclass
    class LapsesLoaded(Message):
        months: dict[str, int]

    def __init__(
        self, store: Store, settings: Settings, now: datetime, *, monday: date | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.now = now
        self.today = now.date()
        self.monday = monday or monday_of(self.today)
        self.department: DepartmentKind | None = None
        self.member: Member | None = None
        self.group: str | None = None
        self._weeks: dict[date, Week] = {}
        self._reader = WeekReader(store)
        self._heats: dict[tuple[str, date, int], Heat] = {}
        self._lapses_asked = False  # the roster's months, read once the first week shows
        self._title = ""  # the title's text as last shown
        self._stale = False
        self.preferences = Preferences.load()
        # the time grid, or the rota (排班表); a chosen group's heatmap goes over either
        self.view = self.preferences.week_view

    def compose(self) -> ComposeResult:
        yield Static(id="title", markup=False)
        yield Legend(plain=self.app.no_color, id="legend")
        with Horizontal(id="body"):
            yield WeekPane(plain=self.app.no_color, id="grid-pane")
            yield Roster(id="roster")
        yield Static(id="status", markup=False)
        yield KeyFooter()

    async def on_mount(self) -> None:
        roster = self.query_one(Roster)
        roster.border_title = t("Roster")
        pane = self.query_one(WeekPane)
        pane.follow(roster)
        pane.show_days(self.monday, self.today)
        self._update_title()
        self._reading()
        # A week read quickly is in the first paint: waiting a moment for it costs
        # less than painting the screen twice, once without it (and the read,
        # sharing the interpreter with that paint, took ten times as long).
        # Not cancelled when the wait runs out: the read goes on behind the screen.
        read = asyncio.ensure_future(_finished(self.load(self.monday)))
        await asyncio.wait({read}, timeout=FIRST_PAINT_WAITS)

    def _reading(self) -> None:
        self.query_one("#status", Static).update(t("Reading the week…"))

    # -- reading -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="week")
    def load(self, monday: date, *, ahead: bool = False) -> None:
        """Read the week asked for; ``ahead``: its neighbours, so that the next key is instant.

        Neighbours are read once the week is on screen: read together, they
        would hold up its first paint (the reading thread and the repaint share
        the interpreter).
        """
        worker = get_current_worker()
        wanted = (monday + timedelta(days=7), monday - timedelta(days=7)) if ahead else (monday,)
        for day in wanted:
            if worker.is_cancelled:
                return
            if day not in self._weeks:
                week = self._reader.read(day)
                week.prepare(rota=self.view == "rota")
                self.post_message(self.WeekLoaded(week))

    def _read_ahead(self, monday: date) -> None:
        # Not once another week is asked for: that one's reading must not be cancelled.
        if monday == self.monday:
            self.load(monday, ahead=True)

    @on(WeekLoaded)
    def _week_loaded(self, event: WeekLoaded) -> None:
        week = event.week
        self._weeks[week.monday] = week
        while len(self._weeks) > CACHED_WEEKS:
            farthest = max(self._weeks, key=lambda day: abs((day - self.monday).days))
            del self._weeks[farthest]
        if week.monday == self.monday:
            self._draw(week, first=not self.query_one(Roster).root.children)
            self.call_after_refresh(self._read_ahead, week.monday)
            if not self._lapses_asked:
                self._lapses_asked = True
                self.call_after_refresh(self.load_lapses)

    @work(thread=True, exclusive=True, group="lapses")
    def load_lapses(self) -> None:
        """The roster's months without organisational life: read once the week is drawn,
        so that the first screen never waits for them."""
        self.post_message(self.LapsesLoaded(self.store.lapses.months(self.today)))

    @on(LapsesLoaded)
    def _lapses_loaded(self, event: LapsesLoaded) -> None:
        self.query_one(Roster).show_lapses(event.months)

    @work(thread=True, exclusive=True, group="heat")
    def load_heat(self, group: str, monday: date, minutes: int) -> None:
        from shiftcell.tui.views.heat import load_heat

        heat = load_heat(self.store, group, monday, minutes, self.now)
        self.post_message(self.HeatLoaded(heat))

    @on(HeatLoaded)
    def _heat_loaded(self, event: HeatLoaded) -> None:
        heat = event.heat
        self._heats[heat.group, heat.monday, heat.minutes] = heat
        if (heat.group, heat.monday) == (self.group, self.monday):
            self._draw_heat(heat)

    # -- drawing -------------------------------------------------------------

    def _minutes(self) -> int:
        return self.query_one(WeekPane).heat_minutes()

    def _show_heat(self) -> None:
        """The chosen group's heatmap, from the cache or read anew."""
        assert self.group is not None
        minutes = self._minutes()
        heat = self._heats.get((self.group, self.monday, minutes))
        if heat is not None:
            self._draw_heat(heat)
        else:
            self.query_one("#status", Static).update(
                t("Working out who of {group} is free…", group=self.group)
            )
            self.load_heat(self.group, self.monday, minutes)

    def _draw_heat(self, heat: Heat) -> None:
        now = self.now.hour * 60 + self.now.minute
        self.query_one(WeekPane).show_heat(heat, self._today_column(), now)
        self.query_one(Legend).show_heat()
        self.query_one("#status", Static).update(main_text.heat_status(heat, self.size.width - 2))
        self._update_title()

    def _draw(self, week: Week, *, first: bool = False) -> None:
        roster = self.query_one(Roster)
        if first:
            roster.fill(week, expanded={g.name for g in week.groups[:1]})
            if self.view == "rota":
                self._open_groups_for_rota(week)
        else:
            roster.fill(week)
        if self.group is not None:
            return
        self.set_class(self.view == "rota", "-rota")
        self.query_one(WeekPane).show_week(
            week,
            self.view,
            entries=roster.lines() if roster.display else every_line(week),
            names=not roster.display,
            only=self.department,
            member=self.member,
            today=self._today_column(),
            now_minute=self.now.hour * 60 + self.now.minute,
        )
        self.query_one(Legend).show_week(
            week, only=self.department, member=self.member, rest=self.view == "rota"
        )
        self._update_status(week)

    def _open_groups_for_rota(self, week: Week) -> None:
        if len(week.members) <= ROTA_OPENS_ALL:
            self.query_one(Roster).open_every_group()

    @on(Roster.LinesChanged)
    def _roster_lines_changed(self) -> None:
        """The rota's rows are the roster's lines: redrawn when groups open or close."""
        week = self._weeks.get(self.monday)
        if self.view == "rota" and self.group is None and week is not None:
            self.call_after_refresh(self._draw_if_current, week)

    def _draw_if_current(self, week: Week) -> None:
        if self._weeks.get(self.monday) is week:
            self._draw(week)

    def _today_column(self) -> int | None:
        index = (self.today - self.monday).days
        return index if 0 <= index < 7 else None

    def _redraw(self) -> None:
        self.refresh_bindings()  # "Clear" is offered only while something is chosen
        if self.group is not None:
            self._show_heat()
            return
        week = self._weeks.get(self.monday)
        if week is not None:
            self._draw(week)
        elif self.view == "grid":
            # Still being read: the worker's message draws it.
            self.query_one(WeekGrid).show((), self.query_one(WeekGrid).minutes)

    def _update_title(self) -> None:
        title = self.query_one("#title", Static)
        width = title.content_size.width or None
        text = main_text.title(self.monday, self.department, self.group, self.settings, width)
        if text != self._title:  # an update lays the screen out again, even for the same text
            self._title = text
            title.update(text)

    def _update_status(self, week: Week) -> None:
        self.query_one("#status", Static).update(main_text.week_status(week, self.member))

    # -- the roster tells what is chosen -------------------------------------

    @on(Roster.MemberChosen)
    @on(RotaTable.MemberClicked)
    def _member_chosen(self, event: Roster.MemberChosen | RotaTable.MemberClicked) -> None:
        self.member = None if self.member == event.member else event.member
        self._redraw()

    @on(WeekGrid.BlockClicked)
    def _block_clicked(self, event: WeekGrid.BlockClicked) -> None:
        """One person's block: highlight them; a crew: say who is in it."""
        block = event.block
        week = self._weeks.get(self.monday)
        if block.meeting or week is None:
            return
        if len(block.employee_nos) == 1:
            self.member = week.by_member.get(block.employee_nos[0])
            self._redraw()
            return
        self.notify(
            "、".join(block.names),
            title=f"{block.label} {block.hours} · {block.post}",
            timeout=8,
        )

    @on(Roster.GroupChosen)
    def _group_chosen(self, event: Roster.GroupChosen) -> None:
        self.group = event.group
        self.member = None
        self._redraw()

    @on(Roster.BranchChosen)
    def _branch_chosen(self, event: Roster.BranchChosen) -> None:
        self.action_clear_selection()

    @on(Heatmap.CellChosen)
    def _cell_chosen(self, event: Heatmap.CellChosen) -> None:
        heat = self._heats.get((self.group or "", self.monday, self.query_one(Heatmap).minutes))
        cell = heat.cell(event.day, event.row) if heat else None
        if cell is not None:
            from shiftcell.tui.screens.cell import CellScreen

            self.app.push_screen(CellScreen(cell))

    # -- actions -------------------------------------------------------------

    def _go_to(self, monday: date) -> None:
        self.monday = monday
        self.query_one(WeekPane).show_days(self.monday, self.today)
        self._update_title()
        self._redraw()
        if monday in self._weeks:
            self.call_after_refresh(self._read_ahead, monday)
        else:
            self._reading()
            self.load(monday)

    def action_previous_week(self) -> None:
        self._go_to(self.monday - timedelta(days=7))

    def action_next_week(self) -> None:
        self._go_to(self.monday + timedelta(days=7))

    def action_this_week(self) -> None:
        self._go_to(monday_of(self.today))

    def action_jump(self) -> None:
        from shiftcell.tui.screens.jump import JumpScreen

        def chosen(day: date | None) -> None:
            if day is not None:
                self._go_to(monday_of(day))

        self.app.push_screen(JumpScreen(self.monday), chosen)

    def action_cycle_department(self) -> None:
        index = DEPARTMENT_CYCLE.index(self.department)
        self.department = DEPARTMENT_CYCLE[(index + 1) % len(DEPARTMENT_CYCLE)]
        self._update_title()
        self._redraw()

    def action_toggle_roster(self) -> None:
        roster = self.query_one(Roster)
        roster.display = not roster.display
        if roster.display and self.group is None:
            roster.focus()
        elif self.view == "rota":
            self.query_one(RotaTable).focus()  # it scrolls on its own now
        self.call_after_refresh(self._redraw)

    def action_toggle_view(self, view: str) -> None:
        """The time grid or the rota (排班表), remembered for the next start."""
        self.view = "rota" if view == "rota" else "grid"
        self.preferences.week_view = self.view
        self.preferences.save()
        week = self._weeks.get(self.monday)
        if self.view == "rota" and week is not None:
            self._open_groups_for_rota(week)
        if self.group is not None:
            self.action_clear_selection()
        else:
            self._redraw()

    def action_clear_selection(self) -> None:
        if self.group is not None:
            self.query_one(Roster).focus()
        self.member = None
        self.group = None
        self._update_title()
        self._redraw()

    def _groups_chosen(self) -> list[str]:
        if self.group:
            return [self.group]
        week = self._weeks.get(self.monday)
        return [g.name for g in week.groups] if week else []

    def _push_editing(self, screen: Screen[Any]) -> None:
        """A screen that may book or cancel meetings: reread the week on return."""
        self._stale = True
        self.app.push_screen(screen)

    def on_resize(self) -> None:
        """A bigger or smaller terminal may want finer or coarser time rows."""
        if self.is_mounted:
            self.call_after_refresh(self._update_title)
        if self.is_mounted and self._weeks:
            self.call_after_refresh(self._redraw_if_rows_changed)

    def _redraw_if_rows_changed(self) -> None:
        if self.query_one(WeekPane).rows_changed():
            self._redraw()

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self._reader.forget()
            self._weeks.clear()
            self._heats.clear()
            self._lapses_asked = False  # attendance may have been recorded meanwhile
            self.load(self.monday)
            if self.group is not None:
                self._show_heat()

    def action_plan(self) -> None:
        from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen

        self._push_editing(
            PlanMeetingScreen(
                self.store, self.settings, self.now, self._groups_chosen(), first=self.monday
            )
        )

    def action_meetings(self) -> None:
        from shiftcell.tui.screens.meetings import MeetingsScreen

        self._push_editing(MeetingsScreen(self.store, self.settings, self.now))

    def action_organisational_life(self) -> None:
        from shiftcell.tui.screens.organisational_life import OrganisationalLifeScreen

        self._push_editing(OrganisationalLifeScreen(self.store, self.settings, self.now))

    def action_pipeline(self) -> None:
        from shiftcell.tui.screens.pipeline import PipelineScreen

        self.app.push_screen(PipelineScreen(self.store, self.settings, self.now))

    def action_export(self) -> None:
        from shiftcell.tui.screens.export_calendar import ExportCalendarScreen

        member = self.member.employee_no if self.member else None
        group = None if member else (self.group or self.settings.scope_group)
        self._push_editing(
            ExportCalendarScreen(self.store, self.settings, self.now, member=member, group=group)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Viewers are offered nothing that writes: no planning, no calendars (a group's
        leader plans their group's meetings and issues its feeds; the export screen writes
        no files for a group's view). Clearing is offered only when something is chosen,
        departments only over shifts."""
        if action == "clear_selection":
            return self.member is not None or self.group is not None
        if action == "cycle_department":
            return self.group is None  # a group's heatmap is not split by department
        if action == "toggle_view":
            return parameters != (self.view,)  # one "v": the view not shown
        return not (self.settings.read_only and action in ("plan", "export"))


async def _finished(worker: Worker[None]) -> None:
    """Until ``worker`` is done, however it ends: its failure is Textual's to report,
    and a read cancelled for another week is no error."""
    with suppress(WorkerFailed, WorkerCancelled):
        await worker.wait()
