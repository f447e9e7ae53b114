"""``?``: every key of the screen underneath, and what it does."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import keys_in_use, translate_bindings
from shiftcell.tui.words.textwidth import cells, pad


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help")
    ]

    def __init__(self, shown: Screen[object]) -> None:
        super().__init__()
        translate_bindings(self)
        self.shown = shown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(t("Keys"), id="heading")
            yield Static(self._lines(), id="keys", markup=False)  # "[" is a key, not markup
            yield Static(
                t(
                    "In the roster: ↑ ↓ move, enter chooses a member (their shifts) or a "
                    "group (its heatmap); ★ group leader, ☆ deputy, out our mobile member "
                    "away, in mobile member from elsewhere, ext external hire; hours on "
                    "shift this week."
                ),
                classes="hint",
            )
            yield Static(
                t("Mouse: click a roster line, a block in the grid or a heatmap cell."),
                classes="hint",
            )
            yield Static(t("Escape, q or ? closes this help."), classes="hint")

    def _lines(self) -> str:
        rows = [(" ".join(use.keys), use.explanation) for use in keys_in_use(self.shown)]
        width = max(cells(keys) for keys, _ in rows) + 2
        return "\n".join(f"{pad(keys, width)}{words}" for keys, words in rows)

    def action_close(self) -> None:
        self.dismiss(None)
