"""The footer, whole keys only: a key that does not fit is left out, never cut in half.

Textual's footer scrolls what does not fit under the command-palette key at
the right, which at 80 columns showed half a word ("d Depar") and a stray
letter after "^p Commands". Keys are offered in the order the screen declares
them, most needed first; ``?`` lists every one.

It is rebuilt only when the keys it shows change: Textual rebuilds its footer
(a widget per key) each time a screen's bindings may have changed (focus
moving, a screen resuming), three times while the main screen first draws
itself, mostly for the same keys, a quarter of that screen's start-up.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

Keys = tuple[tuple[str, str, str, bool, bool, str], ...]


def shown_keys(screen: Screen[object]) -> Keys:
    """What a footer on ``screen`` would show: each active binding and whether it is enabled."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
    )


class KeyFooter(Footer):
    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel {
        margin-right: 1;
    }
    """

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

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        for child in self.children:
            child.display = True
        self.call_after_refresh(self._fit)

    def _fit(self, tries: int = 5) -> None:
        """Hide every key from the first one that would reach under the palette key."""
        if any(not c.region.width for c in self.children if c.display) and tries:
            self.call_after_refresh(self._fit, tries - 1)  # not laid out yet
            return
        palette = [c for c in self.children if c.has_class("-command-palette")]
        right = min((c.region.x for c in palette), default=self.region.right)
        overflowing = False
        for unit in self._units():
            overflowing = overflowing or max(c.region.right for c in unit) > right
            for child in unit:
                child.display = not overflowing

    def _units(self) -> list[list[Widget]]:
        """The keys in order; a group's keys and its label make one unit."""
        units: list[list[Widget]] = []
        for child in self.children:
            if child.has_class("-command-palette"):
                continue
            if isinstance(child, FooterLabel) and units and isinstance(units[-1][0], KeyGroup):
                units[-1].append(child)
            elif isinstance(child, FooterKey | KeyGroup):
                units.append([child])
        return units
