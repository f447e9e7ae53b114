"""The meeting page's "at that time" agrees with the proposals the meeting was booked from."""

from datetime import date
from pathlib import Path

from meeting_fixtures import NOW

from shiftcell.db.planning import Planner, PlanRequest
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType


def test_who_is_free_at_a_booked_time_is_who_the_proposal_said(demo_db: Path) -> None:
    """Two views of one question must never disagree in front of a secretary.

    Each proposal is booked on its own, and called off before the next: two
    proposals of one plan may overlap, and a booked meeting keeps people busy.
    """
    store = Store.open(demo_db)
    groups = tuple(g.name for g in store.groups())
    request = PlanRequest(
        groups, MeetingType.GROUP_MEETING, date(2026, 12, 9), date(2026, 12, 15), 45
    )
    plan = Planner(store).plan(request, NOW)
    assert len(plan.proposals) >= 3
    for proposal in plan.proposals[:3]:
        (session,) = proposal.sessions
        (meeting_id,) = Planner(store).book(plan, [session.start], topic="x")
        seen = Planner(store).outlook(store.meetings.get(meeting_id))
        assert sorted(no for no, reason in seen.items() if reason is None) == sorted(
            session.attendees
        )
        assert {no: r for no, r in seen.items() if r is not None} == dict(session.absentees)
        store.meetings.cancel(meeting_id)


def test_a_start_off_the_quarter_hour_is_still_judged(demo_db: Path) -> None:
    """Meetings booked from the command line may start at 14:05."""
    from datetime import datetime, timedelta

    from meeting_fixtures import ZONE

    store = Store.open(demo_db)
    group = store.groups()[0].name
    start = datetime(2026, 12, 10, 14, 5, tzinfo=ZONE)
    invited = [m.employee_no for m in store.members(groups=[group])]
    meeting = store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="x",
        start=start,
        end=start + timedelta(minutes=40),
        groups=[group],
        invited=invited,
    )
    assert sorted(Planner(store).outlook(meeting)) == sorted(invited)


def test_past_proposals_are_never_offered(demo_db: Path) -> None:
    """A time earlier today than now cannot be booked any more."""
    store = Store.open(demo_db)
    groups = tuple(g.name for g in store.groups())
    request = PlanRequest(
        groups, MeetingType.GROUP_MEETING, date(2026, 12, 1), date(2026, 12, 9), 45
    )
    plan = Planner(store).plan(request, NOW)
    assert plan.proposals
    assert all(s.start >= NOW for p in plan.proposals for s in p.sessions)
