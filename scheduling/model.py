"""The organisation: branches, groups, departments, posts, members, shift types.

Plain frozen dataclasses; nothing here knows how it is stored or shown.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time


class Role(enum.StrEnum):
    """A member's role in their group (党小组)."""

    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBER = "member"


class Status(enum.StrEnum):
    """Where a person stands in the membership pipeline (政治面貌)."""

    FULL = "full"
    PROBATIONARY = "probationary"
    TARGET = "target"
    ACTIVIST = "activist"
    APPLICANT = "applicant"
    NONE = "none"


class Mobility(enum.StrEnum):
    """A mobile member (流动党员): ours and away, or from elsewhere and here.

    A member who is neither has ``mobile=None``.
    """

    OUT = "out"  # 流出: this branch's member, away; still entitled to vote here
    IN = "in"  # 流入: from elsewhere, holding a mobile-member card; takes part, does not vote


class Employment(enum.StrEnum):
    REGULAR = "regular"
    EXTERNAL = "external"


class DepartmentKind(enum.StrEnum):
    """Decides a department's colour in the grid and its typical rhythms."""

    CANTEEN = "canteen"
    DORMITORY = "dormitory"
    MAINTENANCE = "maintenance"
    OTHER = "other"


@dataclass(frozen=True)
class Branch:
    name: str


@dataclass(frozen=True)
class Department:
    name: str
    kind: DepartmentKind = DepartmentKind.OTHER


@dataclass(frozen=True)
class Post:
    """A site where shifts are worked (a canteen, a dormitory building)."""

    name: str
    department: str
    # Minutes of changeover or travel margin around this post's shifts, when a
    # site is far from where meetings are held; None means the default.
    travel_buffer: int | None = None


@dataclass(frozen=True)
class Group:
    name: str
    branch: str


@dataclass(frozen=True)
class Member:
    employee_no: str
    name: str
    department: str
    post: str | None = None
    group: str | None = None
    role: Role = Role.MEMBER
    status: Status = Status.NONE
    mobile: Mobility | None = None
    employment: Employment = Employment.REGULAR
    # The membership pipeline's dates (see scheduling.membership), each None when unknown.
    applied_on: date | None = None  # 申请入党日期
    activist_since: date | None = None  # 确定入党积极分子日期
    candidate_since: date | None = None  # 确定发展对象日期
    admitted_on: date | None = None  # 接收预备党员日期
    full_since: date | None = None  # 转正日期
    contract_ends: date | None = None  # 合同到期日期, for external hires


@dataclass(frozen=True)
class Segment:
    """One stretch of work; an end at or before the start ends the next day."""

    start: time
    end: time

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class ShiftType:
    """A named kind of shift; several segments make a split shift."""

    code: str
    label: str
    segments: tuple[Segment, ...]

    def __post_init__(self) -> None:
        if not self.segments:
            raise ValueError(f"shift type {self.code!r} has no segments")

    @property
    def hours(self) -> str:
        return " + ".join(str(segment) for segment in self.segments)


@dataclass(frozen=True, slots=True)
class Shift:
    """A concrete stretch of work: aware datetimes in the organisation's zone.

    Compare and subtract through ``start_ts``/``end_ts`` (POSIX timestamps):
    Python compares two datetimes that share a tzinfo by wall time, which is
    wrong across a DST change. Expansion passes them in, already known;
    otherwise they are worked out here.
    """

    start: datetime = field(compare=False)
    end: datetime = field(compare=False)
    employee_no: str
    post: str | None = None
    label: str | None = None
    code: str | None = field(default=None, compare=False)
    start_ts: float = field(default=math.nan, repr=False)
    end_ts: float = field(default=math.nan, repr=False)

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("shift times must carry a time zone")
        if math.isnan(self.start_ts):
            object.__setattr__(self, "start_ts", self.start.timestamp())
            object.__setattr__(self, "end_ts", self.end.timestamp())
        if self.end_ts <= self.start_ts:
            raise ValueError(f"shift ends before it starts: {self.start} – {self.end}")

    @property
    def hours(self) -> float:
        return (self.end_ts - self.start_ts) / 3600

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start_ts < end.timestamp() and self.end_ts > start.timestamp()


@dataclass(frozen=True)
class Leave:
    """A member away for whole local days, ``first`` to ``last`` inclusive."""

    employee_no: str
    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True)
class Invitation:
    """A member invited to a planned meeting: busy for it, with a shift's changeover margin.

    Only the meeting's id and topic come along: the scheduler says why a
    member cannot come ("in meeting «topic»"), it never reads the meeting.
    """

    employee_no: str
    start: datetime
    end: datetime
    meeting: int
    topic: str
