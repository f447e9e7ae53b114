"""The meeting's record in the secretary's words (会议记录)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings


class MeetingNotesScreen(ModalScreen[str | None]):
    CSS_PATH = "meeting_notes.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save notes", priority=True),
        Binding("escape", "dismiss_none", "Back"),
    ]

    def __init__(self, notes: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("Notes: what was discussed and decided"), id="question")
            yield TextArea(self.notes, id="notes", soft_wrap=True)
        yield Footer()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
