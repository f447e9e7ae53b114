"""Asks for a meeting's new start: the same length, everyone invited still invited."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from shiftcell.scheduling.meetings import Meeting
from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings
from shiftcell.tui.words.meetings import START_FORMAT, not_a_start, parse_start, when_label


class MoveMeetingScreen(ModalScreen[datetime | None]):
    """Dismisses with the new start (local, in the meeting's zone), or None."""

    CSS_PATH = "move_meeting.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Back")]

    def __init__(self, meeting: Meeting, now: datetime, zone: ZoneInfo) -> None:
        super().__init__()
        translate_bindings(self)
        self.meeting = meeting
        self.now = now
        self.zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                t("Move the meeting of {when} to:", when=when_label(self.meeting)), id="question"
            )
            start = self.meeting.start.astimezone(self.zone)
            yield Input(start.strftime(START_FORMAT), placeholder=START_FORMAT, id="start")
            yield Static(
                t("The same length; everyone invited stays invited. Enter moves it."), id="hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        start, problem = parse_new_start(event.value, self.meeting, self.now, self.zone)
        if start is None:
            hint = self.query_one("#hint", Static)
            hint.update(problem)
            hint.add_class("error")
            return
        self.dismiss(start)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def parse_new_start(
    text: str, meeting: Meeting, now: datetime, zone: ZoneInfo
) -> tuple[datetime | None, str]:
    """The start typed, a wall clock in ``zone``, or what is wrong with it."""
    start = parse_start(text, zone)
    if start is None:
        return None, not_a_start(text)
    if start <= now:
        return None, t("{value!r} has passed", value=text)
    if start == meeting.start:
        return None, t("that is when it is already")
    return start, ""
