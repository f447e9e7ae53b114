"""Who is free for which candidate slot: one boolean matrix, members by slots.

Every rule in ``scheduling.rules`` has the same shape: an open stretch
``(lo, hi)`` (a shift widened by its buffer, a rest after a night shift, a
leave) makes its member busy for exactly the slots with ``s < hi`` and
``e > lo``. Slots are sorted and all last ``duration`` minutes, so both their
starts and their ends increase and those slots form one contiguous run of
columns, found with two binary searches. All runs are marked at once on a
difference array and summed along each row: no interval scan per slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import compress, repeat
from operator import attrgetter
from zoneinfo import ZoneInfo

import numpy as np

from scheduling.localtime import at, days
from scheduling.model import Leave, Member, Role, Shift, Status
from scheduling.rules import NIGHT_END, Reason, ReasonKind, Rules, Slot

# What makes a member busy, in the order a person would name it first.
LEAVE, SHIFT_ITSELF, REST, SHIFT_BUFFER = 0, 1, 2, 3
# A free member whose shift ends (or starts) at most this long beyond the
# buffer before (after) the slot is already on site: a handover.
HANDOVER_WINDOW = 30 * 60
ONE_DAY = timedelta(days=1)
# Days kept around the range: shifts last at most two days, rest a few hours.
DAYS_BEFORE, DAYS_AFTER = 4, 3


@dataclass(frozen=True)
class _Stretches:
    """Busy stretches of all members as parallel arrays (seconds since the epoch)."""

    member: np.ndarray  # int: row of the member
    lo: np.ndarray  # busy for slots with s < hi and e > lo
    hi: np.ndarray
    kind: np.ndarray  # LEAVE, SHIFT_ITSELF (the shift proper) or REST
    origin: list[Shift | Leave]  # where each stretch comes from


class Availability:
    """Who is free for each candidate slot, and why the others are not."""

    def __init__(
        self,
        members: tuple[Member, ...],
        slots: tuple[Slot, ...],
        free: np.ndarray,
        *,
        starts: np.ndarray,
        ends: np.ndarray,
        day_of_slot: np.ndarray,
        stretches: _Stretches,
        buffers: np.ndarray,
        handovers: np.ndarray,
        burden: np.ndarray,
        zone: ZoneInfo,
    ) -> None:
        self.members = members
        self.slots = slots
        self.free = free
        self.zone = zone
        self.starts = starts
        self.ends = ends
        self.day_of_slot = day_of_slot
        # Per slot: free members on site at a handover, free members coming in
        # on a day off or on the day a night shift ended.
        self.handovers = handovers
        self.burden = burden
        self._stretches = stretches
        self._buffers = buffers
        self._reasons: dict[int, Reason] = {}
        self._telling_by_slot: dict[int, np.ndarray] = {}

    def free_count(self) -> np.ndarray:
        """How many members are free for each slot."""
        return self.free.sum(axis=0)

    def rows_where(self, wanted: Role | Status) -> np.ndarray:
        """A mask of the members with this role or status."""
        return np.fromiter(
            (m.role is wanted or m.status is wanted for m in self.members),
            dtype=bool,
            count=len(self.members),
        )

    def reason(self, member: int, slot: int) -> Reason | None:
        """The most telling reason ``member`` cannot attend ``slot``; None when free.

        Leave comes first, then a shift overlapping the slot itself, then rest
        after a night shift, then a shift that only comes within the buffer;
        the nearest stretch among those of one kind.
        """
        if self.free[member, slot]:
            return None
        index = int(self._telling(slot)[member])
        if index < 0:  # the matrix and the stretches disagree: a bug, never bad input
            raise AssertionError(f"member {member} is busy for slot {slot} for no reason")
        if index not in self._reasons:
            self._reasons[index] = self._reason_of(index)
        return self._reasons[index]

    def _telling(self, slot: int) -> np.ndarray:
        """For each member, the stretch that best explains their absence (-1: none)."""
        if slot in self._telling_by_slot:
            return self._telling_by_slot[slot]
        st, margin = self._stretches, self._buffers
        s, e = self.starts[slot], self.ends[slot]
        near = np.flatnonzero((st.lo - margin < e) & (st.hi + margin > s))
        lo, hi = st.lo[near], st.hi[near]
        itself = (lo < e) & (hi > s)
        kind = np.where(itself, st.kind[near], SHIFT_BUFFER)
        distance = np.maximum(np.maximum(lo - e, s - hi), 0)
        rows = st.member[near]
        order = np.lexsort((near, distance, kind, rows))
        rows_sorted = rows[order]
        firsts = np.flatnonzero(np.r_[True, rows_sorted[1:] != rows_sorted[:-1]])
        telling = np.full(len(self.members), -1, dtype=np.int64)
        telling[rows_sorted[firsts]] = near[order[firsts]]
        self._telling_by_slot[slot] = telling
        return telling

    def _reason_of(self, index: int) -> Reason:
        origin = self._stretches.origin[index]
        if isinstance(origin, Leave):
            return Reason(ReasonKind.LEAVE, origin.start, origin.end, note=origin.reason)
        if self._stretches.kind[index] == REST:
            rest_end = datetime.fromtimestamp(int(self._stretches.hi[index]), self.zone)
            return Reason(ReasonKind.REST, origin.end, rest_end, origin.post, origin.label)
        return Reason(ReasonKind.SHIFT, origin.start, origin.end, origin.post, origin.label)


def find_availability(
    members: Sequence[Member],
    shifts: Iterable[Shift],
    leave: Iterable[Leave],
    first: date,
    last: date,
    zone: ZoneInfo,
    rules: Rules = Rules(),  # noqa: B008 - frozen, never mutated
) -> Availability:
    """Who of ``members`` is free for each slot from ``first`` to ``last`` (local dates)."""
    members = tuple(members)
    row_of = {m.employee_no: row for row, m in enumerate(members)}
    starts, day_of_slot = _slot_starts(first, last, zone, rules)
    ends = starts + rules.duration * 60
    slots = tuple(
        Slot(datetime.fromtimestamp(int(s), zone), datetime.fromtimestamp(int(e), zone))
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
    )
    mine, shift_rows = _of_members(list(shifts), row_of)
    away = [v for v in leave if v.employee_no in row_of]
    # Local midnights from two days before the range on: shifts last at most two days.
    midnights = _instants(first, last, zone, time(0))
    nights = _night_ends(first, last, zone)
    stretches, buffers = _stretches(mine, shift_rows, away, row_of, midnights, nights, rules)
    count = len(members)
    busy = _mark(
        count, starts, ends, stretches.member, stretches.lo - buffers, stretches.hi + buffers
    )
    free = ~busy
    on_site = _on_site(count, starts, ends, stretches, buffers, len(mine)) & free
    day_rows = _day_off_or_after_night(count, stretches, len(mine), midnights, len(nights))
    burden = day_rows[:, day_of_slot + DAYS_BEFORE] & free
    return Availability(
        members,
        slots,
        free,
        starts=starts,
        ends=ends,
        day_of_slot=day_of_slot,
        stretches=stretches,
        buffers=buffers,
        handovers=np.count_nonzero(on_site, axis=0),
        burden=np.count_nonzero(burden, axis=0),
        zone=zone,
    )


def _slot_starts(
    first: date, last: date, zone: ZoneInfo, rules: Rules
) -> tuple[np.ndarray, np.ndarray]:
    """Every slot's start (seconds) in order, and the index of its local day."""
    minutes = rules.start_minutes()
    starts, day_index = [], []
    for index, day in enumerate(days(first, last)):
        for minute in minutes:
            starts.append(int(at(day, time(minute // 60, minute % 60), zone).timestamp()))
            day_index.append(index)
    # A clock time skipped by a DST change maps onto the next one: keep one slot.
    unique, where = np.unique(np.array(starts, dtype=np.int64), return_index=True)
    return unique, np.array(day_index, dtype=np.int64)[where]


def _instants(first: date, last: date, zone: ZoneInfo, clock: time) -> np.ndarray:
    """``clock`` on each local day around the range, as seconds."""
    around = days(first - DAYS_BEFORE * ONE_DAY, last + DAYS_AFTER * ONE_DAY)
    return np.array([int(at(day, clock, zone).timestamp()) for day in around], dtype=np.int64)


def _night_ends(first: date, last: date, zone: ZoneInfo) -> np.ndarray:
    return _instants(first, last, zone, NIGHT_END)


def _stretches(
    shifts: list[Shift],
    shift_rows: np.ndarray,
    leave: list[Leave],
    row_of: dict[str, int],
    midnights: np.ndarray,
    night_ends: np.ndarray,
    rules: Rules,
) -> tuple[_Stretches, np.ndarray]:
    """Shifts first (in order), then rests after night shifts, then leave; and buffers."""
    count = len(shifts)
    a = np.fromiter(map(attrgetter("start_ts"), shifts), np.float64, count).astype(np.int64)
    b = np.fromiter(map(attrgetter("end_ts"), shifts), np.float64, count).astype(np.int64)
    margins = _Margins(rules)
    posts = map(attrgetter("post"), shifts)
    shift_buffers = np.fromiter(map(margins.__getitem__, posts), np.int64, count)
    night = _is_night(a, b, midnights, night_ends) if rules.rest > 0 else np.zeros(len(a), bool)
    rested = np.flatnonzero(night)
    leave_rows = np.array([row_of[v.employee_no] for v in leave], dtype=np.int64)
    leave_lo = np.array([int(v.start.timestamp()) for v in leave], dtype=np.int64)
    leave_hi = np.array([int(v.end.timestamp()) for v in leave], dtype=np.int64)
    rest = int(rules.rest * 3600)
    stretches = _Stretches(
        member=np.concatenate([shift_rows, shift_rows[rested], leave_rows]),
        lo=np.concatenate([a, b[rested], leave_lo]),
        hi=np.concatenate([b, b[rested] + rest, leave_hi]),
        kind=np.concatenate(
            [
                np.full(len(a), SHIFT_ITSELF),
                np.full(len(rested), REST),
                np.full(len(leave), LEAVE),
            ]
        ),
        origin=[*shifts, *(shifts[i] for i in rested.tolist()), *leave],
    )
    buffers = np.concatenate([shift_buffers, np.zeros(len(rested) + len(leave), np.int64)])
    return stretches, buffers


class _Margins(dict[str | None, int]):
    """Seconds of margin around a post's shifts, worked out once per post."""

    def __init__(self, rules: Rules) -> None:
        super().__init__()
        self.rules = rules

    def __missing__(self, post: str | None) -> int:
        self[post] = margin = self.rules.buffer_for(post) * 60
        return margin


def _of_members(shifts: list[Shift], row_of: dict[str, int]) -> tuple[list[Shift], np.ndarray]:
    """The shifts of the members asked about (usually all that were passed), and their rows."""
    numbers = map(attrgetter("employee_no"), shifts)
    rows = np.fromiter(map(row_of.get, numbers, repeat(-1)), np.int64, len(shifts))
    known = rows >= 0
    if known.all():
        return shifts, rows
    return list(compress(shifts, known)), rows[known]


def _is_night(
    a: np.ndarray, b: np.ndarray, midnights: np.ndarray, night_ends: np.ndarray
) -> np.ndarray:
    """Shifts covering any moment between 00:00 and 05:00 local on some day."""
    first_day = np.searchsorted(midnights, a, side="right") - 1
    night = np.zeros(len(a), dtype=bool)
    for offset in range(3):  # a shift lasts at most two days: it touches at most three
        day = np.clip(first_day + offset, 0, len(midnights) - 1)
        night |= (a < night_ends[day]) & (b > midnights[day])
    return night


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
    dtype = np.int8 if most < 2**7 else np.int16 if most < 2**15 else np.int64
    counts = np.zeros((members, slots + 1), dtype=dtype)
    np.add.at(counts, (rows, first), 1)
    np.add.at(counts, (rows, stop), -1)
    return np.cumsum(counts[:, :slots], axis=1, dtype=dtype) > 0


def _on_site(
    members: int,
    starts: np.ndarray,
    ends: np.ndarray,
    stretches: _Stretches,
    buffers: np.ndarray,
    shifts: int,
) -> np.ndarray:
    """Slots a member's own shift ends right before, or starts right after (a handover)."""
    rows = stretches.member[:shifts]
    a, b, margin = stretches.lo[:shifts], stretches.hi[:shifts], buffers[:shifts]
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
    members: int, stretches: _Stretches, shifts: int, midnights: np.ndarray, count: int
) -> np.ndarray:
    """Member by day (from ``DAYS_BEFORE`` days early): no shift that day, or a rest ended in it."""
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
