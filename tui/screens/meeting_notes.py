"""The meeting's record in the secretary's words (会议记录).

Written notes are never lost to a stray `escape`: when they changed, the
screen asks whether to save, discard or keep writing.
"""

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
        from shiftcell.tui.screens.discard_notes import Answer, DiscardNotesScreen

        if self.query_one(TextArea).text.strip() == self.notes.strip():
            self.dismiss(None)
            return

        def answered(answer: Answer | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(DiscardNotesScreen(), answered)
