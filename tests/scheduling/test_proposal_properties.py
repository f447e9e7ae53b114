"""The fast path against the brute-force oracle, on hypothesis-made shift-shaped rosters."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import (
    best_union,
    busy_by_leave,
    busy_by_meeting,
    busy_by_rest,
    busy_by_shift,
    free_sets,
    oracle_slots,
)
from rosters import DAY, SHANGHAI

from shiftcell.scheduling import (
    Invitation,
    Leave,
    Member,
    ReasonKind,
    Role,
    Rules,
    Shift,
    Status,
    find_availability,
    propose,
)

NUMBERS = ("A", "B", "C", "D", "E", "F", "G", "H")


@dataclass
class Instance:
    members: list[Member]
    shifts: list[Shift]
    leave: list[Leave]
    first: date
    last: date
    rules: Rules
    invitations: list[Invitation]


@st.composite
def instances(draw: st.DrawFn, most: int = 8) -> Instance:
    count = draw(st.integers(1, most))
    members = [
        Member(
            no,
            no,
            "Canteen",
            role=Role.LEADER if index == 0 else Role.MEMBER,
            status=draw(st.sampled_from([Status.FULL, Status.FULL, Status.PROBATIONARY])),
        )
        for index, no in enumerate(NUMBERS[:count])
    ]
    shifts: list[Shift] = []
    for index, member in enumerate(members):
        if index and draw(st.integers(0, 2)) == 0:
            # A crew: the same shifts as the member before, maybe at another post.
            post = draw(st.sampled_from(["Near", "Far", "Other", None]))
            shifts += [
                Shift(s.start, s.end, member.employee_no, post, s.label)
                for s in shifts
                if s.employee_no == members[index - 1].employee_no
            ]
            continue
        for _ in range(draw(st.integers(0, 4))):
            day = DAY + timedelta(days=draw(st.integers(-1, 2)))
            start = datetime.combine(day, time(0), tzinfo=SHANGHAI) + timedelta(
                minutes=5 * draw(st.integers(0, 287))
            )
            length = timedelta(minutes=30 * draw(st.integers(2, 26)))
            post = draw(st.sampled_from(["Near", "Far", None]))
            shifts.append(Shift(start, start + length, member.employee_no, post, "Shift"))
    leave = []
    for member in members:
        if draw(st.integers(0, 9)) == 0:
            day = DAY + timedelta(days=draw(st.integers(-1, 2)))
            start = datetime.combine(day, time(0), tzinfo=SHANGHAI)
            leave.append(Leave(member.employee_no, start, start + timedelta(days=1), "leave"))
    invitations = []
    for meeting in range(1, draw(st.integers(0, 3)) + 1):
        # A meeting some of the members are invited to (a branch meeting: several).
        day = DAY + timedelta(days=draw(st.integers(-1, 1)))
        start = datetime.combine(day, time(0), tzinfo=SHANGHAI) + timedelta(
            minutes=5 * draw(st.integers(0, 287))
        )
        end = start + timedelta(minutes=15 * draw(st.integers(2, 8)))
        invited = draw(st.lists(st.sampled_from(members), min_size=1, unique=True))
        invitations += [
            Invitation(m.employee_no, start, end, meeting, f"topic {meeting}") for m in invited
        ]
    # Sometimes "now": no slot may start before it (past, or within the lead time).
    not_before = draw(
        st.one_of(
            st.none(),
            st.integers(0, 36 * 60).map(
                lambda minutes: (
                    datetime.combine(DAY, time(0), tzinfo=SHANGHAI)
                    + timedelta(minutes=minutes, seconds=7)
                )
            ),
        )
    )
    rules = Rules(
        duration=draw(st.sampled_from([30, 45, 60, 90])),
        step=draw(st.sampled_from([15, 20, 30, 60])),
        buffer=draw(st.sampled_from([0, 10, 15])),
        rest=draw(st.sampled_from([0.0, 2.5, 6.0])),
        earliest=draw(st.sampled_from([time(0), time(6, 10), time(7)])),
        latest=draw(st.sampled_from([time(18), time(22), time(0)])),
        post_buffers={"Far": draw(st.sampled_from([5, 25, 40]))},
        fixed_buffer=draw(st.booleans()),
        not_before=not_before,
    )
    last = DAY + timedelta(days=draw(st.integers(0, 1)))
    return Instance(members, shifts, leave, DAY, last, rules, invitations)


def availability(instance: Instance):
    i = instance
    return find_availability(
        i.members, i.shifts, i.leave, i.first, i.last, SHANGHAI, i.rules, i.invitations
    )


def oracle_sets(instance: Instance, starts: list[datetime]) -> list[frozenset[str]]:
    i = instance
    return free_sets(i.members, starts, i.shifts, i.leave, i.rules, i.invitations)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_free_matrix_matches_the_oracle_member_by_member_slot_by_slot(instance: Instance) -> None:
    """Every rule (buffers, post buffers, rest, leave, booked meetings, the window, no start
    before "now") agrees with a plain reading."""
    found = availability(instance)
    starts = oracle_slots(instance.first, instance.last, SHANGHAI, instance.rules)
    assert [slot.start for slot in found.slots] == starts
    sets = oracle_sets(instance, starts)
    for column, free in enumerate(sets):
        rows = found.free[:, column].nonzero()[0]
        assert {found.members[row].employee_no for row in rows} == free


@settings(max_examples=150, deadline=None)
@given(instances(), st.integers(1, 6), st.data())
def test_proposals_attendees_are_free_absentees_busy_and_the_top_count_is_the_best(
    instance: Instance, top: int, data: st.DataObject
) -> None:
    """No proposal invites someone on shift, or hides someone who could come."""
    numbers = [m.employee_no for m in instance.members]
    require = data.draw(st.lists(st.sampled_from(numbers), max_size=2, unique=True))
    starts = oracle_slots(instance.first, instance.last, SHANGHAI, instance.rules)
    sets = oracle_sets(instance, starts)
    possible = [free for free in sets if set(require) <= free]
    result = propose(availability(instance), top=top, require=require)
    if not starts:  # every start is before "now": nothing to propose, nobody to blame
        assert result.proposals == () and result.blocked_by == ()
        return
    if not possible:
        assert result.proposals == () and result.blocked_by
        assert set(result.blocked_by) <= set(require)
        return
    assert result.proposals
    assert len(result.proposals[0].covered) == max(len(free) for free in possible)
    assert len(result.proposals) <= top
    for proposal in result.proposals:
        (session,) = proposal.sessions
        free = sets[starts.index(session.start)]
        assert set(session.attendees) == free and set(require) <= free
        assert {no for no, _ in session.absentees} == set(numbers) - free
        latest = sets[starts.index(session.latest_start)]
        assert latest == free
        for no, reason in session.absentees:
            assert _explains(instance, no, reason, session.start)
    # Distinct answers: no two proposals are starts of one gap.
    gaps = {(p.sessions[0].start, p.sessions[0].latest_start) for p in result.proposals}
    assert len(gaps) == len(result.proposals)
    for proposal in result.proposals:
        index = starts.index(proposal.sessions[0].start)
        before = starts[index - 1] if index else None
        same_day = before is not None and before.date() == starts[index].date()
        assert not (same_day and sets[index - 1] == sets[index])


def _explains(instance: Instance, no: str, reason, start: datetime) -> bool:
    """The reason names a real stretch that makes the member busy for this slot."""
    rules = instance.rules
    end = start + timedelta(minutes=rules.duration)
    if reason.kind is ReasonKind.LEAVE:
        return any(
            v.employee_no == no and v.start == reason.start and busy_by_leave(v, start, end)
            for v in instance.leave
        )
    if reason.kind is ReasonKind.MEETING:
        return any(
            v.employee_no == no
            and (v.meeting, v.topic, v.start, v.end)
            == (reason.meeting, reason.label, reason.start, reason.end)
            and busy_by_meeting(v, start, end, rules)
            for v in instance.invitations
        )
    for shift in instance.shifts:
        if shift.employee_no != no:
            continue
        if reason.kind is ReasonKind.SHIFT and (shift.start, shift.end) == (
            reason.start,
            reason.end,
        ):
            return busy_by_shift(shift, start, end, rules)
        rest = reason.kind is ReasonKind.REST and shift.end == reason.start
        if rest and busy_by_rest(shift, start, end, rules):
            return reason.end == shift.end + timedelta(hours=rules.rest)
    return False


@settings(max_examples=100, deadline=None)
@given(instances(most=6), st.integers(2, 3))
def test_repeat_sessions_reach_the_oracle_optimum(instance: Instance, sessions: int) -> None:
    """Exact for K <= 3: no choice of K slots reaches more members."""
    starts = oracle_slots(instance.first, instance.last, SHANGHAI, instance.rules)
    sets = oracle_sets(instance, starts)
    result = propose(availability(instance), top=3, sessions=sessions)
    assert result.exact
    if not starts:
        assert result.proposals == ()
        return
    best = result.proposals[0]
    assert len(best.covered) == best_union(sets, sessions)
    for proposal in result.proposals:
        assert len(proposal.sessions) <= sessions
        reached = set()
        for session in proposal.sessions:
            free = sets[starts.index(session.start)]
            assert set(session.attendees) == free
            reached |= free
        assert set(proposal.covered) == reached
        assert proposal.coverage == len(reached) / len(instance.members)
    combos = [tuple(s.start for s in p.sessions) for p in result.proposals]
    assert len(set(combos)) == len(combos)
