"""Who may vote, how many can be present, and whether that is a quorum: against a plain oracle.

The oracle reads the rules as the regulations say them (more than half present
for a vote, more than four fifths for an election; full members vote, our own
members away count, probationary members and card holders from elsewhere do
not), on random groups of mixed statuses and shifts.
"""

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import free_sets, oracle_slots
from rosters import DAY, SHANGHAI, local, member, shift

from shiftcell.scheduling import (
    Member,
    Mobility,
    Purpose,
    Role,
    Rules,
    Shift,
    Status,
    find_availability,
    propose,
)
from shiftcell.scheduling.votes import count, entitled_to_vote, needed, quorum, split_away

NUMBERS = tuple(f"M{n:02d}" for n in range(12))
RULES = Rules(duration=60, step=60, buffer=0, rest=0.0, earliest=time(6), latest=time(22))


def oracle_voter(m: Member) -> bool:
    return m.status is Status.FULL and m.mobile is not Mobility.IN


def oracle_quorum(purpose: Purpose, voters: int, present: int) -> bool:
    if purpose is Purpose.ELECTION:
        return present * 5 > voters * 4
    return present * 2 > voters


@st.composite
def groups(draw: st.DrawFn) -> tuple[list[Member], list[Shift]]:
    size = draw(st.integers(1, len(NUMBERS)))
    members = [
        Member(
            no,
            no,
            "Canteen",
            role=Role.LEADER if index == 0 else Role.MEMBER,
            status=draw(
                st.sampled_from(
                    [Status.FULL] * 4
                    + [Status.PROBATIONARY, Status.TARGET, Status.ACTIVIST, Status.NONE]
                )
            ),
            mobile=draw(st.sampled_from([None, None, None, Mobility.OUT, Mobility.IN])),
        )
        for index, no in enumerate(NUMBERS[:size])
    ]
    shifts = []
    for m in members:
        for _ in range(draw(st.integers(0, 2))):
            start = datetime.combine(DAY, time(0), tzinfo=SHANGHAI) + timedelta(
                hours=draw(st.integers(0, 23))
            )
            hours = timedelta(hours=draw(st.integers(2, 12)))
            shifts.append(Shift(start, start + hours, m.employee_no, "Near", "Shift"))
    return members, shifts


@settings(max_examples=200, deadline=None)
@given(groups(), st.sampled_from(list(Purpose)), st.integers(1, 8))
def test_voters_present_and_quorum_agree_with_the_oracle(
    group: tuple[list[Member], list[Shift]], purpose: Purpose, top: int
) -> None:
    """Every proposal's counts are what a reader counting by hand would find."""
    members, shifts = group
    here, away = split_away(members)
    assert [m for m in members if m.mobile is Mobility.OUT] == away
    availability = find_availability(here, shifts, [], DAY, DAY, SHANGHAI, RULES)
    result = propose(availability, top=top, purpose=purpose, away=away)
    voters = sum(oracle_voter(m) for m in members)
    assert result.voters == voters
    assert result.away == tuple(m.employee_no for m in away)
    assert result.members == len(here)
    starts = oracle_slots(DAY, DAY, SHANGHAI, RULES)
    sets = free_sets(here, starts, shifts, [], RULES)
    by_no = {m.employee_no: m for m in members}
    for proposal in result.proposals:
        (session,) = proposal.sessions
        free = sets[starts.index(session.start)]
        present = sum(oracle_voter(by_no[no]) for no in free)
        assert proposal.voters == voters
        assert proposal.voters_present == present
        assert proposal.quorum == oracle_quorum(purpose, voters, present)
        missing = {m.employee_no for m in members if oracle_voter(m)} - free
        assert set(proposal.missing_voters) == missing
    if purpose.one_sitting and result.proposals:
        # Quorum first, then the most voters present, over every possible time.
        best = max(
            (oracle_quorum(purpose, voters, n), n)
            for n in (sum(oracle_voter(by_no[no]) for no in free) for free in sets)
        )
        first = result.proposals[0]
        assert (first.quorum, first.voters_present) == best
        keys = [(p.quorum, p.voters_present) for p in result.proposals]
        assert keys == sorted(keys, reverse=True)
        assert result.quorum_reached == best[0]


@given(st.integers(0, 60), st.integers(0, 60), st.sampled_from(list(Purpose)))
def test_the_fewest_voters_needed_is_exactly_the_regulation(
    voters: int, present: int, purpose: Purpose
) -> None:
    """One missing vote can decide it in a branch of at most 50: no off-by-one anywhere."""
    present = min(present, voters)
    assert quorum(purpose, voters, present) == oracle_quorum(purpose, voters, present)
    enough = needed(purpose, voters)
    assert oracle_quorum(purpose, voters, enough) or enough > voters
    assert not oracle_quorum(purpose, voters, enough - 1)


def test_a_hand_counted_example() -> None:
    """Ten voters: a vote needs six present, an election nine (eight is exactly four fifths)."""
    assert needed(Purpose.VOTE, 10) == 6
    assert needed(Purpose.ELECTION, 10) == 9
    assert not quorum(Purpose.ELECTION, 10, 8)
    assert needed(Purpose.VOTE, 0) == 1  # nobody entitled: never a quorum


def test_who_is_entitled_to_vote() -> None:
    """Full members vote, here or away; probationary members and card holders do not."""
    full = member("A")
    away = Member("B", "B", "Canteen", status=Status.FULL, mobile=Mobility.OUT)
    card = Member("C", "C", "Canteen", status=Status.FULL, mobile=Mobility.IN)
    probationary = member("D", status=Status.PROBATIONARY)
    assert [entitled_to_vote(m) for m in (full, away, card, probationary)] == [
        True,
        True,
        False,
        False,
    ]
    tally = count(Purpose.VOTE, [full, away, card, probationary], {"A", "B", "C", "D"})
    assert (tally.voters, tally.present, tally.missing) == (2, 1, ("B",))
    assert not tally.quorum  # one of two is not more than half


def test_a_vote_is_never_split_into_repeat_sessions() -> None:
    found = find_availability([member("A")], [], [], DAY, DAY, SHANGHAI)
    for purpose in (Purpose.VOTE, Purpose.ELECTION):
        with pytest.raises(ValueError, match="one sitting"):
            propose(found, sessions=2, purpose=purpose)


def test_a_vote_prefers_a_quorum_over_more_people() -> None:
    """Four non-voters free in the morning do not outweigh two voters free in the evening."""
    voters = [member("V1"), member("V2"), member("V3")]
    others = [member(f"P{n}", status=Status.PROBATIONARY) for n in range(4)]
    shifts = [shift(v.employee_no, "06:00", "16:00") for v in voters[:2]]
    shifts += [shift(p.employee_no, "15:00", "23:00") for p in others]
    shifts += [shift("V3", "06:00", "23:00")]
    found = find_availability(voters + others, shifts, [], DAY, DAY, SHANGHAI, RULES)
    study = propose(found, top=1).proposals[0]
    vote = propose(found, top=1, purpose=Purpose.VOTE).proposals[0]
    assert len(study.covered) == 4 and study.voters_present == 0
    assert vote.voters_present == 2 and vote.quorum
    assert vote.sessions[0].start >= local("16:00")
