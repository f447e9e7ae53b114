"""A vote's purpose stored on the meeting, and absent voters' written opinions recorded on it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.attendance import OpinionRefused
from shiftcell.db.store import Store
from shiftcell.scheduling import Department, Group, Member, Mobility, Purpose, Status
from shiftcell.scheduling.meetings import AttendanceState, MeetingType

ZONE = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 12, 10, 14, 0, tzinfo=ZONE)


@pytest.fixture
def branch(store: Store) -> Store:
    store.save(
        branches=["Branch"],
        departments=[Department("Canteens")],
        groups=[Group("G1", "Branch"), Group("G2", "Branch")],
        members=[
            Member("F1", "full", "Canteens", group="G1", status=Status.FULL),
            Member("F2", "away", "Canteens", group="G1", status=Status.FULL, mobile=Mobility.OUT),
            Member("P1", "probationary", "Canteens", group="G1", status=Status.PROBATIONARY),
            Member("C1", "card", "Canteens", group="G1", status=Status.FULL, mobile=Mobility.IN),
            Member("O1", "other group", "Canteens", group="G2", status=Status.FULL),
        ],
    )
    return store


def _vote(store: Store, purpose: Purpose = Purpose.VOTE) -> int:
    meeting = store.meetings.book(
        type=MeetingType.GENERAL_MEETING,
        topic="转正",
        start=START,
        end=START + timedelta(minutes=45),
        groups=["G1"],
        invited=["F1", "F2", "P1", "C1"],
        purpose=purpose,
    )
    return meeting.id


def test_an_absent_voters_opinion_is_kept_on_the_meeting_before_it_begins(branch: Store) -> None:
    """Opinions are collected in advance; the ledger reads them from the meeting."""
    meeting_id = _vote(branch)
    meeting = branch.attendance.record_opinions(meeting_id, {"F2": "同意"})
    assert meeting.purpose is Purpose.VOTE
    (opinion,) = meeting.written_opinions
    assert (opinion.employee_no, opinion.note) == ("F2", "同意")
    assert opinion.received is not None
    taken_back = branch.attendance.record_opinions(meeting_id, {}, ["F2"])
    assert taken_back.written_opinions == ()


@pytest.mark.parametrize(
    ("who", "purpose", "said"),
    [
        ("P1", Purpose.VOTE, "P1 is not entitled to vote"),
        ("C1", Purpose.ELECTION, "C1 is not entitled to vote"),
        ("O1", Purpose.VOTE, "O1 is not invited to meeting"),
        ("F1", Purpose.STUDY, "does not vote: written opinions are for votes"),
    ],
)
def test_an_opinion_that_cannot_count_is_refused_and_nothing_is_written(
    branch: Store, who: str, purpose: Purpose, said: str
) -> None:
    meeting_id = _vote(branch, purpose)
    with pytest.raises(OpinionRefused, match=said):
        branch.attendance.record_opinions(meeting_id, {"F2": "", who: ""})
    assert branch.meetings.get(meeting_id).written_opinions == ()


def test_a_voter_recorded_present_gives_no_written_opinion(branch: Store) -> None:
    meeting_id = _vote(branch)
    branch.attendance.record(meeting_id, {"F1": (AttendanceState.PRESENT, "")})
    with pytest.raises(OpinionRefused, match="F1 was present"):
        branch.attendance.record_opinions(meeting_id, {"F1": ""})


def test_a_vote_cannot_be_booked_as_repeat_sessions(branch: Store) -> None:
    """One sitting: the store refuses a series for a vote, whatever the front end did."""
    sessions = [(START, START + timedelta(minutes=45)), (START + timedelta(days=1),) * 2]
    with pytest.raises(ValueError, match="one sitting"):
        branch.meetings.book_series(
            type=MeetingType.GENERAL_MEETING,
            topic="x",
            sessions=sessions,
            groups=["G1"],
            invited=["F1"],
            purpose=Purpose.ELECTION,
        )
    assert branch.meetings.list() == []


def test_a_group_view_sees_only_its_own_members_opinions(branch: Store) -> None:
    """A leader sees their own group's part of a branch meeting, opinions included."""
    meeting = branch.meetings.book(
        type=MeetingType.GENERAL_MEETING,
        topic="选举",
        start=START,
        end=START + timedelta(minutes=45),
        groups=["G1", "G2"],
        invited=["F1", "F2", "O1"],
        purpose=Purpose.ELECTION,
    )
    branch.attendance.record_opinions(meeting.id, {"F2": "", "O1": ""})
    branch.narrow("G2")
    (seen,) = branch.meetings.list()
    assert [o.employee_no for o in seen.written_opinions] == ["O1"]


def test_a_guest_at_a_vote_is_recorded_beside_the_written_opinions_and_gives_none(
    branch: Store,
) -> None:
    """A member of another group sat in on a vote while an absent voter had sent an opinion:
    the meeting keeps both, the guest is no invited voter, and the guest's group sees its
    own member there as a guest, and none of the other group's opinions."""
    meeting_id = _vote(branch)
    branch.attendance.record_opinions(meeting_id, {"F2": "同意"})
    branch.attendance.record(meeting_id, {"F1": (AttendanceState.PRESENT, "")}, guests=["O1"])
    with pytest.raises(OpinionRefused, match="O1 is not invited to meeting"):
        branch.attendance.record_opinions(meeting_id, {"O1": ""})
    meeting = branch.meetings.get(meeting_id)
    assert meeting.guests == ("O1",)
    assert [o.employee_no for o in meeting.written_opinions] == ["F2"]
    assert [a.employee_no for a in meeting.invited] == ["C1", "F1", "F2", "P1"]
    branch.narrow("G2")
    (seen,) = branch.meetings.list()
    assert (seen.guests, seen.written_opinions, seen.invited) == (("O1",), (), ())


def test_a_vote_booked_over_another_meeting_is_refused_unless_allowed_and_keeps_its_purpose(
    branch: Store,
) -> None:
    """The double-booking check holds for a vote as for any meeting; allowed, it is still a
    vote (one sitting, opinions taken)."""
    from shiftcell.db.meetings import MeetingClash

    branch.meetings.book(
        type=MeetingType.COMMITTEE_MEETING,
        topic="支委会",
        start=START + timedelta(minutes=30),
        end=START + timedelta(minutes=90),
        groups=["G1"],
        invited=["F1"],
    )
    with pytest.raises(MeetingClash) as clash:
        _vote(branch)
    assert [(c.employee_no, c.topic) for c in clash.value.clashes] == [("F1", "支委会")]
    assert len(branch.meetings.list()) == 1
    (booked,) = branch.meetings.book_series(
        type=MeetingType.GENERAL_MEETING,
        topic="转正",
        sessions=[(START, START + timedelta(minutes=45))],
        groups=["G1"],
        invited=["F1", "F2", "P1", "C1"],
        purpose=Purpose.VOTE,
        allow_clash=True,
    )
    assert booked.purpose is Purpose.VOTE
    assert branch.attendance.record_opinions(booked.id, {"F2": ""}).written_opinions
