"""Who still owes a make-up session: enter opens the meeting owed, where u plans one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from shiftcell.db.make_ups import MakeUpState
from shiftcell.db.store import Store
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.make_up_list import MakeUpList


class MakeUpsScreen(AppScreen):
    CSS_PATH = "make_ups.tcss"
    AUTO_FOCUS = "#owed"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open meeting", priority=True),
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        state: MakeUpState

    def __init__(self, store: Store, settings: Settings, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.now = now
        self.today = now.date()

    def compose(self) -> ComposeResult:
        title = t("Make-up sessions owed · as of {day}", day=f"{self.today:%Y-%m-%d}")
        scope = self.settings.scope_group
        yield Static(f"{title} · {scope}" if scope else title, id="title", markup=False)
        yield Static(id="count", classes="heading")
        yield MakeUpList(id="owed")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="make-ups")
    def load(self) -> None:
        self.post_message(self.Loaded(self.store.make_ups.state(self.today)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        owed = event.state.owed
        members = len({o.member.employee_no for o in owed})
        self.query_one("#count", Static).update(
            tn(
                "{count} member still owes a make-up session, for {meetings}",
                "{count} members still owe a make-up session, for {meetings}",
                members,
                meetings=tn("{count} meeting", "{count} meetings", len(event.state.by_meeting())),
            )
        )
        self.query_one(MakeUpList).show_owed(owed)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.query_one(MakeUpList).selected_meeting() is not None or None
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def action_open(self) -> None:
        from shiftcell.tui.screens.meeting import MeetingScreen

        meeting = self.query_one(MakeUpList).selected_meeting()
        if meeting is not None:
            # A make-up session may have been booked or recorded there.
            screen = MeetingScreen(self.store, self.settings, meeting, self.now)
            self.app.push_screen(screen, self._reload)

    def _reload(self, _: object) -> None:
        self.load()

    def action_close(self) -> None:
        self.dismiss()
