"""Ranked proposals: the best count first, each gap once, required members, reasons."""

from datetime import timedelta

import pytest
from rosters import DAY, SHANGHAI, local, member, shift

from shiftcell.scheduling import Leave, ReasonKind, Role, Rules, Status, find_availability, propose

NEXT = DAY + timedelta(days=1)


def test_the_top_proposal_has_the_most_members_and_a_gap_is_reported_once() -> None:
    """Neighbouring starts of one gap are one answer, with its flexibility."""
    members = [member("A"), member("B")]
    shifts = [shift("A", "07:00", "13:00"), shift("B", "15:00", "22:00")]
    found = find_availability(members, shifts, [], DAY, DAY, SHANGHAI)
    best = propose(found, top=3).proposals
    first = best[0].sessions[0]
    assert (first.start, first.latest_start) == (local("13:15"), local("14:00"))
    assert first.attendees == ("A", "B")
    assert best[0].coverage == 1.0
    starts = [p.sessions[0].start for p in best]
    assert len(set(starts)) == 3
    assert all(len(p.covered) == 1 for p in best[1:])


def test_absentees_carry_the_reason_they_cannot_come() -> None:
    members = [member("A"), member("B")]
    shifts = [shift("B", "07:00", "22:00")]
    found = find_availability(members, shifts, [], DAY, DAY, SHANGHAI)
    proposal = propose(found, top=1).proposals[0]
    (absent,) = proposal.sessions[0].absentees
    assert absent[0] == "B" and absent[1].kind is ReasonKind.SHIFT
    assert proposal.uncovered == proposal.sessions[0].absentees
    assert proposal.covered == ("A",) and proposal.coverage == 0.5


def test_quorum_needs_more_than_half_of_the_entitled_voters() -> None:
    """Probationary members do not vote: they do not count towards quorum (a study
    meeting reports the vote's quorum as a guide)."""
    members = [
        member("A"),
        member("B"),
        member("C", status=Status.PROBATIONARY),
        member("D", status=Status.PROBATIONARY),
    ]
    busy_all_day = [shift(no, "06:00", "23:00") for no in ("B",)]
    found = find_availability(members, busy_all_day, [], DAY, DAY, SHANGHAI)
    proposal = propose(found, top=1).proposals[0]
    assert len(proposal.covered) == 3
    assert proposal.quorum is False  # one of two full members is not more than half


def test_between_equal_counts_the_leader_present_wins() -> None:
    members = [member("L", role=Role.LEADER), member("B")]
    shifts = [shift("L", "07:00", "14:00"), shift("B", "14:00", "22:00")]
    found = find_availability(members, shifts, [], DAY, DAY, SHANGHAI)
    best = propose(found, top=1).proposals[0]
    assert best.covered == ("L",)


def test_between_equal_counts_a_handover_beats_a_day_off() -> None:
    """Members coming off their own shift are already on site; others come in on purpose."""
    members = [member("A")]
    shifts = [shift("A", "07:00", "15:00", day=NEXT)]
    found = find_availability(members, shifts, [], DAY, NEXT, SHANGHAI)
    best = propose(found, top=2).proposals
    assert best[0].sessions[0].start == local("15:15", NEXT)
    assert best[1].sessions[0].start == local("07:00", DAY)  # earlier, but a day off


def test_required_members_limit_the_slots() -> None:
    members = [member("A"), member("B"), member("C")]
    shifts = [shift("A", "07:00", "14:00"), shift("B", "14:00", "22:00")]
    found = find_availability(members, shifts, [], DAY, DAY, SHANGHAI)
    proposals = propose(found, top=5, require=["B"])
    assert proposals.proposals
    assert all("B" in p.covered for p in proposals.proposals)
    assert proposals.proposals[0].sessions[0].end <= local("13:45")


def test_when_no_slot_suits_the_required_members_the_blocker_is_named() -> None:
    """The secretary learns whom to talk to, not only that nothing works."""
    members = [member("A"), member("B"), member("C")]
    shifts = [shift("A", "07:00", "14:00"), shift("B", "14:00", "22:00")]
    leave = [Leave("C", local("00:00"), local("+1 00:00"))]
    found = find_availability(members, shifts, leave, DAY, DAY, SHANGHAI)
    assert propose(found, require=["A", "C"]).blocked_by == ("C",)
    assert propose(found, require=["A", "C"]).proposals == ()
    assert propose(found, require=["A", "B"]).blocked_by == ("A", "B")


def test_a_required_member_outside_the_scope_is_refused() -> None:
    found = find_availability([member("A")], [], [], DAY, DAY, SHANGHAI)
    with pytest.raises(ValueError, match="Z"):
        propose(found, require=["Z"])


def test_nobody_to_meet_gives_no_proposals() -> None:
    found = find_availability([], [], [], DAY, DAY, SHANGHAI)
    assert propose(found).proposals == ()
    assert propose(found).members == 0


def test_two_sessions_cover_two_crews_that_never_meet() -> None:
    """Canteen early and late crews are never free together: one session each."""
    members = [member("E1"), member("E2"), member("L1"), member("L2")]
    shifts = []
    for day in (DAY, NEXT):
        for no in ("E1", "E2"):
            shifts += [shift(no, "05:30", "13:30", day=day), shift(no, "15:00", "22:00", day=day)]
        for no in ("L1", "L2"):
            shifts += [shift(no, "07:00", "08:30", day=day), shift(no, "10:30", "22:00", day=day)]
    found = find_availability(members, shifts, [], DAY, NEXT, SHANGHAI)
    assert len(propose(found).proposals[0].covered) == 2
    two = propose(found, sessions=2, top=3)
    assert two.exact and len(two.proposals) == 3
    assert all(p.coverage == 1.0 and len(p.sessions) == 2 for p in two.proposals)
    best = two.proposals[0].sessions
    assert (best[0].start, best[0].latest_start) == (local("08:45"), local("09:30"))
    assert (best[1].start, best[1].latest_start) == (local("13:45"), local("14:00"))
    assert best[0].attendees == ("L1", "L2") and best[1].attendees == ("E1", "E2")
    gap_sets = {tuple(s.start for s in p.sessions) for p in two.proposals}
    assert len(gap_sets) == 3


def test_four_crews_need_four_sessions_found_greedily_and_no_fifth() -> None:
    """Beyond three sessions the greedy search answers, and says so; a useless fifth is dropped."""
    members = [member(no) for no in ("A", "B", "C", "D")]
    # Each is free for one window only (shifts end and start 15 minutes away from it).
    windows = {"A": ("06:45", "09:15"), "B": ("09:45", "12:15"), "C": ("12:45", "15:15")}
    windows["D"] = ("15:45", "18:15")
    shifts = []
    for no, (busy_until, busy_from) in windows.items():
        shifts += [shift(no, "00:00", busy_until), shift(no, busy_from, "+1 00:00")]
    found = find_availability(members, shifts, [], DAY, DAY, SHANGHAI, Rules(rest=0))
    assert len(propose(found).proposals[0].covered) == 1
    three = propose(found, sessions=3)
    assert three.exact and len(three.proposals[0].covered) == 3
    four = propose(found, sessions=4)
    assert not four.exact
    assert four.proposals[0].coverage == 1.0 and len(four.proposals[0].sessions) == 4
    five = propose(found, sessions=5)
    assert len(five.proposals[0].sessions) == 4


def test_fewer_exact_sessions_replace_more_greedy_ones_that_reach_no_one_else() -> None:
    members = [member("A"), member("B")]
    shifts = [shift("B", "07:00", "12:00")]
    found = find_availability(members, shifts, [], DAY, DAY, SHANGHAI)
    result = propose(found, sessions=4)
    assert result.exact and len(result.proposals[0].sessions) == 1
    assert result.proposals[0].coverage == 1.0
