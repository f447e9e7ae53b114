"""How shifts repeat (patterns) and what changes them on given dates (overrides)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from shiftcell.scheduling.model import Segment, Shift, ShiftType

OFF = "-"


@dataclass(frozen=True)
class WeeklyPattern:
    """A shift on fixed weekdays; ``interval=2`` for odd or even weeks.

    ``weekdays`` counts Monday as 0. The weeks are counted from ``anchor``,
    which is also the first day the pattern applies.
    """

    employee_no: str
    shift_code: str
    weekdays: tuple[int, ...]
    anchor: date
    interval: int = 1
    until: date | None = None
    post: str | None = None

    def __post_init__(self) -> None:
        if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
            raise ValueError(f"weekdays must be 0 (Monday) to 6: {self.weekdays}")
        if self.interval < 1:
            raise ValueError(f"interval must be at least 1: {self.interval}")


@dataclass(frozen=True)
class RotationPattern:
    """A cycle of one-letter shift codes from ``anchor``; ``-`` is a day off.

    ``DDNN----`` is two days, two nights and four days off, over and over.
    """

    employee_no: str
    cycle: str
    anchor: date
    until: date | None = None
    post: str | None = None

    def __post_init__(self) -> None:
        if not self.cycle:
            raise ValueError("a rotation needs at least one day in its cycle")

    def code_on(self, day: date) -> str:
        return self.cycle[(day - self.anchor).days % len(self.cycle)]


Pattern = WeeklyPattern | RotationPattern


@dataclass(frozen=True)
class LeaveDays:
    """Away from ``first`` to ``last`` (local dates, inclusive): no shifts, no meetings."""

    employee_no: str
    first: date
    last: date
    reason: str = ""


@dataclass(frozen=True)
class Cancellation:
    """The member's shifts starting on ``day`` do not happen (only ``shift_code``'s if set)."""

    employee_no: str
    day: date
    shift_code: str | None = None


@dataclass(frozen=True)
class ExtraShift:
    """An additional shift on ``day``: a shift type's, or one segment of its own."""

    employee_no: str
    day: date
    shift_code: str | None = None
    segment: Segment | None = None
    post: str | None = None

    def __post_init__(self) -> None:
        if (self.shift_code is None) == (self.segment is None):
            raise ValueError("an extra shift needs a shift code or its own times, not both")


@dataclass(frozen=True)
class Swap:
    """Two members work each other's shifts that start on ``day``."""

    employee_no: str
    other: str
    day: date


Override = LeaveDays | Cancellation | ExtraShift | Swap


@dataclass
class ShiftPlan:
    """Everything that decides who works when, for one organisation."""

    timezone: ZoneInfo
    shift_types: dict[str, ShiftType]
    patterns: list[Pattern]
    overrides: list[Override]
    # Shifts given as they are (imported rosters), not from a pattern.
    shifts: list[Shift]
