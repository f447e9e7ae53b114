"""Make-up sessions (补课) followed to the end: who still owes which meeting, since when.

A member recorded excused or absent at a meeting of organisational life owes
a make-up session, unless they were present at another session of the same
meeting (a meeting held in repeat sessions needs one of them). A make-up
session is linked to the meeting(s) it makes up (``Meeting.makes_up``, by
each meeting's first session); a member present at it, as invited or as a
guest, no longer owes those meetings. A cancelled meeting owes nothing and a
cancelled make-up session makes up nothing. Make-up sessions and "other"
meetings are never owed themselves: missing a make-up leaves the original
meeting owed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from shiftcell.scheduling.meetings import AttendanceState, Meeting, MeetingType

NOT_OWED = (MeetingType.MAKE_UP, MeetingType.OTHER)
MISSED = (AttendanceState.EXCUSED, AttendanceState.ABSENT)


@dataclass(frozen=True)
class Debt:
    """``employee_no`` still owes the meeting ``meeting`` (its first session's id)."""

    employee_no: str
    meeting: int
    session: Meeting  # the (last) session they were recorded missing from
    state: AttendanceState
    reason: str

    @property
    def since(self) -> date:
        return self.session.start.date()


@dataclass(frozen=True)
class MakeUpAttendance:
    """Someone present at a make-up session for a meeting."""

    employee_no: str
    make_up: Meeting


class MakeUps:
    """What every meeting given is owed, and which make-up sessions settled what.

    Give it the meetings themselves, all their sessions and the make-up
    sessions linked to them; it reads nothing else.
    """

    def __init__(self, meetings: Iterable[Meeting]) -> None:
        self.sessions: dict[int, list[Meeting]] = defaultdict(list)
        self.made_up: dict[int, list[MakeUpAttendance]] = defaultdict(list)
        for meeting in sorted(meetings, key=lambda m: (m.start.timestamp(), m.id)):
            if meeting.type is MeetingType.MAKE_UP and not meeting.cancelled:
                for head in meeting.makes_up:
                    self.made_up[head] += [MakeUpAttendance(no, meeting) for no in meeting.present]
            if meeting.type not in NOT_OWED:
                self.sessions[meeting.head].append(meeting)

    def made_up_by(self, head: int) -> dict[str, Meeting]:
        """Who made up the meeting ``head``, and at which make-up session (their first)."""
        found: dict[str, Meeting] = {}
        for attendance in self.made_up.get(head, ()):
            found.setdefault(attendance.employee_no, attendance.make_up)
        return found

    def debts(self, head: int) -> list[Debt]:
        """Who still owes the meeting ``head``, in the order they were invited."""
        return debts_of(head, self.sessions.get(head, ()), self.made_up_by(head))

    def all_debts(self) -> list[Debt]:
        """Every debt, the longest owed first."""
        found = [debt for head in self.sessions for debt in self.debts(head)]
        found.sort(key=lambda d: (d.session.start.timestamp(), d.meeting, d.employee_no))
        return found


def debts_of(head: int, sessions: Iterable[Meeting], made_up: Collection[str]) -> list[Debt]:
    """Who still owes the meeting held in ``sessions``, given who made it up.

    The one rule: recorded excused or absent at a session not cancelled, and
    present neither at another session nor at a make-up session.
    """
    held = [s for s in sessions if not s.cancelled and s.type not in NOT_OWED]
    present = {no for s in held for no in s.present} | set(made_up)
    owed: dict[str, Debt] = {}
    for session in held:
        for attendance in session.invited:
            if attendance.state in MISSED and attendance.employee_no not in present:
                owed[attendance.employee_no] = Debt(
                    attendance.employee_no, head, session, attendance.state, attendance.reason
                )
    return list(owed.values())
