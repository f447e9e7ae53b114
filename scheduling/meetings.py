"""Meetings a secretary books, and who came ("three meetings and one lesson")."""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from shiftcell.scheduling.model import Member
from shiftcell.scheduling.votes import Purpose, entitled_to_vote


class MeetingType(enum.StrEnum):
    GROUP_MEETING = "group_meeting"  # 党小组会, monthly
    COMMITTEE_MEETING = "committee_meeting"  # 支委会, monthly
    GENERAL_MEETING = "general_meeting"  # 支部党员大会, quarterly
    PARTY_LECTURE = "party_lecture"  # 党课, quarterly
    THEME_DAY = "theme_day"  # 主题党日, monthly
    REVIEW_MEETING = "review_meeting"  # 组织生活会, yearly
    APPRAISAL = "appraisal"  # 民主评议党员, yearly
    MAKE_UP = "make_up"  # 补课
    OTHER = "other"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"


class AttendanceState(enum.StrEnum):
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


@dataclass(frozen=True)
class Attendance:
    employee_no: str
    state: AttendanceState | None = None  # None: not recorded yet
    reason: str = ""


@dataclass(frozen=True)
class WrittenOpinion:
    """An entitled voter who cannot attend a vote gave their opinion in writing (书面意见)."""

    employee_no: str
    note: str = ""
    received: datetime | None = None


@dataclass(frozen=True)
class Meeting:
    """One session; repeat sessions of one meeting share a ``series`` (the first's id).

    ``sequence`` rises each time the meeting moves or is cancelled, so that
    calendars that imported it update it instead of adding a copy.
    """

    id: int
    type: MeetingType
    topic: str
    start: datetime
    end: datetime
    groups: tuple[str, ...]
    invited: tuple[Attendance, ...]
    place: str = ""
    notes: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    sequence: int = 0
    series: int | None = None
    purpose: Purpose = Purpose.STUDY
    written_opinions: tuple[WrittenOpinion, ...] = ()
    # Present without an invitation (a mobile member from elsewhere): in the
    # ledger, never in the invited figures, never owing a make-up session.
    guests: tuple[str, ...] = ()
    # A make-up session (补课): the meetings it makes up, each by its first session's id.
    makes_up: tuple[int, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.status is MeetingStatus.CANCELLED

    @property
    def recorded(self) -> bool:
        return any(a.state is not None for a in self.invited)

    @property
    def attendance_rate(self) -> float | None:
        """Share of the invited who were present, once attendance is recorded."""
        if not self.invited or not self.recorded:
            return None
        present = sum(a.state is AttendanceState.PRESENT for a in self.invited)
        return present / len(self.invited)

    @property
    def head(self) -> int:
        """The id a meeting held in several sessions is known by: its first session's."""
        return self.series or self.id

    @property
    def present(self) -> tuple[str, ...]:
        """Everyone recorded present: the invited who came, then the guests."""
        came = (a.employee_no for a in self.invited if a.state is AttendanceState.PRESENT)
        return (*came, *self.guests)

    @property
    def needs_make_up(self) -> tuple[str, ...]:
        """Invited members recorded as not present: they owe a make-up session (补课)."""
        return tuple(
            a.employee_no
            for a in self.invited
            if a.state in (AttendanceState.EXCUSED, AttendanceState.ABSENT)
        )


def owing_make_up(sessions: Sequence[Meeting], made_up: Collection[str] = ()) -> tuple[str, ...]:
    """Who still owes a make-up session after a meeting held in one or more sessions.

    Everyone is invited to every session of a series but needs to attend only
    one: a member recorded absent or excused at one session and present at
    another owes nothing, and neither does one present at a make-up session
    linked to it (``made_up``). The rule itself is ``scheduling.make_ups.debts_of``.
    """
    from shiftcell.scheduling.make_ups import debts_of

    head = sessions[0].head if sessions else 0
    return tuple(debt.employee_no for debt in debts_of(head, sessions, made_up))


def narrowed(meeting: Meeting, employee_nos: Collection[str]) -> Meeting:
    """The meeting as seen by one group's leader: only those members' invitations.

    A branch meeting invites several groups; a viewer limited to one group
    sees their own members' attendance, and their rate, not the others'.
    """
    return replace(
        meeting,
        invited=tuple(a for a in meeting.invited if a.employee_no in employee_nos),
        written_opinions=tuple(
            o for o in meeting.written_opinions if o.employee_no in employee_nos
        ),
        guests=tuple(no for no in meeting.guests if no in employee_nos),
    )


NOT_A_VOTE = "meeting {id} does not vote: written opinions are for votes and elections"
NOT_INVITED = "{value} is not invited to meeting {id}"
NOT_A_VOTER = "{value} is not entitled to vote"
WAS_PRESENT = "{value} was present at meeting {id}"
WAS_CANCELLED = "meeting {id} was cancelled"
OPINION_TEMPLATES = (NOT_A_VOTE, NOT_INVITED, NOT_A_VOTER, WAS_PRESENT, WAS_CANCELLED)


def opinion_refused(meeting: Meeting, employee_no: str, member: Member | None) -> str | None:
    """Why this member's written opinion cannot be recorded for ``meeting`` (None: it can).

    A template with ``{id}`` and ``{value}`` (the employee number). Only an
    entitled voter invited to a vote or an election, not recorded present, gives one.
    """
    if meeting.cancelled:
        return WAS_CANCELLED
    if not meeting.purpose.one_sitting:
        return NOT_A_VOTE
    invitation = next((a for a in meeting.invited if a.employee_no == employee_no), None)
    if invitation is None or member is None:
        return NOT_INVITED
    if not entitled_to_vote(member):
        return NOT_A_VOTER
    if invitation.state is AttendanceState.PRESENT:
        return WAS_PRESENT
    return None
