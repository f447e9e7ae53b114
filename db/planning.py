"""Who is free, and when could they meet: put together here and nowhere else.

Every front end asks the ``Planner``: the ``propose`` command, the
plan-a-meeting screen and its make-up sessions, a meeting's outlook, the
heatmap, the benchmarks. It holds the rules for a store (the defaults of
``Rules``, the travel margins of far posts) and reads the shifts, leave and booked
meetings of a set of members over a range once, with the margin the rules
need beyond it: a member invited to a planned meeting is busy for it in every
answer (proposals, repeat and make-up sessions, the heatmap, who is free).
No Textual here: screens run it in workers, tests call it directly.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from math import gcd
from typing import TYPE_CHECKING

from shiftcell.scheduling import votes
from shiftcell.scheduling.meetings import Meeting, MeetingType
from shiftcell.scheduling.rules import Rules
from shiftcell.scheduling.votes import Purpose

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from shiftcell.db.store import Store
    from shiftcell.scheduling import (
        Availability,
        Invitation,
        Leave,
        Member,
        Proposal,
        Proposals,
        Reason,
        Shift,
    )

LONGEST_RANGE = 92  # days: a quarter, the longest a secretary plans ahead
DEFAULT_RULES = Rules()
SHOWN = 8  # proposals a planning form lists
# No meeting is proposed to start sooner than this from now: nobody could be told in time.
LEAD_TIME = timedelta(minutes=30)


class RangeTooLong(ValueError):
    """A range longer than ``LONGEST_RANGE`` days, or one that ends before it starts."""


def check_range(first: date, last: date) -> None:
    if last < first:
        raise RangeTooLong("--to is before --from")
    if (last - first).days >= LONGEST_RANGE:
        raise RangeTooLong(f"plan at most {LONGEST_RANGE} days at a time")


class Planner:
    """The scheduler's questions asked of one store (and so, of the group it shows)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def rules(
        self,
        *,
        duration: int = DEFAULT_RULES.duration,
        step: int = DEFAULT_RULES.step,
        buffer: int | None = None,
        rest: float = DEFAULT_RULES.rest,
        earliest: time = DEFAULT_RULES.earliest,
        latest: time = DEFAULT_RULES.latest,
        not_before: datetime | None = None,
    ) -> Rules:
        """``Rules`` with the travel margins of far posts.

        A ``buffer`` given explicitly holds for every post; without one, the
        default applies and far posts ask more. ``not_before`` (now and the
        lead time, for proposals) keeps every earlier start out of the answer.
        """
        posts = {p.name: p.travel_buffer for p in self.store.posts() if p.travel_buffer is not None}
        return Rules(
            duration=duration,
            step=step,
            buffer=DEFAULT_RULES.buffer if buffer is None else buffer,
            rest=rest,
            earliest=earliest,
            latest=latest,
            post_buffers=posts,
            fixed_buffer=buffer is not None,
            not_before=not_before,
        )

    def availability(
        self,
        members: Sequence[Member],
        first: date,
        last: date,
        rules: Rules,
        *,
        besides: Collection[int] = (),
    ) -> Availability:
        """Who of ``members`` is free for each slot of ``first``…``last`` (local dates).

        Shifts, leave and meetings a little beyond the range decide its edges:
        a night shift's rest, a far post's margin (``Rules.reach``). The
        meetings ``besides`` (ids) do not make anyone busy.
        """
        timetable = self.timetable(members, first, last, rules, besides=besides)
        return timetable.availability(members, first, last, rules)

    def timetable(
        self,
        members: Sequence[Member],
        first: date,
        last: date,
        rules: Rules,
        *,
        besides: Collection[int] = (),
    ) -> Timetable:
        """The shifts, leave and booked meetings of ``members`` over ``first``…``last``,
        read once: for many questions about some of them and part of the range (a
        quarter's plan asks one for every group and period)."""
        from shiftcell.scheduling.localtime import day_start

        zone = self.store.timezone
        margin = rules.reach
        start = day_start(first, zone) - margin
        end = day_start(last + timedelta(days=1), zone) + margin
        numbers = [m.employee_no for m in members]
        shifts, leave = self.store.shifts_and_leave(start, end, numbers)
        booked = self.store.meetings.invitations(start, end, numbers, besides=besides)
        return Timetable(zone, (first, last), margin, len(numbers), shifts, leave, booked)

    def propose(
        self,
        members: Sequence[Member],
        first: date,
        last: date,
        rules: Rules,
        *,
        top: int,
        sessions: int = 1,
        require: Sequence[str] = (),
        purpose: Purpose = Purpose.STUDY,
        timetable: Timetable | None = None,
        planned: Sequence[Invitation] = (),
    ) -> Proposals:
        """The ``top`` proposals of ``sessions`` sessions each, best first.

        Our mobile members who are away are not asked about; they are listed
        apart and still count as entitled voters. With a ``timetable`` read
        before, from it (and ``planned``, meetings not booked yet, make their
        members busy); else read now.
        """
        from shiftcell.scheduling import propose

        here, away = votes.split_away(members)
        if timetable is not None:
            availability = timetable.availability(here, first, last, rules, planned)
        else:
            availability = self.availability(here, first, last, rules)
        return propose(
            availability,
            top=top,
            sessions=sessions,
            require=require,
            purpose=purpose,
            away=away,
        )

    def plan(self, request: PlanRequest, now: datetime) -> Plan:
        """The best proposals for a planning form, none starting sooner than the lead time."""
        store = self.store
        if request.invitees:
            members = tuple(store.members(employee_nos=request.invitees))
        else:
            members = tuple(store.members(groups=request.groups))
        names = {m.employee_no: m.name for m in members}
        here, away_members = votes.split_away(members)
        away = tuple(m.employee_no for m in away_members)
        voters = sum(votes.entitled_to_vote(m) for m in members)
        empty = Plan(request, members, (), names=names, away=away, voters=voters)
        required, unknown = _required(tuple(here), request.require)
        if unknown:
            return replace(empty, unknown=unknown)
        first = max(request.first, now.astimezone(store.timezone).date())
        if not members or request.last < first:
            return empty
        sessions = 1 if request.purpose.one_sitting else request.sessions
        ranked = self.propose(
            members,
            first,
            request.last,
            self.rules(duration=request.duration, not_before=now + LEAD_TIME),
            top=SHOWN,
            sessions=sessions,
            require=required,
            purpose=request.purpose,
        )
        return replace(empty, proposals=ranked.proposals, blocked_by=ranked.blocked_by)

    def book(
        self,
        plan: Plan,
        starts: list[datetime],
        *,
        topic: str,
        place: str = "",
        notes: str = "",
        allow_clash: bool = False,
    ) -> list[int]:
        """Book the chosen sessions as one series, inviting everyone the plan was made for.

        Raises ``MeetingClash`` when someone invited is already in another
        planned meeting at one of those times, unless ``allow_clash``.
        """
        request = plan.request
        booked = self.store.meetings.book_series(
            type=request.kind,
            topic=topic,
            sessions=[(s, s + timedelta(minutes=request.duration)) for s in starts],
            groups=request.groups,
            invited=[m.employee_no for m in plan.members],
            place=place,
            notes=notes,
            purpose=request.purpose,
            allow_clash=allow_clash,
            makes_up=request.makes_up if request.kind is MeetingType.MAKE_UP else (),
        )
        return [m.id for m in booked]

    def outlook(self, meeting: Meeting) -> dict[str, Reason | None]:
        """For each member invited: None when free at the meeting's time, else why not.

        Worked out with the scheduler's own rules (buffers, rest after a night
        shift, leave, other meetings), so that the meeting page and the
        proposals agree; and like the proposals, it leaves out our mobile
        members who are away. The meeting itself, and the other sessions of its
        series (everyone is invited to each, to attend one), keep no one away.
        """
        zone = self.store.timezone
        start, end = meeting.start.astimezone(zone), meeting.end.astimezone(zone)
        minutes = round((end.timestamp() - start.timestamp()) / 60)
        offset = start.hour * 60 + start.minute
        crosses_midnight = end.date() != start.date() and end.time() != time(0)
        if start.second or crosses_midnight or minutes <= 0:
            return {}  # a meeting across midnight is not a slot of one day
        invited = self.store.members(employee_nos=[a.employee_no for a in meeting.invited])
        members, _ = votes.split_away(invited)
        rules = self.rules(
            duration=minutes, step=gcd(offset, 60) or 60, earliest=time(0), latest=time(0)
        )
        day = start.date()
        besides = {meeting.id, *(m.id for m in self.store.meetings.series(meeting.id))}
        availability = self.availability(members, day, day, rules, besides=besides)
        slot = next(
            (
                i
                for i, s in enumerate(availability.slots)
                if s.start.timestamp() == start.timestamp()
            ),
            None,
        )
        if slot is None:
            return {}
        return {m.employee_no: availability.reason(row, slot) for row, m in enumerate(members)}

    def vote_count(self, meeting: Meeting) -> votes.Count | None:
        """For a vote or an election not yet held: the entitled voters, how many are
        free at its time, and who cannot come (busy or away), whose written opinions
        can be collected in advance. None for a study meeting, or a time that is not
        a slot of one day."""
        if not meeting.purpose.one_sitting:
            return None
        seen = self.outlook(meeting)
        if not seen:
            return None
        members = self.store.members(employee_nos=[a.employee_no for a in meeting.invited])
        free = [no for no, reason in seen.items() if reason is None]
        return votes.count(meeting.purpose, members, free)


class Timetable:
    """Shifts, leave and booked meetings of some members over a range, read once
    (``Planner.timetable``)."""

    def __init__(
        self,
        zone: ZoneInfo,
        dates: tuple[date, date],
        margin: timedelta,
        members: int,
        shifts: Sequence[Shift],
        leave: list[Leave],
        booked: list[Invitation],
    ) -> None:
        self.zone = zone
        self.first, self.last = dates
        self.margin = margin
        self.members = members
        self.shifts, self.leave, self.booked = shifts, leave, booked
        self._by_member: dict[str, tuple[list[Shift], list[Leave], list[Invitation]]] | None = None

    def availability(
        self,
        members: Sequence[Member],
        first: date,
        last: date,
        rules: Rules,
        planned: Sequence[Invitation] = (),
    ) -> Availability:
        """As ``Planner.availability``, for members and dates within those read.

        ``planned``: meetings planned but not booked yet, which make their
        members busy as booked ones do.
        """
        from shiftcell.scheduling import find_availability

        if first < self.first or last > self.last or rules.reach > self.margin:
            raise ValueError("a timetable answers only within the range and margin it read")
        if len(members) == self.members:  # everyone read: no need to pick anyone out
            shifts, leave, booked = self.shifts, self.leave, self.booked
        else:
            mine = self._mine()
            nobody: tuple[list[Shift], list[Leave], list[Invitation]] = ([], [], [])
            theirs = [mine.get(m.employee_no, nobody) for m in members]
            shifts = [s for held in theirs for s in held[0]]
            leave = [v for held in theirs for v in held[1]]
            booked = [i for held in theirs for i in held[2]]
        invitations = [*booked, *planned] if planned else booked
        return find_availability(members, shifts, leave, first, last, self.zone, rules, invitations)

    def _mine(self) -> dict[str, tuple[list[Shift], list[Leave], list[Invitation]]]:
        if self._by_member is None:
            by_member: dict[str, tuple[list[Shift], list[Leave], list[Invitation]]] = {}
            for shift in self.shifts:
                by_member.setdefault(shift.employee_no, ([], [], []))[0].append(shift)
            for away in self.leave:
                by_member.setdefault(away.employee_no, ([], [], []))[1].append(away)
            for invitation in self.booked:
                by_member.setdefault(invitation.employee_no, ([], [], []))[2].append(invitation)
            self._by_member = by_member
        return self._by_member


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
    # A make-up session: only these members, not everyone in the groups,
    # making up these meetings (ids) when booked as a make-up session.
    invitees: tuple[str, ...] = ()
    makes_up: tuple[int, ...] = ()
    purpose: Purpose = Purpose.STUDY


@dataclass(frozen=True)
class Plan:
    request: PlanRequest
    members: tuple[Member, ...]
    proposals: tuple[Proposal, ...]
    blocked_by: tuple[str, ...] = ()  # required members who are never free together
    names: dict[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()  # required names or numbers not in the groups (or away)
    away: tuple[str, ...] = ()  # our mobile members who are away: invited, not asked about
    voters: int = 0  # entitled voters among the members, away ones included

    def name(self, employee_no: str) -> str:
        return self.names.get(employee_no, employee_no)

    @property
    def here(self) -> int:
        """Members the proposals were worked out for: all but those away."""
        return len(self.members) - len(self.away)

    @property
    def needed(self) -> int:
        return votes.needed(self.request.purpose, self.voters)


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
