"""The board of where each group stands: a row per group (the branch first), a column
per requirement, each cell a mark and a date."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from shiftcell.scheduling.cadence import Reach, Standing
from shiftcell.tui.views.cadence_board import Board, BoardCell
from shiftcell.tui.words.cadence import (
    BOOKED_MARK,
    STANDING_MARKS,
    short_requirement_label,
    whom_label,
)
from shiftcell.tui.words.textwidth import cells

# Marks read without colour; colour helps where there is some.
STYLES = {Standing.OK: "green", Standing.DUE: "yellow", Standing.OVERDUE: "bold red"}
CELL = 7  # "✓ 12-03"
NAME = 18  # columns a group's name may take before it is cut


class CadenceBoard(DataTable[Text]):
    """Cells without padding, a space between columns: the branch of five groups and
    seven requirements fits 80 columns in either language."""

    DEFAULT_CSS = """
    CadenceBoard {
        height: auto;
        max-height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=0)

    def show(self, board: Board) -> None:
        self.clear(columns=True)
        names = [whom_label(row.group, Reach.BRANCH) for row in board.rows]
        self.add_column("", width=min(NAME, max((cells(n) for n in names), default=0)) + 1)
        for requirement in board.requirements:
            header = short_requirement_label(requirement.kind)
            self.add_column(header, width=max(CELL, cells(header)) + 1)
        for row, name in zip(board.rows, names, strict=True):
            label = Text(name, style="bold" if row.group is None else "", no_wrap=True)
            label.truncate(NAME, overflow="ellipsis")
            self.add_row(label, *(_cell(c) for c in row.cells), key=row.group or "")


def _cell(cell: BoardCell) -> Text:
    if cell.status is None:
        return Text("·", style="dim")
    day = f" {cell.day:%m-%d}" if cell.day else ""
    mark = BOOKED_MARK if cell.booked else STANDING_MARKS[cell.status]
    return Text(mark + day, style=STYLES[cell.status], no_wrap=True)
