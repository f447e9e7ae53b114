"""The rules of who is free when, and the words for why someone is not.

A member is **busy** for a candidate slot ``[s, e)`` when one of their shifts
``[a, b)`` has ``a - buffer < e`` and ``b + buffer > s``; when a shift covering
any moment between 00:00 and 05:00 local (a night shift) ended less than
``rest`` hours before the slot (``s < b + rest`` and ``e > b``); when they
are on leave during it; or when they are invited to a planned meeting
``[m, n)`` with ``m - buffer < e`` and ``n + buffer > s`` (the default buffer:
a meeting room is no far post).

No slot starts before ``not_before`` (now and a lead time, for proposals): a
time already past, or too soon to tell anyone, is never a candidate.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

from shiftcell.scheduling.localtime import at, days

MINUTES_PER_DAY = 24 * 60
# A shift touching this stretch of the local night is a night shift.
NIGHT_START = time(0)
NIGHT_END = time(5)


@lru_cache(maxsize=4096)
def _night(day: date, zone: ZoneInfo) -> tuple[float, float]:
    """The instants ``day``'s night begins and ends (00:00 and 05:00 local)."""
    return at(day, NIGHT_START, zone).timestamp(), at(day, NIGHT_END, zone).timestamp()


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


@dataclass(frozen=True)
class Rules:
    """How long a meeting is, where it may start, and the margins around shifts."""

    duration: int = 45  # minutes
    step: int = 15  # minutes; starts are counted from local midnight
    buffer: int = 15  # minutes of changeover margin around shifts
    rest: float = 6.0  # hours of rest after a night shift (0 disables)
    earliest: time = time(7)  # first possible start
    latest: time = time(22)  # last possible end; time(0) means 24:00
    # Post name -> travel buffer in minutes: raises the buffer for that post's shifts.
    post_buffers: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    # The user set the buffer explicitly: it then holds for every post.
    fixed_buffer: bool = False
    # No slot starts before this instant (aware); None: any time in the range.
    not_before: datetime | None = None

    def __post_init__(self) -> None:
        if self.duration <= 0:
            raise ValueError(f"duration must be positive, not {self.duration}")
        if self.step <= 0:
            raise ValueError(f"step must be positive, not {self.step}")
        if self.buffer < 0:
            raise ValueError(f"buffer cannot be negative, not {self.buffer}")
        if self.rest < 0:
            raise ValueError(f"rest cannot be negative, not {self.rest}")
        if self.not_before is not None and self.not_before.tzinfo is None:
            raise ValueError("not_before must carry a time zone")
        if self.latest_minute <= self.earliest_minute:
            raise ValueError(
                f"latest {self.latest:%H:%M} must be after earliest {self.earliest:%H:%M}"
            )

    def __hash__(self) -> int:
        return hash((self.duration, self.step, self.buffer, self.rest, self.earliest, self.latest))

    @property
    def reach(self) -> timedelta:
        """How far before or after the slots a shift can still make someone busy.

        A night shift's rest, or the largest changeover margin of any post.
        """
        return timedelta(hours=self.rest, minutes=max([self.buffer, *self.post_buffers.values()]))

    @property
    def earliest_minute(self) -> int:
        return _minutes(self.earliest)

    @property
    def latest_minute(self) -> int:
        """Minutes after midnight of the latest end; 24:00 when ``latest`` is 00:00."""
        return _minutes(self.latest) or MINUTES_PER_DAY

    def start_minutes(self) -> list[int]:
        """Every start, in minutes after local midnight, that fits the day's window."""
        return [
            minute
            for minute in range(0, MINUTES_PER_DAY, self.step)
            if minute >= self.earliest_minute and minute + self.duration <= self.latest_minute
        ]

    def rest_after(self, start: datetime, end: datetime, zone: ZoneInfo) -> datetime | None:
        """The end of the rest a shift from ``start`` to ``end`` earns, if it is a night shift.

        One shift at a time, for drawing; ``find_availability`` applies the same rule
        to whole arrays of shifts at once (a test holds the two to each other).
        """
        if self.rest <= 0:
            return None
        begin = start if start.tzinfo is zone else start.astimezone(zone)
        finish = end if end.tzinfo is zone else end.astimezone(zone)
        first, last = begin.date(), finish.date()
        if first == last and begin.time() >= NIGHT_END:
            return None  # a day shift: it starts after the night and ends before the next
        low, high = start.timestamp(), end.timestamp()
        for day in days(first, last):
            night_start, night_end = _night(day, zone)
            if low < night_end and high > night_start:
                return datetime.fromtimestamp(high + self.rest * 3600, zone)
        return None

    def buffer_for(self, post: str | None) -> int:
        """Minutes of margin around a shift at ``post``."""
        if self.fixed_buffer or post is None:
            return self.buffer
        return max(self.buffer, self.post_buffers.get(post, 0))


class ReasonKind(enum.StrEnum):
    SHIFT = "shift"
    REST = "rest"
    LEAVE = "leave"
    MEETING = "meeting"


@dataclass(frozen=True)
class Reason:
    """Why a member cannot attend a slot."""

    kind: ReasonKind
    start: datetime  # shift start / rest start (the night shift's end) / leave / meeting start
    end: datetime  # shift end / rest end / leave end (exclusive) / meeting end
    post: str | None = None  # the shift's post
    label: str | None = None  # the shift type's label; the meeting's topic
    note: str = ""  # the reason for leave
    meeting: int | None = None  # the id of the meeting the member is invited to


@dataclass(frozen=True, order=True)
class Slot:
    """A candidate meeting time: aware datetimes in the organisation's zone."""

    start: datetime
    end: datetime
