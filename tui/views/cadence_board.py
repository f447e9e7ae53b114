"""The organisational-life board as the screen draws it: groups by requirements.

Arithmetic only (no Textual): which requirements are columns, which rows the
branch and the groups make, what each cell says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from shiftcell.scheduling.cadence import Cadence, Requirement, Standing

if TYPE_CHECKING:
    from shiftcell.db.cadence import BoardLine
    from shiftcell.db.store import Store


@dataclass(frozen=True)
class BoardCell:
    """One requirement for one row: its standing and a date (held on, or due by)."""

    status: Standing | None  # None: the requirement is not this row's
    day: date | None = None  # held on; else booked for; else due by
    booked: bool = False  # not held yet, but a meeting is booked for it


@dataclass(frozen=True)
class BoardRow:
    group: str | None  # None: the branch
    cells: tuple[BoardCell, ...]


@dataclass(frozen=True)
class Board:
    as_of: date
    requirements: tuple[Requirement, ...]  # the columns: every requirement not off
    rows: tuple[BoardRow, ...]  # the branch first (in the whole view), then the groups


def board_of(lines: Sequence[BoardLine], requirements: Sequence[Requirement], as_of: date) -> Board:
    """The board from the store's lines: a cell says the date held when held this
    period, else the date a meeting is booked for, else the date it is due by."""
    kept = tuple(r for r in requirements if r.cadence is not Cadence.OFF)
    found: dict[str | None, dict[Requirement, BoardCell]] = {}
    for line in lines:
        if line.status is Standing.OK:
            cell = BoardCell(line.status, line.last_held)
        elif line.booked is not None:
            cell = BoardCell(line.status, line.booked, booked=True)
        else:
            cell = BoardCell(line.status, line.due_by)
        found.setdefault(line.group, {})[line.requirement] = cell
    order = sorted(found, key=lambda group: (group is not None, group or ""))
    rows = tuple(
        BoardRow(group, tuple(found[group].get(r, BoardCell(None)) for r in kept))
        for group in order
    )
    return Board(as_of, kept, rows)


def load_board(store: Store, as_of: date) -> Board:
    return board_of(store.cadence.board(as_of), store.cadence.requirements(), as_of)
