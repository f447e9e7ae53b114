"""Asks before a meeting is cancelled: the invited will have planned around it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from shiftcell.scheduling.meetings import Meeting
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.question import QuestionScreen
from shiftcell.tui.words.meetings import meeting_type_label, when_label


class CancelMeetingScreen(QuestionScreen):
    FOCUSED = "no"
    CSS_PATH = "cancel_meeting.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, cancel it"),
        Binding("n,escape", "answer(False)", "No, keep it"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        with Vertical(id="dialog"):
            yield Static(t("Cancel this meeting?"), id="question")
            yield Static(
                f"{meeting_type_label(meeting.type)} · {meeting.topic}\n{when_label(meeting)}\n"
                + t("{count} invited", count=len(meeting.invited)),
                id="which",
            )
            with Horizontal(id="buttons"):
                yield Button(t("Yes, cancel it"), id="yes", variant="error")
                yield Button(t("No, keep it"), id="no", variant="primary")
