"""Key bindings described in the UI language, and which of them a screen offers.

``BINDINGS`` are class attributes, read when a module is imported, before
``--lang`` is known; so descriptions are written in English there and put
into the chosen language when each screen is built.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from shiftcell.tui.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen


def translate_bindings(node: DOMNode) -> None:
    """Replace ``node``'s bindings with copies described in the current language."""
    keys = {
        key: [
            replace(
                binding,
                description=t(binding.description) if binding.description else "",
                tooltip=t(binding.tooltip) if binding.tooltip else "",
                group=replace(binding.group, description=t(binding.group.description))
                if binding.group
                else None,
            )
            for binding in bindings
        ]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


@dataclass(frozen=True)
class KeyUse:
    """One thing a key does on the screen shown: help and the palette list these."""

    keys: tuple[str, ...]  # as the user reads them: ("←", "[")
    description: str  # the footer's words
    explanation: str  # longer words for help, when the binding has them (its tooltip)
    action: str
    node: DOMNode


def keys_in_use(screen: Screen[object]) -> list[KeyUse]:
    """Every key shiftcell itself binds on ``screen``, each thing it does once.

    From the focused widget out to the screen, then the app, so that a key a
    widget takes for itself (the heatmap's arrows) is not also said to change
    the week. Only bindings declared in shiftcell's own classes count: Textual's
    (a tree's "Cursor to next ancestor", "Page Left") are its widgets' business.
    A binding its node disables now (a viewer's "Plan meeting") is left out.
    """
    app = screen.app
    chain = list(screen.focused.ancestors_with_self) if screen.focused else [screen, app]
    claimed: set[str] = set()
    found: dict[tuple[str, int], KeyUse] = {}
    for node in chain:
        own = _own_actions(node)
        taken: set[str] = set()
        for key, bindings in node._bindings.key_to_bindings.items():
            for binding in bindings:
                if key in claimed or binding.action not in own or not binding.description:
                    continue
                if not _enabled(node, binding.action):
                    continue
                taken.add(key)
                entry = (binding.action, id(node))
                shown = app.get_key_display(binding)
                before = found.get(entry)
                keys = before.keys if before else ()
                found[entry] = KeyUse(
                    keys=keys if shown in keys else (*keys, shown),
                    description=binding.description,
                    explanation=binding.tooltip or binding.description,
                    action=binding.action,
                    node=node,
                )
        claimed |= taken
    return _once_each(list(found.values()))


def _once_each(uses: list[KeyUse]) -> list[KeyUse]:
    """The screen's "? Help" and the app's are one thing: the first one said wins."""
    seen: set[str] = set()
    kept = []
    for use in uses:
        if use.description not in seen:
            seen.add(use.description)
            kept.append(use)
    return kept


def _own_actions(node: DOMNode) -> set[str]:
    """Actions bound in the classes of ``node`` that shiftcell declares itself."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("shiftcell.") and "BINDINGS" in cls.__dict__:
            actions.update(b.action for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding))
    return actions


def _enabled(node: DOMNode, action: str) -> bool:
    namespace, name, parameters = parse(action)
    target = node.app if namespace == "app" else node.screen if namespace == "screen" else node
    return target.check_action(name, parameters) is True
