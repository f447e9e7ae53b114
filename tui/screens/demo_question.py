"""Asks before the demo organisation fills a database: made-up people do not mix with real ones."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from shiftcell.tui.i18n import t
from shiftcell.tui.screens.question import QuestionScreen


class DemoQuestionScreen(QuestionScreen):
    CSS_PATH = "demo_question.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, load the demo"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, database: Path) -> None:
        super().__init__()
        self.database = database

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("Load the demo organisation?"), id="question")
            yield Static(
                t(
                    "It fills {path} with a made-up logistics branch (80 staff, 5 groups, "
                    "their shifts). Your own members and shifts then belong in another "
                    "database file (shiftcell --db FILE).",
                    path=self.database,
                ),
                id="what",
                markup=False,
            )
            with Horizontal(id="buttons"):
                yield Button(t("Yes, load the demo"), id="yes", variant="primary")
                yield Button(t("No"), id="no")
