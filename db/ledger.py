"""The ledger (台账) of a year or a quarter: what was held, who came, what is still owed.

Gathered here from the store as plain facts, in three parts a secretary
hands to the branch:

- the meetings held in the period (not cancelled, already begun), each with
  its attendance, guests, make-up sessions and who still owes it;
- each member's attendance month by month, a meeting held in repeat
  sessions counted once (present at any session is present);
- where each requirement stands for each group (the branch, the committee):
  the periods it was held in against the periods it was due so far (a period
  over, or the current one if already held), and the share of the invited
  who were present.

Words and layout belong to whoever writes it (``tui/views/ledger_sheets.py``).
The store's view decides what is in it: a group's view gives that group's
ledger, its members' attendance only.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from shiftcell.scheduling.cadence import Cadence, Period, Reach, Requirement, periods_between
from shiftcell.scheduling.lapses import ORGANISATIONAL_LIFE
from shiftcell.scheduling.localtime import day_start
from shiftcell.scheduling.make_ups import MISSED, MakeUps
from shiftcell.scheduling.meetings import AttendanceState, Meeting, MeetingType
from shiftcell.scheduling.model import Member, Role

if TYPE_CHECKING:
    from shiftcell.db.store import Store

# Meetings whose attendance the ledger follows month by month.
FOLLOWED = tuple(kind for kind in ORGANISATIONAL_LIFE if kind is not MeetingType.MAKE_UP)
ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}


class Outcome(enum.StrEnum):
    """How a member took part in one meeting (all its sessions together)."""

    PRESENT = "present"
    MADE_UP = "made_up"  # missed it, then came to a make-up session for it
    EXCUSED = "excused"
    ABSENT = "absent"
    NOT_RECORDED = "not_recorded"
    GUEST = "guest"  # came without an invitation


@dataclass(frozen=True)
class RequirementRecord:
    """One requirement for one group (``who``), the branch or the committee, over the ledger."""

    requirement: Requirement
    who: str | None  # a group's or branch's name; None for the committee
    due: tuple[Period, ...]  # periods it was due in, so far
    held: tuple[Period, ...]  # of those, the ones it was held in
    meetings: int  # meetings held (a meeting in repeat sessions once)
    invited: int  # invitations to them with attendance recorded
    present: int  # of those, present at a session

    @property
    def missed(self) -> tuple[Period, ...]:
        return tuple(p for p in self.due if p not in self.held)

    @property
    def rate(self) -> float | None:
        return self.present / self.invited if self.invited else None


@dataclass(frozen=True)
class MemberRecord:
    """A member's row of the attendance sheet: outcomes per month, in time order."""

    member: Member
    months: tuple[tuple[Outcome, ...], ...]

    def count(self, *outcomes: Outcome) -> int:
        return sum(o in outcomes for month in self.months for o in month)

    @property
    def rate(self) -> float | None:
        """Present or made up, of the meetings they were invited to."""
        invited = self.count(*(o for o in Outcome if o is not Outcome.GUEST))
        if not invited:
            return None
        return self.count(Outcome.PRESENT, Outcome.MADE_UP) / invited


@dataclass(frozen=True)
class Ledger:
    period: Period
    written: datetime
    organisation: str
    group: str | None  # the group whose ledger this is; None for the organisation's
    meetings: tuple[Meeting, ...]  # held in the period, in time order
    record: MakeUps  # make-up sessions and debts of those meetings
    months: tuple[Period, ...]
    members: tuple[MemberRecord, ...]
    requirements: tuple[RequirementRecord, ...]
    names: dict[str, str] = field(default_factory=dict)  # everyone named, by number

    def name(self, employee_no: str) -> str:
        return self.names.get(employee_no, employee_no)


def gather(
    store: Store, period: Period, now: datetime, requirements: Sequence[Requirement]
) -> Ledger:
    """The ledger of ``period`` as the store's view sees it on ``now``."""
    zone = store.timezone
    start = day_start(period.first, zone)
    end = day_start(period.last + timedelta(days=1), zone)
    # Make-up sessions held after the period still settle its meetings.
    seen = store.meetings.list(start=start, include_cancelled=False)
    held = [m for m in seen if m.start.timestamp() <= now.timestamp()]
    meetings = tuple(m for m in held if m.start.timestamp() < end.timestamp())
    record = MakeUps(held)
    months = tuple(periods_between(period.first, period.last, Cadence.MONTHLY))
    members = _members(store, meetings)
    names = {m.employee_no: m.name for m in store.members()}
    return Ledger(
        period=period,
        written=now,
        organisation=store.organisation_name,
        group=store.access.group,
        meetings=meetings,
        record=record,
        months=months,
        members=_attendance(members, meetings, record, months),
        requirements=_requirements(store, period, now, requirements, meetings),
        names=names,
    )


def _members(store: Store, meetings: Sequence[Meeting]) -> list[Member]:
    """Everyone in a group, and anyone else invited or a guest: by group, leader first."""
    named = {a.employee_no for m in meetings for a in m.invited} | {
        no for m in meetings for no in m.guests
    }
    found = [m for m in store.members() if m.group is not None or m.employee_no in named]
    return sorted(
        found, key=lambda m: (m.group is None, m.group or "", ROLE_ORDER[m.role], m.employee_no)
    )


def _series(meetings: Sequence[Meeting]) -> dict[int, list[Meeting]]:
    found: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        if meeting.type in FOLLOWED:
            found[meeting.head].append(meeting)
    return found


def outcomes(sessions: Sequence[Meeting], made_up: set[str]) -> dict[str, Outcome]:
    """Each member's outcome of one meeting held in ``sessions``."""
    states: dict[str, set[AttendanceState | None]] = defaultdict(set)
    guests: set[str] = set()
    for session in sessions:
        for attendance in session.invited:
            states[attendance.employee_no].add(attendance.state)
        guests.update(session.guests)
    found: dict[str, Outcome] = {}
    for employee_no, seen in states.items():
        if AttendanceState.PRESENT in seen:
            found[employee_no] = Outcome.PRESENT
        elif employee_no in made_up and seen & set(MISSED):
            found[employee_no] = Outcome.MADE_UP
        elif AttendanceState.EXCUSED in seen:
            found[employee_no] = Outcome.EXCUSED
        elif AttendanceState.ABSENT in seen:
            found[employee_no] = Outcome.ABSENT
        else:
            found[employee_no] = Outcome.NOT_RECORDED
    for employee_no in guests - set(states):
        found[employee_no] = Outcome.GUEST
    return found


def _attendance(
    members: Sequence[Member],
    meetings: Sequence[Meeting],
    record: MakeUps,
    months: Sequence[Period],
) -> tuple[MemberRecord, ...]:
    index = {p.first: i for i, p in enumerate(months)}
    cells: dict[str, list[list[Outcome]]] = {m.employee_no: [[] for _ in months] for m in members}
    for head, sessions in _series(meetings).items():
        first = sessions[0].start.date()
        month = index[first.replace(day=1)]
        for employee_no, outcome in outcomes(sessions, set(record.made_up_by(head))).items():
            if employee_no in cells:
                cells[employee_no][month].append(outcome)
    return tuple(MemberRecord(m, tuple(tuple(c) for c in cells[m.employee_no])) for m in members)


def _requirements(
    store: Store,
    period: Period,
    now: datetime,
    requirements: Sequence[Requirement],
    meetings: Sequence[Meeting],
) -> tuple[RequirementRecord, ...]:
    groups = store.groups()
    branch_of = {g.name: g.branch for g in groups}
    found: list[RequirementRecord] = []
    for requirement in requirements:
        if requirement.cadence is Cadence.OFF:
            continue
        kind = [m for m in meetings if m.type is requirement.kind]
        targets: list[tuple[str | None, list[Meeting]]]
        if requirement.reach is Reach.GROUP:
            targets = [(g.name, [m for m in kind if g.name in m.groups]) for g in groups]
        elif requirement.reach is Reach.BRANCH:
            targets = [
                (
                    branch,
                    [
                        m
                        for m in kind
                        if not m.groups or any(branch_of.get(g) == branch for g in m.groups)
                    ],
                )
                for branch in store.branches()
            ]
        else:
            targets = [(None, kind)]
        for who, held in targets:
            found.append(_record(requirement, who, period, now, held))
    return tuple(found)


def _record(
    requirement: Requirement,
    who: str | None,
    period: Period,
    now: datetime,
    held: Sequence[Meeting],
) -> RequirementRecord:
    today = now.date()
    days = {m.start.date() for m in held}
    periods = periods_between(period.first, period.last, requirement.cadence)
    held_in = tuple(p for p in periods if any(day in p for day in days))
    due = tuple(p for p in periods if p.last < today or p in held_in)
    invited = present = 0
    for sessions in _by_head(held).values():
        if not any(s.recorded for s in sessions):
            continue
        seen = outcomes(sessions, set())
        counted = [o for o in seen.values() if o is not Outcome.GUEST]
        invited += len(counted)
        present += sum(o is Outcome.PRESENT for o in counted)
    return RequirementRecord(
        requirement=requirement,
        who=who,
        due=due,
        held=held_in,
        meetings=len(_by_head(held)),
        invited=invited,
        present=present,
    )


def _by_head(meetings: Sequence[Meeting]) -> dict[int, list[Meeting]]:
    found: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        found[meeting.head].append(meeting)
    return found
