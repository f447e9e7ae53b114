"""Go to a date: the week holding it is shown."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings


class JumpScreen(ModalScreen[date | None]):
    CSS_PATH = "jump.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, shown: date) -> None:
        super().__init__()
        translate_bindings(self)
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(t("Go to the week of (YYYY-MM-DD):"))
            yield Input(value=self.shown.isoformat(), id="day")
            yield Label("", id="problem")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            day = date.fromisoformat(event.value.strip())
        except ValueError:
            self.query_one("#problem", Label).update(
                t("{value!r} is not a date like 2026-12-07", value=event.value.strip())
            )
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
