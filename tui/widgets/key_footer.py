"""The footer, whole keys only: a key that does not fit is left out, never cut in half.

Textual's footer scrolls what does not fit under the command-palette key at
the right, which at 80 columns showed half a word ("d Depar") and a stray
letter after "^p Commands". Keys are offered in the order the screen declares
them, most needed first; ``?`` lists every one.

It looks like Textual's compact footer, but it is one widget drawing one line,
not a widget per key: a change of keys repaints that line, where Textual's
footer mounted a dozen widgets again and laid the whole screen out twice
(once for the new keys, once more to leave out those that did not fit), about
a third of the main screen's start-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widget import Widget

Keys = tuple[tuple[str, str, str, bool, bool, str], ...]
# A screen's active_bindings, which Textual works out afresh on each reading.
Bindings = Mapping[str, ActiveBinding]
SEPARATOR = "▏"  # before the command-palette key, as Textual's footer draws it


def shown_keys(bindings: Bindings) -> Keys:
    """What a footer would show of a screen's active bindings: each one, and whether enabled."""
    return tuple(
        (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
        for _node, binding, enabled, tooltip in bindings.values()
    )


@dataclass(frozen=True)
class ShownKey:
    """A key as the footer shows it, ``start`` to ``end`` the cells it takes."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Unit:
    """What is shown or left out whole: one key, or a group's keys and its label."""

    keys: tuple[ShownKey, ...]
    label: str = ""  # a group's (its keys show no description of their own)

    @property
    def width(self) -> int:
        if self.label:  # " []" and " Week": the group's own space first
            return 1 + sum(cell_len(k.key_display) for k in self.keys) + 1 + cell_len(self.label)
        return _key_width(self.keys[0])


class KeyFooter(Widget, can_focus=False):
    """The keys of the screen it is on, on the bottom line; clicking one presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--separator",
        "key-footer--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--separator {
            color: $foreground 20%;
        }
        .key-footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._keys: Keys | None = None
        self._shown: tuple[ShownKey, ...] = ()
        self._hovered: ShownKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen and shown_keys(screen.active_bindings) != self._keys:
            self.refresh()

    @property
    def shown(self) -> tuple[ShownKey, ...]:
        """The keys on the line as last drawn, the command-palette key last."""
        return self._shown

    # -- drawing -------------------------------------------------------------

    def render(self) -> Text:
        bindings = self.screen.active_bindings
        self._keys = shown_keys(bindings)
        width = self.size.width
        palette = self._palette_key(bindings)
        right = width - (_key_width(palette) + 2 if palette else 0)  # "▏", the key, a space
        line = Text(no_wrap=True, overflow="crop", end="")
        shown: list[ShownKey] = []
        for unit in self._units(bindings):
            if line.cell_len + unit.width > right:
                break  # this one and every one after it: the most needed come first
            shown.extend(self._draw_unit(line, unit))
            line.append(" ")
        if palette:
            if line.cell_len > right:  # the last key's space, under the separator
                line.right_crop(line.cell_len - right)
            line.append(" " * (right - line.cell_len))
            line.append(SEPARATOR, self._style("key-footer--separator"))
            shown.append(self._draw_key(line, palette))
            line.append(" ")
        self._shown = tuple(shown)
        return line

    def _draw_unit(self, line: Text, unit: Unit) -> Iterator[ShownKey]:
        if not unit.label:
            yield self._draw_key(line, unit.keys[0])
            return
        line.append(" ")
        for key in unit.keys:
            start = line.cell_len
            line.append(key.key_display, self._key_style(key, "key-footer--key"))
            yield replace(key, start=start, end=line.cell_len)
        line.append(" ")
        line.append(unit.label, self._style("key-footer--description"))

    def _draw_key(self, line: Text, key: ShownKey) -> ShownKey:
        start = line.cell_len
        line.append(key.key_display, self._key_style(key, "key-footer--key"))
        if key.description:
            line.append(" " + key.description, self._key_style(key, "key-footer--description"))
        return replace(key, start=start, end=line.cell_len)

    def _key_style(self, key: ShownKey, component: str) -> Style:
        style = self._style(component)
        if not key.enabled:
            style += Style(dim=True)
        if self._hovered is not None and self._hovered.key == key.key:
            style += self._style("key-footer--hover")
        return style

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component)

    # -- what to show ------------------------------------------------------------

    def _units(self, bindings: Bindings) -> Iterator[Unit]:
        """The screen's keys to show, in its order; each action once (its first key)."""
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _node, binding, enabled, tooltip in bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        for group, members in groupby(by_action.values(), lambda found: found[0][0].group):
            firsts = [found[0] for found in members]
            if group is not None and len(firsts) > 1:
                keys = (self._key(b, on, tip or b.description, own=False) for b, on, tip in firsts)
                yield Unit(tuple(keys), label=group.description)
            else:
                yield from (Unit((self._key(b, on, tip),)) for b, on, tip in firsts)

    def _palette_key(self, bindings: Bindings) -> ShownKey | None:
        app = self.app
        if not (self.show_command_palette and app.ENABLE_COMMAND_PALETTE):
            return None
        found = bindings.get(app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        _node, binding, enabled, _tooltip = found
        return self._key(binding, enabled, binding.tooltip or binding.description)

    def _key(self, binding: Binding, enabled: bool, tooltip: str, *, own: bool = True) -> ShownKey:
        return ShownKey(
            key=binding.key,
            key_display=self.app.get_key_display(binding),
            description=binding.description if own else "",
            action=binding.action,
            enabled=enabled,
            tooltip=tooltip,
        )

    # -- the mouse -----------------------------------------------------------------

    def _at(self, x: int) -> ShownKey | None:
        return next((key for key in self._shown if key.start <= x < key.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._at(event.x)
        if hovered != self._hovered:
            self._hovered = hovered
            self.tooltip = hovered.tooltip if hovered and hovered.tooltip else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()


def _key_width(key: ShownKey) -> int:
    return cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
