"""The footer: Textual's own, rebuilt only when the keys it shows have changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

Keys = tuple[tuple[str, str, str, bool, bool, str], ...]


def shown_keys(screen: Screen[object]) -> Keys:
    """What a footer on ``screen`` would show: each active binding and whether it is enabled."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
    )


class Footer(TextualFooter):
    """Textual rebuilds its footer, a widget per key, each time a screen's bindings
    may have changed (focus moving, a screen resuming): three times while the
    main screen first draws itself, mostly for the same keys. This one first
    looks whether they differ from those it shows."""

    _shown: Keys | None = None

    def compose(self) -> ComposeResult:
        keys = shown_keys(self.screen)
        built = False
        for widget in super().compose():
            built = True
            yield widget
        # Nothing built: the bindings were not ready yet, and the next change must rebuild.
        self._shown = keys if built else None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._shown is not None and screen is self.screen and shown_keys(screen) == self._shown:
            return
        super().bindings_changed(screen)
