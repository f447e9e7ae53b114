"""Who is free for which candidate slot: one boolean matrix, members by slots.

The shifts, rests after night shifts, leave and booked meetings of the
members become busy stretches (``scheduling.timelines`` marks them on the slot grid); a member's
absence from a slot is explained by the most telling stretch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import overload
from zoneinfo import ZoneInfo

import numpy as np

from shiftcell.scheduling.localtime import at, days
from shiftcell.scheduling.model import Invitation, Leave, Member, Role, Shift, Status
from shiftcell.scheduling.rules import NIGHT_END, Reason, ReasonKind, Rules, Slot
from shiftcell.scheduling.shift_list import ShiftList
from shiftcell.scheduling.timelines import (
    DAYS_AFTER,
    DAYS_BEFORE,
    LEAVE,
    MEETING,
    REST,
    SHIFT_BUFFER,
    SHIFT_ITSELF,
    Stretches,
    Timelines,
    timelines,
)

ONE_DAY = timedelta(days=1)


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
        stretches: Stretches,
        grid: Timelines,
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
        self.handovers = grid.per_slot(grid.on_site)
        self.burden = grid.per_slot(grid.burden)
        # Members sharing one timeline: what proposals count and compare.
        self.timelines = grid
        self._stretches = stretches
        self._reasons: dict[int, Reason] = {}
        self._telling_by_slot: dict[int, np.ndarray] = {}

    def free_count(self) -> np.ndarray:
        """How many members are free for each slot."""
        counts: np.ndarray = self.free.sum(axis=0)
        return counts

    def rows_where(self, wanted: Role | Status) -> np.ndarray:
        """A mask of the members with this role or status."""
        return np.fromiter(
            (m.role is wanted or m.status is wanted for m in self.members),
            dtype=bool,
            count=len(self.members),
        )

    def reason(self, member: int, slot: int) -> Reason | None:
        """The most telling reason ``member`` cannot attend ``slot``; None when free.

        Leave comes first, then a shift overlapping the slot itself, then a
        meeting overlapping it, then rest after a night shift, then a shift or
        a meeting that only comes within the buffer; the nearest stretch among
        those of one kind.
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
        st = self._stretches
        margin = st.margin
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
        if isinstance(origin, Invitation):
            return Reason(
                ReasonKind.MEETING,
                origin.start,
                origin.end,
                label=origin.topic,
                meeting=origin.meeting,
            )
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
    invitations: Iterable[Invitation] = (),
) -> Availability:
    """Who of ``members`` is free for each slot from ``first`` to ``last`` (local dates).

    ``invitations`` are the members' planned meetings: each makes its member
    busy as a shift at a post without a travel margin would.
    """
    members = tuple(members)
    row_of = {m.employee_no: row for row, m in enumerate(members)}
    starts, ends, day_of_slot, slots = _slot_grid(first, last, zone, rules)
    if not isinstance(shifts, ShiftList):
        shifts = ShiftList.of(list(shifts), zone)
    mine = _ShiftFields.of(shifts, row_of, rules)
    away = [v for v in leave if v.employee_no in row_of]
    booked = [v for v in invitations if v.employee_no in row_of]
    # Local midnights from two days before the range on: shifts last at most two days.
    midnights = _instants(first, last, zone, time(0))
    nights = _night_ends(first, last, zone)
    stretches = _stretches(mine, away, booked, row_of, midnights, nights, rules)
    grid = timelines(len(members), starts, ends, day_of_slot, stretches, midnights)
    return Availability(
        members,
        slots,
        grid.free[grid.of_member],
        starts=starts,
        ends=ends,
        day_of_slot=day_of_slot,
        stretches=stretches,
        grid=grid,
        zone=zone,
    )


@lru_cache(maxsize=16)
def _slot_grid(
    first: date, last: date, zone: ZoneInfo, rules: Rules
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[Slot, ...]]:
    """Starts, ends and days of the slots (read-only arrays), and the slots themselves.

    Kept for the last few ranges: a quarter's plan asks the same month of
    hundreds of groups, and making the slots is most of a small group's answer.
    """
    starts, day_of_slot = _slot_starts(first, last, zone, rules)
    ends = starts + rules.duration * 60
    slots = tuple(
        Slot(datetime.fromtimestamp(int(s), zone), datetime.fromtimestamp(int(e), zone))
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
    )
    for array in (starts, ends, day_of_slot):
        array.setflags(write=False)
    return starts, ends, day_of_slot, slots


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
    day_of_slot = np.array(day_index, dtype=np.int64)[where]
    if rules.not_before is not None:
        ahead = unique >= int(np.ceil(rules.not_before.timestamp()))
        unique, day_of_slot = unique[ahead], day_of_slot[ahead]
    return unique, day_of_slot


def _instants(first: date, last: date, zone: ZoneInfo, clock: time) -> np.ndarray:
    """``clock`` on each local day around the range, as seconds."""
    around = days(first - DAYS_BEFORE * ONE_DAY, last + DAYS_AFTER * ONE_DAY)
    return np.array([int(at(day, clock, zone).timestamp()) for day in around], dtype=np.int64)


def _night_ends(first: date, last: date, zone: ZoneInfo) -> np.ndarray:
    return _instants(first, last, zone, NIGHT_END)


def _stretches(
    mine: _ShiftFields,
    leave: list[Leave],
    booked: list[Invitation],
    row_of: dict[str, int],
    midnights: np.ndarray,
    night_ends: np.ndarray,
    rules: Rules,
) -> Stretches:
    """Shifts first (in order), then rests after night shifts, then leave, then meetings."""
    shift_rows, a, b = mine.rows, mine.start, mine.end
    night = _is_night(a, b, midnights, night_ends) if rules.rest > 0 else np.zeros(len(a), bool)
    rested = np.flatnonzero(night)
    leave_rows = np.array([row_of[v.employee_no] for v in leave], dtype=np.int64)
    leave_lo = np.array([int(v.start.timestamp()) for v in leave], dtype=np.int64)
    leave_hi = np.array([int(v.end.timestamp()) for v in leave], dtype=np.int64)
    meeting_rows = np.array([row_of[v.employee_no] for v in booked], dtype=np.int64)
    meeting_lo = np.array([int(v.start.timestamp()) for v in booked], dtype=np.int64)
    meeting_hi = np.array([int(v.end.timestamp()) for v in booked], dtype=np.int64)
    rest = int(rules.rest * 3600)
    return Stretches(
        member=np.concatenate([shift_rows, shift_rows[rested], leave_rows, meeting_rows]),
        lo=np.concatenate([a, b[rested], leave_lo, meeting_lo]),
        hi=np.concatenate([b, b[rested] + rest, leave_hi, meeting_hi]),
        kind=np.concatenate(
            [
                np.full(len(a), SHIFT_ITSELF),
                np.full(len(rested), REST),
                np.full(len(leave), LEAVE),
                np.full(len(booked), MEETING),
            ]
        ),
        margin=np.concatenate(
            [
                mine.margin,
                np.zeros(len(rested) + len(leave), np.int64),
                np.full(len(booked), rules.buffer * 60, np.int64),
            ]
        ),
        origin=_Origins(
            mine.shifts, np.concatenate([mine.index, mine.index[rested]]), [*leave, *booked]
        ),
        shifts=len(a),
    )


class _Margins(dict[str | None, int]):
    """Seconds of margin around a post's shifts, worked out once per post."""

    def __init__(self, rules: Rules) -> None:
        super().__init__()
        self.rules = rules

    def __missing__(self, post: str | None) -> int:
        self[post] = margin = self.rules.buffer_for(post) * 60
        return margin


@dataclass(frozen=True)
class _ShiftFields:
    """The shifts of the members asked about, as the arrays the grid needs.

    ``index`` says where each is in ``shifts``: shifts of others (a swap
    partner's) are left out.
    """

    shifts: ShiftList
    index: np.ndarray
    rows: np.ndarray
    start: np.ndarray
    end: np.ndarray
    margin: np.ndarray

    @classmethod
    def of(cls, shifts: ShiftList, row_of: dict[str, int], rules: Rules) -> _ShiftFields:
        columns = shifts.columns()
        # Per member and per post once, then spread over the shifts.
        row_of_name = np.array([row_of.get(n, -1) for n in columns.names] or [-1], np.int64)
        margins = _Margins(rules)
        margin_of_post = np.array([margins[p] for p in columns.posts] or [0], np.int64)
        rows = row_of_name[columns.owner]
        index = np.flatnonzero(rows >= 0)
        return cls(
            shifts,
            index,
            rows[index],
            columns.start[index],
            columns.end[index],
            margin_of_post[columns.kind[index]],
        )


Origin = Shift | Leave | Invitation


class _Origins(Sequence[Origin]):
    """Where each stretch comes from, a shift made into an object only when a reason asks.

    The shifts (and rests after them) by their place in ``shifts``, then the others.
    """

    def __init__(self, shifts: ShiftList, index: np.ndarray, others: list[Origin]) -> None:
        self._shifts = shifts
        self._index = index
        self._others = others

    def __len__(self) -> int:
        return len(self._index) + len(self._others)

    @overload
    def __getitem__(self, at: int) -> Origin: ...

    @overload
    def __getitem__(self, at: slice) -> list[Origin]: ...

    def __getitem__(self, at: int | slice) -> Origin | list[Origin]:
        if isinstance(at, slice):
            return [self[i] for i in range(len(self))[at]]
        if at < 0:
            at += len(self)
        if at < len(self._index):
            return self._shifts[int(self._index[at])]
        return self._others[at - len(self._index)]


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
