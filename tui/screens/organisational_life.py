"""Organisational life this quarter: where each group stands, and a plan for the quarter.

The screen is a stack of panels (``#panels``), each a widget of its own fed
from the store in a worker: the board of groups by requirements now; the
members drifting toward six months without organisational life (lapses) and
who still owes a make-up session go below it, as panels of their own.
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
from textual.widgets import Footer, Static

from shiftcell.db.store import Store
from shiftcell.scheduling.cadence import Cadence, period_of
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.views.cadence_board import Board, load_board
from shiftcell.tui.widgets.cadence_board import CadenceBoard


class OrganisationalLifeScreen(AppScreen):
    CSS_PATH = "organisational_life.tcss"
    AUTO_FOCUS = "#board"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "plan(False)", "Plan this quarter"),
        Binding("n", "plan(True)", "Plan next quarter"),
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        board: Board

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
        with Vertical(id="panels"), Vertical(id="standing", classes="panel"):
            yield Static(t("Where each group stands"), classes="heading")
            yield CadenceBoard(id="board")
            yield Static(
                t("✓ held on · → booked for · ○ due by · ✗ overdue: a whole period missed"),
                id="legend",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="cadence-board")
    def load(self) -> None:
        self.post_message(self.Loaded(load_board(self.store, self.today)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.query_one(CadenceBoard).show(event.board)

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A viewer looks; only a view that may book is offered a plan to book."""
        if action == "plan":
            return not self.settings.read_only
        return True

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
