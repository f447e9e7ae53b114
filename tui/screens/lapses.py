"""Party members drifting toward six months without organisational life."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Static

from shiftcell.db.lapses import MemberLapse
from shiftcell.db.store import Store
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.lapse_list import LapseList


class LapsesScreen(AppScreen):
    CSS_PATH = "lapses.tcss"
    AUTO_FOCUS = "#lapses"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back")]

    @dataclass
    class Loaded(Message):
        lapses: list[MemberLapse]

    def __init__(self, store: Store, settings: Settings, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.today = now.date()

    def compose(self) -> ComposeResult:
        title = t("Lapses · as of {day}", day=f"{self.today:%Y-%m-%d}")
        scope = self.settings.scope_group
        yield Static(f"{title} · {scope}" if scope else title, id="title", markup=False)
        yield Static(
            t("Party members three months or more without organisational life"), classes="heading"
        )
        yield LapseList(id="lapses")
        yield Static(
            t(
                "3–4 months: warning · 5: alert · 6 or more: a member who, without good reason, "
                "takes no part for six months is regarded as having given up membership "
                "(Party Constitution art. 9)."
            ),
            id="legend",
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="lapses")
    def load(self) -> None:
        self.post_message(self.Loaded(self.store.lapses.find(self.today)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.query_one(LapseList).show_lapses(event.lapses)

    def action_close(self) -> None:
        self.dismiss()
