"""From a planning form to ranked proposals: read the store, ask ``scheduling``.

No Textual here: the plan-a-meeting screen runs ``make_plan`` in a worker,
and tests call it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from math import gcd
from typing import TYPE_CHECKING

from shiftcell.scheduling.meetings import Meeting, MeetingType

if TYPE_CHECKING:
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Member, Proposal, Reason, Rules

LONGEST_RANGE = 92  # days: a quarter, the longest a secretary plans ahead
SHOWN = 8  # proposals listed
# Asked of the scheduler beyond SHOWN, since proposals already past are dropped.
SPARE = 8


@dataclass(frozen=True)
class PlanRequest:
    """What the form asks for; ``number`` tells a stale answer from the latest."""

    groups: tuple[str, ...]
    kind: MeetingType
    first: date
    last: date
    duration: int
    sessions: int = 1
    require: tuple[str, ...] = ()
    number: int = 0
    # A make-up session: only these members, not everyone in the groups.
    invitees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    request: PlanRequest
    members: tuple[Member, ...]
    proposals: tuple[Proposal, ...]
    blocked_by: tuple[str, ...] = ()  # required members who are never free together
    names: dict[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()  # required names or numbers not in the groups

    def name(self, employee_no: str) -> str:
        return self.names.get(employee_no, employee_no)


def rules_for(store: Store, duration: int) -> Rules:
    """The default rules, with the travel margins of far posts."""
    from shiftcell.scheduling import Rules

    posts = {p.name: p.travel_buffer for p in store.posts() if p.travel_buffer is not None}
    return Rules(duration=duration, post_buffers=posts)


def make_plan(store: Store, request: PlanRequest, now: datetime) -> Plan:
    """The best proposals for the request's groups, none starting before ``now``."""
    from shiftcell.scheduling import find_availability, propose
    from shiftcell.scheduling.localtime import day_start

    if request.invitees:
        members = tuple(store.members(employee_nos=request.invitees))
    else:
        members = tuple(store.members(groups=request.groups))
    numbers = [m.employee_no for m in members]
    names = {m.employee_no: m.name for m in members}
    required, unknown = _required(members, request.require)
    if unknown:
        return Plan(request, members, (), names=names, unknown=unknown)
    rules = rules_for(store, request.duration)
    zone = store.timezone
    first = max(request.first, now.astimezone(zone).date())
    if not members or request.last < first:
        return Plan(request, members, (), names=names)
    # Shifts and leave a little beyond the range decide the edges: a night
    # shift's rest, a far post's margin.
    margin = rules.reach
    start = day_start(first, zone) - margin
    end = day_start(request.last + timedelta(days=1), zone) + margin
    shifts, leave = store.shifts_and_leave(start, end, numbers)
    availability = find_availability(
        members,
        shifts,
        leave,
        first,
        request.last,
        zone,
        rules,
    )
    ranked = propose(availability, top=SHOWN + SPARE, sessions=request.sessions, require=required)
    ahead = [
        p
        for p in ranked.proposals
        if all(s.start.timestamp() >= now.timestamp() for s in p.sessions)
    ]
    return Plan(request, members, tuple(ahead[:SHOWN]), ranked.blocked_by, names)


def _required(
    members: tuple[Member, ...], wanted: tuple[str, ...]
) -> tuple[list[str], tuple[str, ...]]:
    """Required members by employee number or name; the ones not found, as typed."""
    by_word = {m.employee_no.casefold(): m.employee_no for m in members}
    for member in members:
        by_word.setdefault(member.name.casefold(), member.employee_no)
    found = [by_word.get(word.strip().casefold()) for word in wanted]
    unknown = tuple(w for w, no in zip(wanted, found, strict=True) if no is None)
    return sorted({no for no in found if no is not None}), unknown


def parse_words(text: str) -> tuple[str, ...]:
    """``HQ0001, 王芳，HQ0003``: commas in either width, or spaces, separate."""
    return tuple(w for w in text.replace("，", ",").replace(",", " ").split() if w)


def book_plan(
    store: Store,
    plan: Plan,
    starts: list[datetime],
    *,
    topic: str,
    place: str = "",
    notes: str = "",
) -> list[int]:
    """Book the chosen sessions as one series, inviting everyone the plan was made for."""
    request = plan.request
    booked = store.meetings.book_series(
        type=request.kind,
        topic=topic,
        sessions=[(s, s + timedelta(minutes=request.duration)) for s in starts],
        groups=request.groups,
        invited=[m.employee_no for m in plan.members],
        place=place,
        notes=notes,
    )
    return [m.id for m in booked]


def outlook(store: Store, meeting: Meeting) -> dict[str, Reason | None]:
    """For each member invited: None when free at the meeting's time, else why not.

    Worked out with the scheduler's own rules (buffers, rest after a night
    shift, leave), so that the meeting page and the proposals agree.
    """
    from shiftcell.scheduling import find_availability
    from shiftcell.scheduling.localtime import day_start

    zone = store.timezone
    start, end = meeting.start.astimezone(zone), meeting.end.astimezone(zone)
    minutes = round((end.timestamp() - start.timestamp()) / 60)
    offset = start.hour * 60 + start.minute
    crosses_midnight = end.date() != start.date() and end.time() != time(0)
    if start.second or crosses_midnight or minutes <= 0:
        return {}  # a meeting across midnight is not a slot of one day
    members = store.members(employee_nos=[a.employee_no for a in meeting.invited])
    numbers = [m.employee_no for m in members]
    rules = replace(
        rules_for(store, minutes), step=gcd(offset, 60) or 60, earliest=time(0), latest=time(0)
    )
    margin = rules.reach
    day = start.date()
    since, until = day_start(day, zone) - margin, day_start(day + timedelta(days=1), zone) + margin
    shifts, leave = store.shifts_and_leave(since, until, numbers)
    availability = find_availability(
        members,
        shifts,
        leave,
        day,
        day,
        zone,
        rules,
    )
    slot = next(
        (i for i, s in enumerate(availability.slots) if s.start.timestamp() == start.timestamp()),
        None,
    )
    if slot is None:
        return {}
    return {m.employee_no: availability.reason(row, slot) for row, m in enumerate(members)}
