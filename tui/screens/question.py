"""A yes-or-no question over the screen: the one way shiftcell's dialogs answer.

A subclass composes its text and two buttons, ``#yes`` and ``#no``, and binds its
keys to ``answer(True)`` / ``answer(False)``; it dismisses with the answer.
"""

from __future__ import annotations

from typing import ClassVar

from textual.screen import ModalScreen
from textual.widgets import Button

from shiftcell.tui.words.bindings import translate_bindings


class QuestionScreen(ModalScreen[bool]):
    # The button focused first: "no" where a stray enter must do no harm.
    FOCUSED: ClassVar[str] = "yes"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def on_mount(self) -> None:
        self.query_one(f"#{self.FOCUSED}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
