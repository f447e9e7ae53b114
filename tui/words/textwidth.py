"""Columns that line up when names are Chinese: wide characters take two cells."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache


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


def is_wide(text: str) -> bool:
    """Whether ``text`` holds a character two cells wide (Chinese, full-width punctuation)."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


@cache
def _tokens() -> re.Pattern[str]:
    """A space, a run of narrow characters (an English word, a path), or one wide
    character. Compiled when help is first wrapped: building its class of characters
    takes milliseconds that the app's start-up need not spend."""
    return re.compile(r"\s+|[^\s\u1100-\uffff]+|.", re.DOTALL)


# Wide punctuation that must not begin a line: the character before it goes down with it.
_CLOSING = set("，。、；：！？）」』》〉”’…")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces or between
    wide characters (Chinese has no spaces), never before closing punctuation."""
    lines: list[str] = []
    line: list[str] = []  # the tokens of the line being filled
    for token in _tokens().findall(text.replace("\n", " ")):
        if cells("".join(line) + token) <= width or not line:
            line.append(token)
            continue
        carried: list[str] = []
        if token in _CLOSING:  # "多）。": the word before the punctuation goes down with it
            while line and line[-1] in _CLOSING:
                carried.insert(0, line.pop())
            if line:
                carried.insert(0, line.pop())
            if not "".join(line).strip():  # nothing would be left: keep the line as it was
                line, carried = line + carried, []
        lines.append("".join(line).rstrip())
        line = carried + ([] if token.isspace() else [token])
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines
