"""The planner on a small hand-made organisation: booked meetings, double bookings, lead time."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.meetings import MeetingClash
from shiftcell.db.planning import Planner, PlanRequest
from shiftcell.db.store import Store
from shiftcell.scheduling import (
    Department,
    Group,
    Member,
    Mobility,
    Purpose,
    ReasonKind,
    Shift,
    Status,
)
from shiftcell.scheduling.meetings import Meeting, MeetingType

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 10)
CANTEEN = ("E0", "E1", "E2")
DORMITORY = ("D0", "D1")


def at(clock: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


@pytest.fixture
def staffed(store: Store) -> Store:
    store.save(
        branches=["Branch"],
        departments=[Department("Canteens"), Department("Dormitories")],
        groups=[Group("Canteen group", "Branch"), Group("Dormitory group", "Branch")],
        members=[
            *(Member(no, f"name {no}", "Canteens", group="Canteen group") for no in CANTEEN),
            *(Member(no, f"name {no}", "Dormitories", group="Dormitory group") for no in DORMITORY),
        ],
    )
    return store


def book(
    store: Store,
    start: str,
    minutes: int = 45,
    invited: tuple[str, ...] = CANTEEN,
    topic: str = "学习全会精神",
    **options: bool,
) -> Meeting:
    return store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic=topic,
        start=at(start),
        end=at(start) + timedelta(minutes=minutes),
        groups=["Canteen group"],
        invited=list(invited),
        **options,
    )


def request(
    *, sessions: int = 1, invitees: tuple[str, ...] = (), purpose: Purpose = Purpose.STUDY
) -> PlanRequest:
    return PlanRequest(
        ("Canteen group",),
        MeetingType.GROUP_MEETING,
        DAY,
        DAY,
        45,
        sessions=sessions,
        invitees=invitees,
        purpose=purpose,
    )


def before_the_day() -> datetime:
    return at("00:00") - timedelta(days=1)


def test_a_booked_time_is_not_proposed_again_to_the_members_it_invites(staffed: Store) -> None:
    """Book the best proposal and ask again: the same time must not come back at 100%."""
    planner = Planner(staffed)
    first = planner.plan(request(), before_the_day()).proposals[0].sessions[0]
    book(staffed, f"{first.start:%H:%M}")
    again = planner.plan(request(), before_the_day())
    margin = timedelta(minutes=15)
    assert again.proposals[0].coverage == 1.0  # the rest of the day is still free
    for proposal in again.proposals:
        (session,) = proposal.sessions
        overlaps = session.start < first.end + margin and session.end > first.start - margin
        if overlaps:
            assert session.attendees == (), f"{session.start:%H:%M} is proposed again"


def test_the_reason_names_the_meeting_with_a_shifts_changeover_margin(staffed: Store) -> None:
    """Busy from 15 minutes before to 15 minutes after, and told why."""
    meeting = book(staffed, "20:15")
    planner = Planner(staffed)
    members = staffed.members(groups=["Canteen group"])
    found = planner.availability(members, DAY, DAY, planner.rules())
    starts = [slot.start for slot in found.slots]
    assert found.free[0, starts.index(at("19:15"))]  # ends 20:00, the margin before
    assert not found.free[0, starts.index(at("19:30"))]
    assert found.free[0, starts.index(at("21:15"))]
    reason = found.reason(0, starts.index(at("20:15")))
    assert reason is not None and reason.kind is ReasonKind.MEETING
    assert (reason.label, reason.meeting) == ("学习全会精神", meeting.id)
    assert (reason.start, reason.end) == (at("20:15"), at("21:00"))


def test_a_cancelled_meeting_frees_its_time(staffed: Store) -> None:
    meeting = book(staffed, "20:15")
    staffed.meetings.cancel(meeting.id)
    planner = Planner(staffed)
    members = staffed.members(groups=["Canteen group"])
    found = planner.availability(members, DAY, DAY, planner.rules())
    assert found.free.all()


def test_a_make_up_session_avoids_the_members_other_meetings(staffed: Store) -> None:
    """The 补课 is for one member who is busy at the best time of the day: not offered."""
    book(staffed, "07:00", minutes=15 * 60, invited=("E1",), topic="全天培训")
    plan = Planner(staffed).plan(request(invitees=("E1",)), before_the_day())
    assert all(p.coverage == 0 for p in plan.proposals)
    (session,) = plan.proposals[0].sessions
    ((_, reason),) = session.absentees
    assert reason.kind is ReasonKind.MEETING and reason.label == "全天培训"


def test_the_meeting_page_never_blames_the_meeting_itself_or_its_other_sessions(
    staffed: Store,
) -> None:
    """Two sessions back to back: neither makes anyone look busy for the other."""
    sessions = staffed.meetings.book_series(
        type=MeetingType.GROUP_MEETING,
        topic="学习",
        sessions=[(at("14:00"), at("14:45")), (at("14:45"), at("15:30"))],
        groups=["Canteen group"],
        invited=list(CANTEEN),
    )
    for session in sessions:
        assert Planner(staffed).outlook(session) == dict.fromkeys(CANTEEN)


def test_the_meeting_page_names_another_meeting_at_the_same_time(staffed: Store) -> None:
    first = book(staffed, "14:00", topic="学习全会精神")
    second = book(staffed, "14:30", invited=("E0", "D0"), topic="安全生产", allow_clash=True)
    seen = Planner(staffed).outlook(second)
    assert seen["D0"] is None
    reason = seen["E0"]
    assert reason is not None and reason.meeting == first.id and reason.label == "学习全会精神"


def test_a_group_view_reads_only_its_own_members_invitations(staffed: Store) -> None:
    """A leader over SSH must not learn what other groups' members are booked for."""
    book(staffed, "14:00", invited=("E0", "D0"))
    staffed.narrow("Dormitory group")
    found = staffed.meetings.invitations(at("00:00"), at("23:59"))
    assert [i.employee_no for i in found] == ["D0"]
    assert staffed.meetings.invitations(at("00:00"), at("23:59"), ["E0"]) == []


def test_a_double_booking_is_refused_naming_who_and_which_meeting(staffed: Store) -> None:
    """Refused whole: nothing is written, and the error says who is already where."""
    first = book(staffed, "14:00")
    with pytest.raises(MeetingClash) as refused:
        book(staffed, "14:30", invited=("E1", "D0"), topic="安全生产")
    (clash,) = refused.value.clashes
    assert (clash.employee_no, clash.meeting, clash.topic) == ("E1", first.id, "学习全会精神")
    assert len(staffed.meetings.list()) == 1


def test_moving_a_meeting_onto_another_is_refused_as_a_booking_is(staffed: Store) -> None:
    """A move is a booking at a new time: the same double booking, the same refusal,
    and the meeting stays where it was."""
    first = book(staffed, "14:00")
    second = book(staffed, "16:00", invited=("E1", "D0"), topic="安全生产")
    with pytest.raises(MeetingClash) as refused:
        staffed.meetings.move(second.id, at("14:30"))
    assert [(c.employee_no, c.meeting) for c in refused.value.clashes] == [("E1", first.id)]
    assert staffed.meetings.get(second.id).start == second.start
    moved = staffed.meetings.move(second.id, at("16:30"))  # onto itself: no clash
    assert moved.start == at("16:30") and moved.sequence == second.sequence + 1


def test_meetings_back_to_back_are_no_double_booking(staffed: Store) -> None:
    """Within the changeover margin someone may not make it; that is said, not refused."""
    book(staffed, "14:00")
    book(staffed, "14:45", topic="安全生产")
    assert len(staffed.meetings.list()) == 2


def test_a_cancelled_meeting_is_no_clash_and_a_clash_may_be_allowed(staffed: Store) -> None:
    staffed.meetings.cancel(book(staffed, "14:00").id)
    book(staffed, "14:00", topic="改期")
    book(staffed, "14:00", topic="又一个", allow_clash=True)
    assert len(staffed.meetings.list(include_cancelled=False)) == 2


def test_sessions_of_one_series_are_no_clash_with_each_other(staffed: Store) -> None:
    booked = staffed.meetings.book_series(
        type=MeetingType.GROUP_MEETING,
        topic="学习",
        sessions=[(at("14:00"), at("15:00")), (at("14:30"), at("15:30"))],
        groups=["Canteen group"],
        invited=list(CANTEEN),
    )
    assert len(booked) == 2


def test_no_start_is_proposed_within_the_lead_time(staffed: Store) -> None:
    """At 10:00 a day free from morning to night is offered from 10:30, not dropped whole."""
    now = at("10:00")
    plan = Planner(staffed).plan(request(), now)
    assert plan.proposals
    first = min(s.start for p in plan.proposals for s in p.sessions)
    assert first == at("10:30")


def test_repeat_sessions_are_chosen_among_future_times_only(staffed: Store) -> None:
    """Two sessions for two crews: the morning crew's only time is past, the answer says so."""
    staffed.save(
        shifts=[
            Shift(at("11:00"), at("22:00"), no, None, "Late") for no in ("E0", "E1")
        ]  # free only in the morning, 07:00–10:45
        + [Shift(at("05:00"), at("16:00"), "E2", None, "Early")]
    )
    now = at("10:00")
    plan = Planner(staffed).plan(request(sessions=2), now)
    assert plan.proposals
    for proposal in plan.proposals:
        assert all(s.start >= now + timedelta(minutes=30) for s in proposal.sessions)
    assert max(len(p.covered) for p in plan.proposals) == 1  # E2 in the evening


@pytest.fixture
def voting(staffed: Store) -> Store:
    """The canteen group as full members, entitled to vote; E2 ours and away."""
    staffed.save(
        members=[
            Member(
                no,
                f"name {no}",
                "Canteens",
                group="Canteen group",
                status=Status.FULL,
                mobile=Mobility.OUT if no == "E2" else None,
            )
            for no in CANTEEN
        ]
    )
    return staffed


def test_a_voter_kept_away_by_a_booked_meeting_is_missing_with_that_meeting_as_reason(
    voting: Store,
) -> None:
    """A committee meeting at the time of a vote takes a voter from the count: the proposal
    names them among the missing voters, the meeting as the reason, and the quorum fails."""
    meeting = book(voting, "20:15", invited=("E1",), topic="支委会")
    planner = Planner(voting)
    members = voting.members(groups=["Canteen group"])
    rules = planner.rules(duration=45, earliest=time(20, 15), latest=time(21, 0))
    (proposal,) = planner.propose(members, DAY, DAY, rules, top=5, purpose=Purpose.VOTE).proposals
    assert (proposal.voters, proposal.voters_present, proposal.quorum) == (3, 1, False)
    assert proposal.missing_voters == ("E1", "E2")  # the busy voter, then the one away
    ((who, reason),) = proposal.uncovered
    assert who == "E1" and reason.kind is ReasonKind.MEETING
    assert (reason.meeting, reason.label) == (meeting.id, "支委会")


def test_a_vote_planned_late_offers_one_sitting_after_the_lead_time_quorum_first(
    voting: Store,
) -> None:
    """The planning form's purpose and its lead time meet in one plan: one sitting whatever
    the sessions field said, nothing sooner than 30 minutes from now, times with a quorum
    before the one a booked meeting spoils."""
    book(voting, "20:15", invited=("E1",), topic="支委会")
    now = at("19:40")
    plan = Planner(voting).plan(request(sessions=2, purpose=Purpose.VOTE), now)
    assert plan.proposals and plan.voters == 3 and plan.away == ("E2",)
    assert all(len(p.sessions) == 1 for p in plan.proposals)
    starts = [p.sessions[0].start for p in plan.proposals]
    assert min(starts) >= now + timedelta(minutes=30)
    keys = [(p.quorum, p.voters_present) for p in plan.proposals]
    assert keys == sorted(keys, reverse=True)
    assert keys[0] == (True, 2) and (False, 1) in keys
