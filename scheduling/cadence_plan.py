"""A range of organisational life planned in one go: what falls due, and times that never clash.

**What falls due.** For each requirement that is not off, every period ending
within the range (``periods_due``), planned within the part of it from the
range's first day (or today, if later) to the period's end. A group-reach
requirement is due once per group; a branch-wide one once for the branch; the
committee meeting once for the committee. A period already held or booked
(a meeting of that kind, not cancelled, for that group in that period; for the
branch, every group reached; for the committee, any) is left out.

**In order, never two at once.** Meetings are placed one after another, widest
reach first (the branch's, then the committee's, then each group's: the more
people, the fewer times suit them). A member is never invited to two meetings
at once: a proposal whose session would overlap (with the changeover margin)
an earlier pick, or a meeting booked already, of someone it invites is moved, a step at a time,
within its gap (up to ``latest_start``, where the same people are free); when
no start in the gap is clear, the next proposal is tried. Moving within a gap
keeps who can come, which ranks first, and gives up at most the handover or
the earlier time, which rank last.

The scheduler is told of the earlier picks too (they make their members busy
as a booked meeting does, changeover margin included), so that its proposals
already look elsewhere; the placing above makes sure of it.

**Votes that fall due.** A probationary member's conversion is voted on by
the general meeting (支部党员大会) once probation ends (``with_votes``): a
quarter's general meeting that has conversions falling due is planned as a
vote, one sitting with its quorum, no sooner than the last of those dates.
A conversion already overdue goes to the first general meeting planned.

**Moving one.** Any planned meeting can then be moved to another of its
proposals, placed against all the other picks the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from shiftcell.scheduling.cadence import Cadence, Period, Reach, Requirement, periods_due
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.scheduling.pipeline import Conversion
from shiftcell.scheduling.votes import Purpose

if TYPE_CHECKING:  # the scheduler's types; numpy is not needed to place them
    from shiftcell.scheduling.proposals import Proposal, Session

# Reach in planning order: the more people a meeting asks for, the earlier it is placed.
ORDER = (Reach.BRANCH, Reach.COMMITTEE, Reach.GROUP)


@dataclass(frozen=True)
class Due:
    """One meeting a plan must find a time for: a requirement, whom, in which period."""

    requirement: Requirement
    group: str | None  # None: the branch (or the committee, for its meeting)
    period: Period
    first: date  # the part of the period to plan in, both included
    last: date
    purpose: Purpose = Purpose.STUDY
    converts: tuple[Conversion, ...] = ()  # conversion votes it holds, soonest due first

    @property
    def kind(self) -> MeetingType:
        return self.requirement.kind


# The local dates of meetings held or booked (not cancelled), by kind and the
# group invited; a meeting inviting no group counts under None.
Booked = Mapping[tuple[MeetingType, str | None], Collection[date]]


def what_is_due(
    requirements: Iterable[Requirement],
    groups: Sequence[str],
    first: date,
    last: date,
    *,
    today: date,
    booked: Booked,
    branch: bool = True,
) -> list[Due]:
    """Every meeting to plan from ``first`` to ``last``, in planning order.

    Without ``branch`` (one group's plan) only the group-reach requirements of
    ``groups`` are planned.
    """
    found: list[Due] = []
    for reach in ORDER:
        if reach is not Reach.GROUP and not branch:
            continue
        for requirement in requirements:
            if requirement.reach is not reach or requirement.cadence is Cadence.OFF:
                continue
            for period in periods_due(first, last, requirement.cadence):
                window = period.within(max(first, today), last)
                if window is None:
                    continue
                whom = list(groups) if reach is Reach.GROUP else [None]
                for group in whom:
                    if not _held(requirement, group, period, groups, booked):
                        found.append(Due(requirement, group, period, *window))
    return found


def with_votes(dues: Sequence[Due], conversions: Sequence[Conversion]) -> list[Due]:
    """``dues`` with each branch general meeting that has conversions falling due by the
    end of its window made a vote on them, planned no sooner than the last of their dates.

    Each conversion goes to the first general meeting whose window ends on or after
    its date; one that no meeting's window reaches is left for a later plan.
    """
    waiting = sorted(conversions, key=lambda c: (c.due, c.member.employee_no))
    result: list[Due] = []
    for due in dues:
        if due.kind is not MeetingType.GENERAL_MEETING or due.requirement.reach is not Reach.BRANCH:
            result.append(due)
            continue
        taken = tuple(c for c in waiting if c.due <= due.last)
        waiting = [c for c in waiting if c not in taken]
        if not taken:
            result.append(due)
            continue
        first = max(due.first, max(c.due for c in taken))
        result.append(replace(due, first=first, purpose=Purpose.VOTE, converts=taken))
    return result


def _held(
    requirement: Requirement,
    group: str | None,
    period: Period,
    groups: Sequence[str],
    booked: Booked,
) -> bool:
    kind = requirement.kind

    def reached(whom: str | None) -> bool:
        return any(day in period for day in booked.get((kind, whom), ()))

    if requirement.reach is Reach.COMMITTEE:
        return reached(None) or any(reached(g) for g in groups)
    if requirement.reach is Reach.BRANCH:
        return bool(groups) and all(reached(g) for g in groups)
    return reached(group)


# -- placing proposals so that nobody is in two meetings at once ---------------


class Diary:
    """The planned meetings of everyone so far, by member: who is busy when.

    ``margin`` keeps two meetings of one member apart (a changeover, as
    around a shift); ``step`` is how far a session moves at a time.
    """

    def __init__(self, margin: timedelta, step: timedelta) -> None:
        self.margin = margin
        self.step = step
        self._busy: dict[str, dict[int, list[tuple[datetime, datetime]]]] = defaultdict(dict)
        self._held: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)

    def hold(self, member: str, start: datetime, end: datetime) -> None:
        """A meeting booked already: no planned one may clash with it either."""
        self._held[member].append((start, end))

    def add(self, key: int, proposal: Proposal, invited: Iterable[str]) -> None:
        spans = [(s.start, s.end) for s in proposal.sessions]
        for member in invited:
            self._busy[member][key] = spans

    def remove(self, key: int, invited: Iterable[str]) -> None:
        for member in invited:
            self._busy[member].pop(key, None)

    def busy(self, members: Iterable[str]) -> list[tuple[str, datetime, datetime]]:
        """Each planned session of these members: (employee number, start, end); booked
        meetings held here are not among them."""
        return [
            (member, start, end)
            for member in members
            for spans in self._busy.get(member, {}).values()
            for start, end in spans
        ]

    def place(self, proposal: Proposal, invited: Iterable[str]) -> Proposal | None:
        """``proposal`` with each session at its first start within its gap that
        clashes with no one's planned meetings; None when a session has none."""
        invited = list(invited)
        taken = sorted(
            {_span(start, end) for _, start, end in self.busy(invited)}
            | {_span(start, end) for member in invited for start, end in self._held.get(member, ())}
        )
        if not taken:
            return proposal
        sessions = [self._moved(session, taken) for session in proposal.sessions]
        if any(s is None for s in sessions):
            return None
        return replace(proposal, sessions=tuple(s for s in sessions if s is not None))

    def _moved(self, session: Session, taken: list[tuple[float, float]]) -> Session | None:
        start, length = session.start, session.end - session.start
        margin = self.margin.total_seconds()
        while start <= session.latest_start:
            end = start + length
            lo, hi = start.timestamp() - margin, end.timestamp() + margin
            if not any(a < hi and b > lo for a, b in taken):
                return replace(session, start=start, end=end)
            start = _later(start, self.step)
        return None


def _span(start: datetime, end: datetime) -> tuple[float, float]:
    return start.timestamp(), end.timestamp()


def _later(moment: datetime, step: timedelta) -> datetime:
    """``moment`` plus ``step`` of real time, on the wall clock of its zone."""
    return (moment.astimezone(UTC) + step).astimezone(moment.tzinfo)


@dataclass
class Entry:
    """One meeting of the plan: what is due, whom it invites, its proposals and the pick."""

    due: Due
    invited: tuple[str, ...]
    options: tuple[Proposal, ...]  # the scheduler's, best first
    chosen: Proposal | None = None  # the pick, moved clear of the others
    option: int | None = None  # which of the options it is


class Agenda:
    """Entries placed in order, each clear of the ones before; any one movable later."""

    def __init__(self, diary: Diary) -> None:
        self.diary = diary
        self.entries: list[Entry] = []

    def add(self, due: Due, invited: Sequence[str], options: Sequence[Proposal]) -> Entry:
        """Plan ``due`` with the best of ``options`` that can be placed, if any."""
        entry = Entry(due, tuple(invited), tuple(options))
        index = len(self.entries)
        self.entries.append(entry)
        for number, option in enumerate(entry.options):
            placed = self.diary.place(option, entry.invited)
            if placed is not None:
                self._pick(index, number, placed)
                break
        return entry

    def alternatives(self, index: int) -> list[Proposal | None]:
        """Each option of entry ``index`` placed clear of every other pick (None: cannot be)."""
        entry = self.entries[index]
        self.diary.remove(index, entry.invited)
        try:
            return [self.diary.place(option, entry.invited) for option in entry.options]
        finally:
            if entry.chosen is not None:
                self.diary.add(index, entry.chosen, entry.invited)

    def move(self, index: int, option: int) -> bool:
        """Pick option ``option`` for entry ``index``; False (and nothing changed) when it
        cannot be placed clear of the others."""
        placed = self.alternatives(index)[option]
        if placed is None:
            return False
        self.diary.remove(index, self.entries[index].invited)
        self._pick(index, option, placed)
        return True

    def _pick(self, index: int, option: int, placed: Proposal) -> None:
        entry = self.entries[index]
        entry.chosen, entry.option = placed, option
        self.diary.add(index, placed, entry.invited)


def plan_in_order(
    dues: Sequence[Due],
    invited: Callable[[Due], Sequence[str]],
    proposals: Callable[[Due], Sequence[Proposal]],
    diary: Diary,
    tell: Callable[[int, int], None] | None = None,
) -> Agenda:
    """Each due meeting in turn: its proposals, the best one placed clear of the earlier.

    ``tell`` hears how many of how many are planned, after each.
    """
    agenda = Agenda(diary)
    for done, due in enumerate(dues, 1):
        agenda.add(due, invited(due), proposals(due))
        if tell is not None:
            tell(done, len(dues))
    return agenda
