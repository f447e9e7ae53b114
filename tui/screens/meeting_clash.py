"""Asks before a double booking: someone invited is already in another meeting then."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from shiftcell.scheduling import Invitation, Reason, ReasonKind
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.question import QuestionScreen
from shiftcell.tui.words.reasons import describe


class MeetingClashScreen(QuestionScreen):
    """Dismisses with True to book (or move) anyway, False to go back and choose again."""

    FOCUSED = "no"
    CSS_PATH = "meeting_clash.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "answer(True)", "Book anyway"),
        Binding("escape", "answer(False)", "Back"),
    ]

    def __init__(
        self, clashes: tuple[Invitation, ...], name: Callable[[str], str], *, moving: bool = False
    ) -> None:
        super().__init__()
        self.clashes = clashes
        self.name_of = name
        self.moving = moving

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                t("{count} invited already have a meeting at that time", count=len(self.clashes)),
                id="question",
            )
            with VerticalScroll(id="who"):
                yield Static(self._lines())
            ask = t("Move it anyway?") if self.moving else t("Book it anyway?")
            yield Static(ask, id="ask")
            with Horizontal(id="buttons"):
                anyway = t("Move anyway") if self.moving else t("Book anyway")
                yield Button(anyway, id="yes", variant="warning")
                yield Button(t("Back"), id="no", variant="primary")

    def _lines(self) -> Text:
        lines = []
        for clash in self.clashes:
            reason = Reason(
                ReasonKind.MEETING, clash.start, clash.end, label=clash.topic, meeting=clash.meeting
            )
            lines.append(
                t(
                    "{name} {no}: {reason} (meeting {id})",
                    name=self.name_of(clash.employee_no),
                    no=clash.employee_no,
                    reason=describe(reason),
                    id=clash.meeting,
                )
            )
        return Text("\n".join(lines))
