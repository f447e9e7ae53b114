"""Columns that line up when names are Chinese: wide characters take two cells."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def fit(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending in "…" when cut."""
    if cells(text) <= width:
        return text
    kept = ""
    for ch in text:
        if cells(kept + ch) + 1 > width:
            break
        kept += ch
    return kept + "…"


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain table, two spaces between columns, aligned by display width."""
    widths = [cells(h) for h in headers]
    for row in rows:
        widths = [max(w, cells(value)) for w, value in zip(widths, row, strict=True)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("─" * w for w in widths).rstrip())
    lines.extend(
        "  ".join(pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )
    return "\n".join(lines)
