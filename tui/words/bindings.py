"""Key bindings described in the UI language.

``BINDINGS`` are class attributes, read when a module is imported, before
``--lang`` is known; so descriptions are written in English there and put
into the chosen language when each screen is built.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from shiftcell.tui.i18n import t


def translate_bindings(node: DOMNode) -> None:
    """Replace ``node``'s bindings with copies described in the current language."""
    keys = {
        key: [
            replace(
                binding,
                description=t(binding.description) if binding.description else "",
                tooltip=t(binding.tooltip) if binding.tooltip else "",
            )
            for binding in bindings
        ]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)
