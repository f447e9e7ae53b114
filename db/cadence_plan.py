"""A range of organisational life planned through the ``Planner``, and booked in one go.

``plan_range`` works out what falls due (``scheduling.cadence_plan``), reads
the shifts and leave of everyone concerned once for the whole range
(``Planner.timetable``), asks the scheduler for each meeting in turn and
places the picks so that nobody is in two at once. ``book_plan`` books every
pick in one transaction. The command line and the app share both.
Conversion votes falling due make a general meeting a vote (``with_votes``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from shiftcell.db.planning import DEFAULT_RULES, LEAD_TIME, Planner, check_range
from shiftcell.scheduling.cadence import DEFAULT_MINUTES, Reach
from shiftcell.scheduling.cadence_plan import (
    Agenda,
    Diary,
    Due,
    Entry,
    plan_in_order,
    what_is_due,
    with_votes,
)
from shiftcell.scheduling.pipeline import conversions_due

if TYPE_CHECKING:
    from shiftcell.db.planning import Timetable
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Invitation, Member, Proposal, Rules

OPTIONS = 8  # proposals kept for each meeting, to move it to another
MOST_SESSIONS = 3  # repeat sessions of a study meeting, at most


@dataclass
class RangePlan:
    """Every meeting due from ``first`` to ``last``, each with its pick (if one was found)."""

    first: date
    last: date
    agenda: Agenda
    groups: tuple[str, ...]  # the groups planned for: a branch-wide meeting invites them all
    members: dict[str, Member]  # everyone invited anywhere, by employee number
    committee: tuple[str, ...]  # the committee's employee numbers (none recorded: empty)

    @property
    def entries(self) -> list[Entry]:
        return self.agenda.entries

    def name(self, employee_no: str) -> str:
        member = self.members.get(employee_no)
        return member.name if member else employee_no

    def groups_of(self, entry: Entry) -> list[str]:
        """The groups a meeting is booked for: its group, all of them, or none (the committee)."""
        reach = entry.due.requirement.reach
        if reach is Reach.GROUP:
            return [entry.due.group or ""]
        return list(self.groups) if reach is Reach.BRANCH else []


def most_sessions(due: Due) -> int:
    """Repeat sessions allowed for a due meeting: a study meeting may be held in turns
    so that everyone attends one; a vote is one sitting."""
    return 1 if due.purpose.one_sitting else MOST_SESSIONS


def plan_range(
    store: Store,
    first: date,
    last: date,
    now: datetime,
    *,
    group: str | None = None,
    minutes: int | None = None,
    tell: Callable[[int, int], None] | None = None,
) -> RangePlan:
    """Plan everything due from ``first`` to ``last`` (at most ``LONGEST_RANGE`` days).

    With ``group`` (or in a group's view) only that group's own meetings.
    ``minutes`` sets every meeting's length; by default each requirement's own.
    Nothing is planned sooner than the lead time from ``now``, nor at the time of
    a meeting booked already for anyone it invites. ``tell`` hears how many
    meetings of how many are planned.
    """
    check_range(first, last)
    planner = Planner(store)
    zone = store.timezone
    today = now.astimezone(zone).date()
    groups = [group] if group is not None else [g.name for g in store.groups()]
    whole = group is None and store.access.whole
    requirements = store.cadence.requirements()
    booked = store.cadence.booked([r.kind for r in requirements])
    dues = what_is_due(requirements, groups, first, last, today=today, booked=booked, branch=whole)
    by_group: dict[str, list[Member]] = {name: [] for name in groups}
    for member in store.members(groups=groups) if groups else []:
        by_group[member.group or ""].append(member)
    if whole:
        members = [m for ms in by_group.values() for m in ms]
        dues = with_votes(dues, conversions_due(members, date.min, last))
    committee = store.cadence.committee() if whole else []
    everyone = {m.employee_no: m for ms in by_group.values() for m in ms}
    everyone.update((m.employee_no, m) for m in committee)

    def invited(due: Due) -> list[Member]:
        reach = due.requirement.reach
        if reach is Reach.GROUP:
            return by_group.get(due.group or "", [])
        if reach is Reach.COMMITTEE:
            return committee
        return [m for name in groups for m in by_group[name]]

    timetable = (
        planner.timetable(list(everyone.values()), max(first, today), last, planner.rules())
        if dues and everyone
        else None
    )

    diary = Diary(
        margin=timedelta(minutes=DEFAULT_RULES.buffer), step=timedelta(minutes=DEFAULT_RULES.step)
    )
    for invitation in timetable.booked if timetable else ():
        diary.hold(invitation.employee_no, invitation.start, invitation.end)
    rules: dict[int, Rules] = {}

    def proposals(due: Due) -> list[Proposal]:
        members = invited(due)
        if not members or timetable is None:
            return []
        planned = _invitations(diary.busy(m.employee_no for m in members))
        length = minutes or DEFAULT_MINUTES.get(due.kind, DEFAULT_RULES.duration)
        if length not in rules:
            rules[length] = planner.rules(duration=length, not_before=now + LEAD_TIME)
        return _proposals(planner, timetable, due, members, planned, rules[length])

    agenda = plan_in_order(
        dues, lambda due: [m.employee_no for m in invited(due)], proposals, diary, tell
    )
    return RangePlan(
        first,
        last,
        agenda,
        tuple(groups),
        everyone,
        tuple(m.employee_no for m in committee),
    )


def _proposals(
    planner: Planner,
    timetable: Timetable,
    due: Due,
    members: Sequence[Member],
    planned: Sequence[Invitation],
    rules: Rules,
) -> list[Proposal]:
    """The best proposals for ``due``: one session when one reaches everyone, else
    repeat sessions (as many as ``most_sessions`` allows)."""

    def ask(sessions: int) -> list[Proposal]:
        ranked = planner.propose(
            members,
            due.first,
            due.last,
            rules,
            top=OPTIONS,
            sessions=sessions,
            purpose=due.purpose,
            timetable=timetable,
            planned=planned,
        )
        return list(ranked.proposals)

    once = ask(1)
    most = most_sessions(due)
    if most == 1 or (once and once[0].coverage == 1):
        return once
    return ask(most)


def _invitations(planned: Sequence[tuple[str, datetime, datetime]]) -> list[Invitation]:
    """Meetings planned, not booked yet, as the scheduler counts a booked one (no id yet)."""
    from shiftcell.scheduling import Invitation

    return [Invitation(member, start, end, meeting=0, topic="") for member, start, end in planned]


def book_plan(store: Store, plan: RangePlan, topic: Callable[[Due], str]) -> list[int]:
    """Book every planned meeting (each with its sessions) in one transaction, as planned
    meetings; their ids, first sessions first. A meeting without a pick is left out."""
    ids: list[int] = []
    with store.transaction():
        for entry in plan.entries:
            if entry.chosen is None:
                continue
            booked = store.meetings.book_series(
                type=entry.due.kind,
                topic=topic(entry.due),
                sessions=[(s.start, s.end) for s in entry.chosen.sessions],
                groups=plan.groups_of(entry),
                invited=entry.invited,
                purpose=entry.due.purpose,
            )
            ids.extend(m.id for m in booked)
    return ids
