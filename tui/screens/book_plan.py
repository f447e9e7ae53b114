"""Asks before a plan is booked: every meeting and session of it, in one go."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from shiftcell.tui.i18n import t
from shiftcell.tui.screens.question import QuestionScreen
from shiftcell.tui.words.cadence import meetings_and_sessions

AFTERWARDS = "Everyone concerned is invited; each meeting can still be moved or cancelled."


class BookPlanScreen(QuestionScreen):
    CSS_PATH = "book_plan.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, book them"),
        Binding("n,escape", "answer(False)", "Not yet"),
    ]

    def __init__(self, meetings: int, sessions: int) -> None:
        super().__init__()
        self.meetings, self.sessions = meetings, sessions

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                t("Book these {what}?", what=meetings_and_sessions(self.meetings, self.sessions)),
                id="question",
            )
            yield Static(t(AFTERWARDS), id="which")
            with Horizontal(id="buttons"):
                yield Button(t("Yes, book them"), id="yes", variant="primary")
                yield Button(t("Not yet"), id="no")
