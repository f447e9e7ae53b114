"""Asks before a meeting's notes, changed and not saved, are thrown away."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings

Answer = Literal["save", "discard", "edit"]


class DiscardNotesScreen(ModalScreen[Answer]):
    """Dismisses with "save", "discard" or "edit" (go on writing: the safe default)."""

    CSS_PATH = "discard_notes.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "Save"),
        Binding("d", "answer('discard')", "Discard"),
        Binding("escape", "answer('edit')", "Keep writing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("The notes have changed and are not saved."), id="question")
            with Horizontal(id="buttons"):
                yield Button(t("Save"), id="save", variant="primary")
                yield Button(t("Discard"), id="discard", variant="error")
                yield Button(t("Keep writing"), id="edit")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id or "edit")

    def action_answer(self, answer: str) -> None:
        chosen: Answer = "edit"
        if answer in ("save", "discard"):
            chosen = "save" if answer == "save" else "discard"
        self.dismiss(chosen)
