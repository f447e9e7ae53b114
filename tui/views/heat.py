"""A group's week as an availability heatmap: how many are free in each grid cell.

Read and computed in a worker thread through the scheduler, with the same
rules a meeting proposal uses (changeover buffers, rest after night shifts,
leave, booked meetings), so that a bright cell is a time a meeting could
really be held; a cell that began before now is marked past. Our mobile
members who are away are not counted, as a proposal does not ask about them;
they are named apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from shiftcell.db.planning import Planner
from shiftcell.db.store import Store
from shiftcell.scheduling import Availability, Member, Reason, votes


@dataclass(frozen=True)
class Heat:
    """Free counts per (day, row) of the grid, and the availability behind them."""

    group: str
    monday: date
    minutes: int
    members: tuple[Member, ...]  # those counted: the group's members here
    counts: np.ndarray  # int, shape (7, rows); -1 where no slot exists
    availability: Availability
    slot_at: dict[tuple[int, int], int]  # (day, row) -> slot index
    past: np.ndarray  # bool, shape (7, rows): the cell began before now
    away: tuple[Member, ...] = ()  # our mobile members who are away, not counted

    def cell(self, day: int, row: int) -> Cell | None:
        """Who is free in one cell, and why each of the others is not."""
        slot = self.slot_at.get((day, row))
        if slot is None:
            return None
        found = self.availability.slots[slot]
        free, busy = [], []
        for index, member in enumerate(self.availability.members):
            reason = self.availability.reason(index, slot)
            if reason is None:
                free.append(member)
            else:
                busy.append((member, reason))
        return Cell(self.group, found.start, found.end, tuple(free), tuple(busy), self.away)


@dataclass(frozen=True)
class Cell:
    group: str
    start: datetime
    end: datetime
    free: tuple[Member, ...]
    busy: tuple[tuple[Member, Reason], ...]
    away: tuple[Member, ...] = ()


def load_heat(
    store: Store, group: str, monday: date, minutes: int, now: datetime | None = None
) -> Heat:
    """The group's availability for every ``minutes``-long cell of the week.

    Cells that began before ``now`` are marked past: a meeting can no longer start there.
    """
    planner = Planner(store)
    here, away = votes.split_away(store.members(groups=[group]))
    members = tuple(here)
    rules = planner.rules(duration=minutes, step=minutes, earliest=time(0), latest=time(0))
    availability = planner.availability(members, monday, monday + timedelta(days=6), rules)
    rows = 24 * 60 // minutes
    counts = np.full((7, rows), -1, dtype=int)
    past = np.zeros((7, rows), dtype=bool)
    free = availability.free_count()
    slot_at = {}
    for index, slot in enumerate(availability.slots):
        day = (slot.start.date() - monday).days
        row = (slot.start.hour * 60 + slot.start.minute) // minutes
        if 0 <= day < 7 and 0 <= row < rows:
            counts[day, row] = int(free[index])
            slot_at[day, row] = index
            past[day, row] = now is not None and slot.start.timestamp() < now.timestamp()
    return Heat(group, monday, minutes, members, counts, availability, slot_at, past, tuple(away))
