"""Every key the footer, the help and the palette describe has its Chinese."""

from __future__ import annotations

import ast
from pathlib import Path

from shiftcell.tui.locale_zh import ZH

TUI = Path(__file__).parents[2] / "tui"


def _binding_descriptions() -> dict[str, str]:
    """The description of every ``Binding(key, action, description)`` in tui/."""
    found = {}
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Binding"
            ):
                continue
            values = [*node.args[2:3], *(k.value for k in node.keywords if k.arg == "description")]
            for value in values:
                if isinstance(value, ast.Constant) and value.value:
                    found.setdefault(value.value, f"{path.name}:{node.lineno}")
    return found


def test_the_scan_finds_the_bindings() -> None:
    """A scan that finds nothing would let every missing translation through."""
    assert {"Next week", "Plan meeting", "Who is free"} <= set(_binding_descriptions())


def test_every_binding_description_has_a_chinese_translation() -> None:
    """Binding descriptions are translated when a screen is built, not by ``t()`` calls."""
    missing = [
        f"{where}: {text!r}" for text, where in _binding_descriptions().items() if text not in ZH
    ]
    assert not missing, "no Chinese for:\n" + "\n".join(missing)
