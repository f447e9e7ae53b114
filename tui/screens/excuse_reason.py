"""Asks why a member was excused: the record must say (请假原因)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings


class ExcuseReasonScreen(ModalScreen[str | None]):
    CSS_PATH = "excuse_reason.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Back")]

    def __init__(self, name: str, reason: str = "") -> None:
        super().__init__()
        translate_bindings(self)
        self.member_name = name
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("Why was {name} excused?", name=self.member_name), id="question")
            yield Input(
                value=self.reason, placeholder=t("e.g. resting after a night shift"), id="reason"
            )
            yield Static(t("Enter saves, Escape goes back."), id="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.query_one("#hint", Static).update(t("An excused absence needs a reason."))
            return
        self.dismiss(reason)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
