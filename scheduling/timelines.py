"""Member timelines on the slot grid: busy runs marked for all members at once.

Every rule has the same shape: an open stretch ``(lo, hi)`` (a shift or a
booked meeting widened by its buffer, a rest after a night shift, a leave) makes its member busy for
exactly the slots with ``s < hi`` and ``e > lo``. Slots are sorted and all last
``duration`` minutes, so both their starts and their ends increase and those
slots form one contiguous run of columns, found with two binary searches. All
runs are marked on a difference array and summed along each row: no interval
scan per slot.

Members whose stretches are all the same (a crew on one rotation) share one
**timeline**: the grid is worked out once per distinct timeline, a few hundred
for thousands of staff, and spread back to members at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from shiftcell.scheduling.model import Invitation, Leave, Shift

# What makes a member busy, in the order a person would name it first; the
# last is a shift or a meeting that only comes within its changeover margin.
LEAVE, SHIFT_ITSELF, MEETING, REST, SHIFT_BUFFER = 0, 1, 2, 3, 4
# A free member whose shift ends (or starts) at most this long beyond the
# buffer before (after) the slot is already on site: a handover.
HANDOVER_WINDOW = 30 * 60
# Days kept around the range: shifts last at most two days, rest a few hours.
DAYS_BEFORE, DAYS_AFTER = 4, 3


@dataclass(frozen=True)
class Stretches:
    """Busy stretches of all members as parallel arrays (seconds since the epoch).

    Shifts come first, ``shifts`` of them, then rests, then leave, then meetings.
    """

    member: np.ndarray  # int: row of the member
    lo: np.ndarray  # busy for slots with s < hi and e > lo (widened by ``margin``)
    hi: np.ndarray
    margin: np.ndarray  # the buffer around a shift or a meeting; 0 for rest and leave
    kind: np.ndarray  # LEAVE, SHIFT_ITSELF (the shift proper), MEETING or REST
    origin: Sequence[Shift | Leave | Invitation]  # where each stretch comes from
    shifts: int

    def subset(self, keep: np.ndarray, rows: np.ndarray) -> Stretches:
        """The stretches where ``keep``, their members renumbered through ``rows``."""
        return Stretches(
            member=rows[self.member[keep]],
            lo=self.lo[keep],
            hi=self.hi[keep],
            margin=self.margin[keep],
            kind=self.kind[keep],
            origin=[],
            shifts=int(keep[: self.shifts].sum()),
        )


@dataclass(frozen=True)
class Timelines:
    """The distinct timelines of the members, on the slot grid."""

    of_member: np.ndarray  # the timeline of each member
    weights: np.ndarray  # how many members share each timeline
    free: np.ndarray  # timelines by slots
    on_site: np.ndarray  # free, and at a handover
    burden: np.ndarray  # free, and coming in on a day off or the day a night shift ended

    def per_slot(self, grid: np.ndarray) -> np.ndarray:
        """How many members a timelines-by-slots mask holds for each slot."""
        return self.weights.astype(np.int64) @ grid.astype(np.int64)


def timelines(
    members: int,
    starts: np.ndarray,
    ends: np.ndarray,
    day_of_slot: np.ndarray,
    stretches: Stretches,
    midnights: np.ndarray,
) -> Timelines:
    """Each distinct timeline's free, on-site and burden rows."""
    of_member, representatives = _distinct(members, stretches)
    rows = np.full(members, -1, dtype=np.int64)
    rows[representatives] = np.arange(len(representatives))
    mine = stretches.subset(rows[stretches.member] >= 0, rows)
    count = len(representatives)
    busy = _mark(count, starts, ends, mine.member, mine.lo - mine.margin, mine.hi + mine.margin)
    free = ~busy
    on_site = _on_site(count, starts, ends, mine) & free
    days = _day_off_or_after_night(count, mine, midnights)
    burden = days[:, day_of_slot + DAYS_BEFORE] & free
    weights = np.bincount(of_member, minlength=count)
    return Timelines(of_member, weights, free, on_site, burden)


def _distinct(members: int, stretches: Stretches) -> tuple[np.ndarray, list[int]]:
    """The timeline of each member, and the first member of each timeline."""
    st = stretches
    order = np.lexsort((st.margin, st.hi, st.lo, st.kind, st.member))
    table = np.stack([st.kind, st.lo, st.hi, st.margin], axis=1)[order]
    bounds = np.searchsorted(st.member[order], np.arange(members + 1)).tolist()
    seen: dict[bytes, int] = {}
    of_member = np.empty(members, dtype=np.int64)
    representatives: list[int] = []
    for row in range(members):
        key = table[bounds[row] : bounds[row + 1]].tobytes()
        index = seen.setdefault(key, len(representatives))
        if index == len(representatives):
            representatives.append(row)
        of_member[row] = index
    return of_member, representatives


def _mark(
    members: int,
    starts: np.ndarray,
    ends: np.ndarray,
    rows: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
) -> np.ndarray:
    """A member-by-slot mask of the slots with ``s < hi`` and ``e > lo`` for each stretch."""
    first = np.searchsorted(ends, lo, side="right")
    stop = np.searchsorted(starts, hi, side="left")
    return _mark_runs(members, len(starts), rows, first, stop)


def _mark_runs(
    members: int, slots: int, rows: np.ndarray, first: np.ndarray, stop: np.ndarray
) -> np.ndarray:
    """Mark columns ``first`` up to ``stop`` (exclusive) of each row, all at once."""
    keep = first < stop
    rows, first, stop = rows[keep], first[keep], stop[keep]
    # A running count never exceeds its row's number of runs: the narrowest
    # integer that holds that is the fastest to add up.
    most = int(np.bincount(rows, minlength=1).max()) if len(rows) else 0
    dtype: type[np.signedinteger[Any]] = (
        np.int8 if most < 2**7 else np.int16 if most < 2**15 else np.int64
    )
    counts = np.zeros((members, slots + 1), dtype=dtype)
    np.add.at(counts, (rows, first), 1)
    np.add.at(counts, (rows, stop), -1)
    return np.cumsum(counts[:, :slots], axis=1, dtype=dtype) > 0


def _on_site(
    members: int, starts: np.ndarray, ends: np.ndarray, stretches: Stretches
) -> np.ndarray:
    """Slots a member's own shift ends right before, or starts right after (a handover)."""
    shifts = stretches.shifts
    rows = stretches.member[:shifts]
    a, b, margin = stretches.lo[:shifts], stretches.hi[:shifts], stretches.margin[:shifts]
    # Runs of slots starting right after a shift's margin, and ending right before one.
    return _mark_runs(
        members,
        len(starts),
        np.concatenate([rows, rows]),
        np.concatenate(
            [
                np.searchsorted(starts, b + margin, side="left"),
                np.searchsorted(ends, a - margin - HANDOVER_WINDOW, side="left"),
            ]
        ),
        np.concatenate(
            [
                np.searchsorted(starts, b + margin + HANDOVER_WINDOW, side="right"),
                np.searchsorted(ends, a - margin, side="right"),
            ]
        ),
    )


def _day_off_or_after_night(
    members: int, stretches: Stretches, midnights: np.ndarray
) -> np.ndarray:
    """Member by day (from ``DAYS_BEFORE`` days early): no shift that day, or a rest ended in it."""
    shifts, count = stretches.shifts, len(midnights)
    rows = stretches.member[:shifts]
    a, b = stretches.lo[:shifts], stretches.hi[:shifts]
    first = np.searchsorted(midnights, a, side="right") - 1
    last = np.searchsorted(midnights, b - 1, side="right") - 1
    worked = np.zeros((members, count), dtype=bool)
    for offset in range(3):  # a shift touches at most three local days
        day = first + offset
        touched = day <= last
        worked[rows[touched], np.clip(day[touched], 0, count - 1)] = True
    rest_rows = stretches.member[stretches.kind == REST]
    rest_end = stretches.lo[stretches.kind == REST]  # rest begins as the night shift ends
    tired = np.zeros((members, count), dtype=bool)
    tired[
        rest_rows, np.clip(np.searchsorted(midnights, rest_end, side="right") - 1, 0, count - 1)
    ] = True
    return ~worked | tired
