"""Where each shift goes in the week grid: pure arithmetic, no drawing.

Shifts are cut at local midnight (an overnight shift shows on both days),
people of one department kind on the same shift and hours form one crew block, and
blocks that overlap in time sit side by side in lanes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import NamedTuple

from shiftcell.scheduling import DepartmentKind, Member, Shift
from shiftcell.scheduling.meetings import Meeting

DAY_MINUTES = 24 * 60


class Piece(NamedTuple):
    """One shift's part on one day: minutes from that day's local midnight.

    A named tuple: a big branch's week has tens of thousands, made in a loop.
    """

    day: int
    start: int
    end: int
    employee_no: str
    post: str
    label: str
    continued: bool  # started the day before
    hours: str  # the whole shift's times, e.g. "20:00–08:00"


Part = tuple[int, int, int, bool]  # day, start, end, continued: a Piece without its shift


@dataclass(frozen=True)
class Block:
    """A crew on a day: people of one department kind on the same shift at the same hours."""

    day: int
    start: int
    end: int
    kind: DepartmentKind
    post: str
    label: str
    hours: str
    names: tuple[str, ...]
    employee_nos: tuple[str, ...]
    continued: bool
    highlighted: bool
    meeting: bool = False
    lane: int = 0


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def pieces(shifts: Iterable[Shift], monday: date) -> list[Piece]:
    """Every shift cut at local midnights, kept to the seven days from ``monday``."""
    found: list[Piece] = []
    append = found.append
    # A big branch's tens of thousands of shifts a week start and end at a few hundred instants.
    cuts: dict[tuple[float, float], tuple[list[Part], str]] = {}
    for shift in shifts:
        instants = (shift.start_ts, shift.end_ts)
        done = cuts.get(instants)
        if done is None:
            done = cuts[instants] = cut(shift.start, shift.end, monday)
        parts, hours = done
        post, label = shift.post or "", shift.label or ""
        for day, start, end, continued in parts:
            append(Piece(day, start, end, shift.employee_no, post, label, continued, hours))
    return found


def cut(begin: datetime, finish: datetime, monday: date) -> tuple[list[Part], str]:
    """A shift's parts on the seven days from ``monday``, and its whole hours ("20:00–08:00").

    ``begin`` and ``finish`` in the organisation's zone, as read.
    """
    first = (begin.date() - monday).days
    last = (finish.date() - monday).days
    start_minute = begin.hour * 60 + begin.minute
    end_minute = finish.hour * 60 + finish.minute
    if end_minute == 0 and last > first:
        last -= 1  # ends at midnight: nothing on the next day
        end_minute = DAY_MINUTES
    parts = []
    for index in range(max(first, 0), min(last, 6) + 1):
        start = start_minute if index == first else 0
        end = end_minute if index == last else DAY_MINUTES
        if end > start:
            parts.append((index, start, end, index != first))
    return parts, f"{_clock(start_minute)}–{_clock(end_minute % DAY_MINUTES)}"


def crews(
    shifts: Iterable[Shift],
    monday: date,
    members: Mapping[str, Member],
    kinds: Mapping[str, DepartmentKind],
    *,
    highlighted: bool = False,
) -> list[Block]:
    """Crews per day, not yet in lanes; ``highlighted``: one block per shift piece."""
    # day, start, end, kind, label, continued, and the member when highlighted
    found: dict[tuple[int, int, int, DepartmentKind, str, bool, str], list[Piece]]
    found = defaultdict(list)
    for piece in pieces(shifts, monday):
        member = members.get(piece.employee_no)
        if member is None:
            continue
        kind = kinds.get(member.department, DepartmentKind.OTHER)
        key = (
            piece.day,
            piece.start,
            piece.end,
            kind,
            piece.label,
            piece.continued,
            piece.employee_no if highlighted else "",
        )
        found[key].append(piece)
    return [
        Block(
            day=day,
            start=start,
            end=end,
            kind=kind,
            post="、".join(dict.fromkeys(p.post for p in crew if p.post)),
            label=label,
            hours=crew[0].hours,
            names=tuple(members[p.employee_no].name for p in crew),
            employee_nos=tuple(p.employee_no for p in crew),
            continued=continued,
            highlighted=highlighted,
        )
        for (day, start, end, kind, label, continued, _), crew in found.items()
    ]


def arrange(
    crews: Iterable[Block],
    *,
    only: DepartmentKind | None = None,
    extra: Iterable[Block] = (),
) -> list[Block]:
    """The crews of one department kind (all when None) and the ``extra`` blocks
    (meetings, a highlighted member's shifts), in lanes."""
    chosen = [b for b in crews if only is None or b.kind is only]
    return assign_lanes([*extra, *chosen])


def blocks(
    shifts: Iterable[Shift],
    monday: date,
    members: Mapping[str, Member],
    kinds: Mapping[str, DepartmentKind],
    *,
    highlighted: Collection[str] = (),
    only: DepartmentKind | None = None,
    meetings: Iterable[Meeting] = (),
) -> list[Block]:
    """Everything the grid shows, in one call: crews, meetings, highlighted members.

    A highlighted member's shifts are drawn as blocks of their own, in the first
    lanes; they stay counted in their crews too.
    """
    shifts = list(shifts)
    mine = [s for s in shifts if s.employee_no in highlighted]
    extra = [
        *meeting_blocks(meetings, monday),
        *(
            b
            for b in crews(mine, monday, members, kinds, highlighted=True)
            if only in (None, b.kind)
        ),
    ]
    return arrange(crews(shifts, monday, members, kinds), only=only, extra=extra)


def meeting_blocks(meetings: Iterable[Meeting], monday: date) -> list[Block]:
    """Booked meetings, drawn like shifts so that they sit beside them."""
    found = []
    for meeting in meetings:
        shift = Shift(meeting.start, meeting.end, "", meeting.place, meeting.topic)
        for piece in pieces([shift], monday):
            found.append(
                Block(
                    day=piece.day,
                    start=piece.start,
                    end=piece.end,
                    kind=DepartmentKind.OTHER,
                    post=meeting.place,
                    label=meeting.topic,
                    hours=piece.hours,
                    names=(),
                    employee_nos=(),
                    continued=piece.continued,
                    highlighted=True,
                    meeting=True,
                )
            )
    return found


def assign_lanes(found: list[Block]) -> list[Block]:
    """Side by side where they overlap, the most telling first: highlighted blocks and
    meetings take the first lanes, then the biggest crews; each the first lane free
    for its whole span. When lanes run out on screen, the last ones are counted instead."""
    placed = []
    order = sorted(
        found, key=lambda b: (b.day, not b.highlighted, -len(b.names), b.start, -b.end, b.post)
    )
    taken: dict[int, list[list[tuple[int, int]]]] = defaultdict(list)
    for block in order:
        lanes = taken[block.day]
        lane = next(
            (
                index
                for index, spans in enumerate(lanes)
                if all(end <= block.start or start >= block.end for start, end in spans)
            ),
            len(lanes),
        )
        if lane == len(lanes):
            lanes.append([])
        lanes[lane].append((block.start, block.end))
        placed.append(replace(block, lane=lane))
    return placed


def lanes_per_day(found: Iterable[Block]) -> list[int]:
    counts = [0] * 7
    for block in found:
        counts[block.day] = max(counts[block.day], block.lane + 1)
    return counts
