"""What the screen shows, as a user reads it: rows of characters, each with its style."""

from __future__ import annotations

from rich.style import Style

from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.words.textwidth import cells

Row = list[tuple[str, Style]]


def screen_rows(app: ShiftcellApp) -> list[Row]:
    """Every row of the screen, one (character, style) per cell: a wide character is
    followed by ("", style) for the cell it covers, so that an index is a column."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row: Row = []
        for segment in strip:
            style = segment.style or Style()
            for ch in segment.text:
                row.append((ch, style))
                if cells(ch) == 2:
                    row.append(("", style))
        rows.append(row)
    return rows


def text_of(row: Row) -> str:
    return "".join(ch for ch, _ in row)


def styles_of(row: Row, text: str) -> list[list[Style]]:
    """The styles of the characters of each place ``text`` is written in ``row``."""
    chars = [(ch, style) for ch, style in row if ch]
    line = "".join(ch for ch, _ in chars)
    found, start = [], line.find(text)
    while start >= 0:
        found.append([style for _, style in chars[start : start + len(text)]])
        start = line.find(text, start + 1)
    return found
