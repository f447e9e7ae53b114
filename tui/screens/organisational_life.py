"""Organisational life this quarter: where each group stands, who is drifting away, who
owes a make-up session, and a plan for the quarter.

The screen is a stack of panels (``#panels``), each a widget of its own fed
from the store in one worker: the board of groups by requirements now; the
party members three months or more without organisational life (lapses);
who still owes a make-up session (``enter`` opens the meeting owed, where
``u`` plans it). ``tab`` moves between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from shiftcell.db.lapses import MemberLapse
from shiftcell.db.make_ups import MakeUpState
from shiftcell.db.store import Store
from shiftcell.scheduling.cadence import Cadence, period_of
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.views.cadence_board import Board, load_board
from shiftcell.tui.widgets.cadence_board import CadenceBoard
from shiftcell.tui.widgets.lapse_list import LapseList
from shiftcell.tui.widgets.make_up_list import MakeUpList


class OrganisationalLifeScreen(AppScreen):
    CSS_PATH = "organisational_life.tcss"
    AUTO_FOCUS = "#board"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "plan(False)", "Plan this quarter"),
        Binding("n", "plan(True)", "Plan next quarter"),
        Binding("enter", "open_owed", "Open meeting"),
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        board: Board
        lapses: list[MemberLapse]
        owed: MakeUpState

    def __init__(self, store: Store, settings: Settings, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.now = now
        self.today = now.date()

    def compose(self) -> ComposeResult:
        quarter = period_of(self.today, Cadence.QUARTERLY)
        scope = self.settings.scope_group
        title = t(
            "Organisational life · {quarter} · as of {day}",
            quarter=quarter.label,
            day=f"{self.today:%Y-%m-%d}",
        )
        yield Static(f"{title} · {scope}" if scope else title, id="title", markup=False)
        with Vertical(id="panels"):
            with Vertical(id="standing", classes="panel"):
                yield Static(t("Where each group stands"), classes="heading")
                yield CadenceBoard(id="board")
                yield Static(
                    t("✓ held on · → booked for · ○ due by · ✗ overdue: a whole period missed"),
                    id="legend",
                )
            with Vertical(id="drifting", classes="panel"):
                yield Static(
                    t("Party members three months or more without organisational life"),
                    classes="heading",
                )
                yield LapseList(id="lapses")
            with Vertical(id="owing", classes="panel"):
                yield Static(t("Make-up sessions owed"), id="owed-count", classes="heading")
                yield MakeUpList(id="owed")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="cadence-board")
    def load(self) -> None:
        board = load_board(self.store, self.today)
        lapses = self.store.lapses.find(self.today)
        self.post_message(self.Loaded(board, lapses, self.store.make_ups.state(self.today)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.query_one(CadenceBoard).show(event.board)
        self.query_one(LapseList).show_lapses(event.lapses)
        owed = event.owed.owed
        members = len({o.member.employee_no for o in owed})
        self.query_one("#owed-count", Static).update(
            tn(
                "Make-up sessions owed: {count} member, for {meetings}",
                "Make-up sessions owed: {count} members, for {meetings}",
                members,
                meetings=tn("{count} meeting", "{count} meetings", len(event.owed.by_meeting())),
            )
        )
        self.query_one(MakeUpList).show_owed(owed)
        self.refresh_bindings()

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A viewer looks; only a view that may book is offered a plan to book. Enter
        opens a meeting owed from the make-ups panel."""
        if action == "plan":
            return not self.settings.read_only
        if action == "open_owed":
            owed = self.query_one(MakeUpList)
            return (self.focused is owed and owed.selected_meeting() is not None) or None
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#owed")
    def _owed_chosen(self) -> None:
        self.action_open_owed()

    def action_open_owed(self) -> None:
        """The meeting owed, where u plans its make-up session."""
        from shiftcell.tui.screens.meeting import MeetingScreen

        meeting = self.query_one(MakeUpList).selected_meeting()
        if meeting is not None:
            screen = MeetingScreen(self.store, self.settings, meeting, self.now)
            self.app.push_screen(screen, self._reload)

    def _reload(self, _: object) -> None:
        self.load()

    def action_plan(self, next_quarter: bool) -> None:
        from shiftcell.tui.screens.plan_quarter import PlanQuarterScreen

        first, last = quarter_range(self.today, next_quarter)

        def planned(booked: int | None) -> None:
            if booked:
                self.load()

        screen = PlanQuarterScreen(self.store, self.settings, self.now, first, last)
        self.app.push_screen(screen, planned)

    def action_close(self) -> None:
        self.dismiss()


def quarter_range(today: date, next_quarter: bool) -> tuple[date, date]:
    """What is left of this quarter from today, or the whole of the next one."""
    quarter = period_of(today, Cadence.QUARTERLY)
    if next_quarter:
        following = quarter.next()
        return following.first, following.last
    return today, quarter.last
