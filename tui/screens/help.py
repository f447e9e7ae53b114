"""``?``: every key of the screen underneath, and what it does."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings
from shiftcell.tui.words.textwidth import pad


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close help")
    ]

    def __init__(self, bindings: dict[str, ActiveBinding], shown_screen: object = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.bindings = bindings
        self.shown_screen = shown_screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(t("Keys"), id="heading")
            yield Static(self._lines())
            yield Static(
                t(
                    "In the roster: ★ group leader, ☆ deputy, out our mobile member away, "
                    "in mobile member from elsewhere, ext external hire; hours on shift "
                    "this week."
                ),
                classes="hint",
            )
            yield Static(
                t("Mouse: click a roster line, a block in the grid or a heatmap cell."),
                classes="hint",
            )
            yield Static(t("Escape, q or ? closes this help."), classes="hint")

    def _lines(self) -> str:
        seen: dict[str, list[str]] = {}
        for active in self.bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            if not binding.show and binding.action not in self._own_actions():
                continue  # Textual's own scrolling and copying keys: not ours to explain
            shown = self.app.get_key_display(binding)
            keys = seen.setdefault(binding.description, [])
            if shown not in keys:
                keys.append(shown)
        rows = [("ctrl+p", t("Command palette: every action by name"))]
        rows += [(" / ".join(keys), description) for description, keys in seen.items()]
        width = max(len(k) for k, _ in rows) + 2
        return "\n".join(f"{pad(keys, width)}{description}" for keys, description in rows)

    def _own_actions(self) -> set[str]:
        """Actions the shown screen declares itself (hidden from the footer or not)."""
        declared = getattr(type(self.shown_screen), "BINDINGS", [])
        return {b.action for b in declared if isinstance(b, Binding)}

    def action_close(self) -> None:
        self.dismiss(None)
