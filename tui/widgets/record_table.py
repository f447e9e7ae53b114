"""A table of records whose columns are sized from what they hold, at once."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from shiftcell.tui.words.textwidth import cells

Cell = str | Text


class RecordTable(DataTable[Cell]):
    """A row-cursor table refilled whole; wide (CJK) characters count two cells.

    Widths are set when the rows arrive rather than measured later when the
    table is idle, so that what is drawn never depends on timing.
    """

    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def show(
        self,
        headers: Sequence[str],
        rows: Sequence[tuple[str | None, Sequence[Cell]]],
    ) -> None:
        """Replace everything with ``rows`` of (key, cells), keeping the cursor's place."""
        kept = self.cursor_row
        widths = [cells(h) for h in headers]
        for _, row in rows:
            widths = [max(w, cells(_plain(c))) for w, c in zip(widths, row, strict=True)]
        self.clear(columns=True)
        for header, width in zip(headers, widths, strict=True):
            self.add_column(header, width=width)
        for key, row in rows:
            self.add_row(*map(_single_line, row), key=key)
        self.move_cursor(row=min(kept, max(0, self.row_count - 1)))

    def selected_key(self) -> str | None:
        """The key of the row under the cursor (None on an empty table or a note row)."""
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value


def _single_line(cell: Cell) -> Cell:
    """Rich text ends in a newline by default, which a table cell draws as a gap."""
    if isinstance(cell, Text):
        cell = cell.copy()
        cell.end = ""
        cell.no_wrap = True
    return cell


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell
