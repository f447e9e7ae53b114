"""The cadence kept in the store: rules, committee, where groups stand, a month planned and booked.

Expectations are worked out by hand on the small branch of ``cadence_fixtures``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import numpy as np
import pytest

from shiftcell.db.access import StoreRefusal
from shiftcell.db.cadence_plan import book_plan, plan_range
from shiftcell.db.planning import Planner
from shiftcell.db.store import Store
from shiftcell.scheduling import Member, Purpose, Status
from shiftcell.scheduling.cadence import Cadence, Standing
from shiftcell.scheduling.meetings import AttendanceState, MeetingType
from tests.db.cadence_fixtures import ONE, TWO, at, fill_small_branch

JANUARY = (date(2031, 1, 1), date(2031, 1, 31))
BEFORE = at(date(2030, 12, 1), 9)  # planning a month ahead


@pytest.fixture
def branch() -> Iterator[Store]:
    store = Store.memory()
    fill_small_branch(store)
    yield store
    store.close()


def _picks(store: Store) -> list[tuple[str, str | None, list[tuple[str, str, tuple[str, ...]]]]]:
    plan = plan_range(store, *JANUARY, BEFORE)
    return [
        (
            e.due.kind.value,
            e.due.group,
            [(f"{s.start:%m-%d %H:%M}", f"{s.end:%H:%M}", s.attendees) for s in e.chosen.sessions]
            if e.chosen
            else [],
        )
        for e in plan.entries
    ]


def test_a_month_is_planned_around_both_rotations_with_nobody_in_two_meetings(
    branch: Store,
) -> None:
    """Worked out by hand. January falls due as a month only: the theme day (the whole
    branch, 60 min), the committee meeting (A1 and B1, 60 min) and each group's meeting
    (45 min), in that order. The groups are never free together, so the branch-wide
    ones need a session for each: 二组 from 07:00 (the gap's first start), 一组 from
    15:15. A planned meeting makes its members busy with the changeover margin, as a
    shift would, but brings nobody on site: B1's committee session starts at 08:15 on
    the 1st (its gap ends at a handover before the 13:00 shift, as the 2nd's would: the
    earlier wins), A1's on the 2nd at 15:15, straight off the shift (on the 1st, 16:30
    would be no handover). 一组 likewise meets on the 3rd at 15:15, both off their shift,
    rather than at 16:30 on the 1st with nobody on site; 二组 at 09:30 on the 1st."""
    assert _picks(branch) == [
        (
            "theme_day",
            None,
            [("01-01 07:00", "08:00", ("B1", "B2")), ("01-01 15:15", "16:15", ("A1", "A2"))],
        ),
        (
            "committee_meeting",
            None,
            [("01-01 08:15", "09:15", ("B1",)), ("01-02 15:15", "16:15", ("A1",))],
        ),
        ("group_meeting", ONE, [("01-03 15:15", "16:00", ("A1", "A2"))]),
        ("group_meeting", TWO, [("01-01 09:30", "10:15", ("B1", "B2"))]),
    ]


def test_a_plan_books_every_meeting_in_one_go_and_then_nothing_is_due(branch: Store) -> None:
    """Booked as planned meetings with their sessions; planning again finds all booked."""
    plan = plan_range(branch, *JANUARY, BEFORE)
    ids = book_plan(branch, plan, lambda due: f"{due.period.label} {due.kind.value}")
    booked = branch.meetings.list()
    assert sorted(m.id for m in booked) == sorted(ids) and len(ids) == 6
    by_type = {}
    for meeting in booked:
        by_type.setdefault(meeting.type, []).append(meeting)
    theme = by_type[MeetingType.THEME_DAY]
    assert [m.groups for m in theme] == [(ONE, TWO), (ONE, TWO)]
    assert theme[1].series == theme[0].id and theme[0].topic == "2031-01 theme_day"
    assert {a.employee_no for a in theme[0].invited} == {"A1", "A2", "B1", "B2"}
    committee = by_type[MeetingType.COMMITTEE_MEETING]
    assert [m.groups for m in committee] == [(), ()]
    assert {a.employee_no for a in committee[0].invited} == {"A1", "B1"}
    assert plan_range(branch, *JANUARY, BEFORE).entries == []


def test_a_plan_that_fails_midway_books_nothing(branch: Store) -> None:
    plan = plan_range(branch, *JANUARY, BEFORE)
    topics = iter(["one", "two"])

    def topic(_: object) -> str:
        return next(topics)  # the third meeting fails

    with pytest.raises(StopIteration):
        book_plan(branch, plan, topic)
    assert branch.meetings.list() == []


def test_a_groups_view_plans_and_books_its_own_meetings_only(branch: Store) -> None:
    branch.narrow(ONE)
    plan = plan_range(branch, *JANUARY, BEFORE)
    assert [(e.due.kind, e.due.group) for e in plan.entries] == [(MeetingType.GROUP_MEETING, ONE)]
    # Alone, 一组 takes the 1st at 15:15 (no branch meeting there now).
    chosen = plan.entries[0].chosen
    assert chosen is not None and chosen.sessions[0].start == at(date(2031, 1, 1), 15, 15)
    book_plan(branch, plan, lambda due: "学习")
    assert [m.groups for m in branch.meetings.list()] == [(ONE,)]


def test_nothing_is_planned_before_now() -> None:
    """Planning the month on the 1st at 16:00: 一组's 15:15 has passed."""
    store = Store.memory()
    fill_small_branch(store)
    store.narrow(ONE)
    plan = plan_range(store, *JANUARY, at(date(2031, 1, 1), 16))
    chosen = plan.entries[0].chosen
    assert chosen is not None and chosen.sessions[0].start == at(date(2031, 1, 2), 15, 15)


def test_the_committee_meeting_is_not_planned_while_no_committee_is_recorded() -> None:
    store = Store.memory()
    fill_small_branch(store, committee=False)
    (committee,) = [
        e
        for e in plan_range(store, *JANUARY, BEFORE).entries
        if e.due.group is None and e.due.kind is MeetingType.COMMITTEE_MEETING
    ]
    assert committee.invited == () and committee.chosen is None


def test_a_conversion_falling_due_makes_the_quarters_general_meeting_a_vote_in_one_sitting(
    branch: Store,
) -> None:
    """P1 of 一组, admitted 2030-01-10 and free all day, falls due for conversion on
    2031-01-10. Planning the first quarter, its general meeting decides it: one sitting
    (a study meeting of this branch takes two), from the 10th, counted as a vote. The
    entitled voters are the four full members; the groups are never free together, so
    at best two of them can come (one group's, P1 beside them): no quorum, and the
    secretary sees it. Booked as a vote, its topic names P1."""
    with branch.transaction():
        branch.save(
            members=[
                Member(
                    "P1",
                    "预备党员甲",
                    "后勤",
                    group=ONE,
                    status=Status.PROBATIONARY,
                    admitted_on=date(2030, 1, 10),
                )
            ]
        )
    plan = plan_range(branch, date(2031, 1, 1), date(2031, 3, 31), BEFORE)
    (general,) = [e for e in plan.entries if e.due.kind is MeetingType.GENERAL_MEETING]
    assert general.due.purpose is Purpose.VOTE
    assert [c.member.employee_no for c in general.due.converts] == ["P1"]
    chosen = general.chosen
    assert chosen is not None and len(chosen.sessions) == 1
    (session,) = chosen.sessions
    assert session.start.date() >= date(2031, 1, 10)
    assert set(session.attendees) in ({"A1", "A2", "P1"}, {"B1", "B2", "P1"})
    assert (chosen.voters, chosen.voters_present, chosen.quorum) == (4, 2, False)
    theme = next(e for e in plan.entries if e.due.kind is MeetingType.THEME_DAY)
    assert theme.chosen is not None and len(theme.chosen.sessions) == 2
    book_plan(branch, plan, lambda due: f"{due.kind.value} {len(due.converts)}")
    (vote,) = [m for m in branch.meetings.list() if m.type is MeetingType.GENERAL_MEETING]
    assert vote.purpose is Purpose.VOTE and vote.topic == "general_meeting 1"


# -- where each group stands --------------------------------------------------------


def _book(store: Store, kind: MeetingType, day: date, groups: list[str], invited: list[str]) -> int:
    start = at(day, 15, 15)
    return store.meetings.book(
        type=kind,
        topic="x",
        start=start,
        end=start + timedelta(minutes=45),
        groups=groups,
        invited=invited,
    ).id


def _board(store: Store, as_of: date) -> dict[tuple[str | None, str], tuple[date | None, str]]:
    return {
        (line.group, line.requirement.kind.value): (line.last_held, line.status.value)
        for line in store.cadence.board(as_of)
    }


def test_meetings_entered_after_they_were_held_count_where_each_group_stands(
    branch: Store,
) -> None:
    """Booked with a past start and attendance recorded, as a secretary enters the
    ledger. As of 2031-01-20: 一组 met on the 10th (held this month), 二组 last met in
    December (due), a theme day reached 一组 only (the branch is overdue: not every
    group was reached in December either), a cancelled committee meeting does not count,
    and a meeting on the as-of date itself counts from the day after."""
    group_meeting = _book(branch, MeetingType.GROUP_MEETING, date(2031, 1, 10), [ONE], ["A1", "A2"])
    branch.attendance.record(group_meeting, {"A1": (AttendanceState.PRESENT, "")})
    _book(branch, MeetingType.GROUP_MEETING, date(2030, 12, 28), [TWO], ["B1", "B2"])
    _book(branch, MeetingType.THEME_DAY, date(2031, 1, 5), [ONE], ["A1", "A2"])
    _book(branch, MeetingType.THEME_DAY, date(2030, 12, 5), [ONE, TWO], ["A1", "A2", "B1", "B2"])
    cancelled = _book(branch, MeetingType.COMMITTEE_MEETING, date(2031, 1, 6), [], ["A1", "B1"])
    branch.meetings.cancel(cancelled)
    _book(branch, MeetingType.GENERAL_MEETING, date(2031, 1, 20), [ONE, TWO], ["A1", "B1"])
    board = _board(branch, date(2031, 1, 20))
    assert board[ONE, "group_meeting"] == (date(2031, 1, 10), "ok")
    assert board[TWO, "group_meeting"] == (date(2030, 12, 28), "due")
    assert board[ONE, "theme_day"] == (date(2031, 1, 5), "ok")
    assert board[TWO, "theme_day"] == (date(2030, 12, 5), "due")
    assert board[None, "theme_day"] == (date(2030, 12, 5), "due")
    assert board[None, "committee_meeting"] == (None, "overdue")
    assert board[None, "general_meeting"] == (None, "overdue")
    assert _board(branch, date(2031, 1, 21))[None, "general_meeting"] == (date(2031, 1, 20), "ok")
    assert (ONE, "committee_meeting") not in board


def test_a_groups_view_sees_its_own_lines_and_no_branch_lines(branch: Store) -> None:
    _book(branch, MeetingType.GROUP_MEETING, date(2031, 1, 10), [TWO], ["B1", "B2"])
    branch.narrow(ONE)
    board = _board(branch, date(2031, 1, 20))
    assert {group for group, _ in board} == {ONE}
    assert board[ONE, "group_meeting"] == (None, "overdue")


def test_a_requirement_turned_off_leaves_the_board_and_the_plan(branch: Store) -> None:
    branch.cadence.set_cadences(
        {MeetingType.THEME_DAY: Cadence.OFF, MeetingType.GROUP_MEETING: Cadence.QUARTERLY}
    )
    board = branch.cadence.board(date(2031, 1, 20))
    assert "theme_day" not in {line.requirement.kind.value for line in board}
    quarterly = [line for line in board if line.requirement.kind is MeetingType.GROUP_MEETING]
    assert {line.due_by for line in quarterly} == {date(2031, 3, 31)}
    assert [line.status for line in quarterly] == [Standing.OVERDUE, Standing.OVERDUE]
    kinds = {e.due.kind for e in plan_range(branch, *JANUARY, BEFORE).entries}
    assert kinds == {MeetingType.COMMITTEE_MEETING}  # group meetings fall due at the quarter's end


def test_only_the_whole_organisation_changes_rules_or_the_committee(branch: Store) -> None:
    branch.narrow(ONE)
    with pytest.raises(StoreRefusal):
        branch.cadence.set_cadences({MeetingType.THEME_DAY: Cadence.OFF})
    with pytest.raises(StoreRefusal):
        branch.cadence.set_committee(["A2"])
    assert [m.employee_no for m in branch.cadence.committee()] == ["A1"]  # B1 is not shown


def test_a_timetable_answers_as_the_planner_does_for_any_of_its_members(branch: Store) -> None:
    """One read for a quarter's plan must give each group what a read of its own would."""
    planner = Planner(branch)
    rules = planner.rules(duration=45)
    everyone = branch.members()
    timetable = planner.timetable(everyone, *JANUARY, rules)
    some = branch.members(groups=[TWO])
    week = (date(2031, 1, 6), date(2031, 1, 12))
    read_alone = planner.availability(some, *week, rules)
    from_timetable = timetable.availability(some, *week, rules)
    assert np.array_equal(read_alone.free, from_timetable.free)
    assert read_alone.slots == from_timetable.slots
    with pytest.raises(ValueError):
        timetable.availability(some, date(2030, 12, 31), date(2031, 1, 2), rules)


def test_a_meeting_booked_for_this_period_shows_on_the_board_until_it_is_held(
    branch: Store,
) -> None:
    """As of 2031-01-20: 一组 has its January meeting booked for the 25th; the theme day
    is booked for 一组 on the 22nd and for 二组 on the 28th, so the branch will have
    reached everyone on the 28th; a booking in February is next month's business."""
    _book(branch, MeetingType.GROUP_MEETING, date(2031, 1, 25), [ONE], ["A1", "A2"])
    _book(branch, MeetingType.GROUP_MEETING, date(2031, 2, 2), [TWO], ["B1", "B2"])
    _book(branch, MeetingType.THEME_DAY, date(2031, 1, 22), [ONE], ["A1", "A2"])
    _book(branch, MeetingType.THEME_DAY, date(2031, 1, 28), [TWO], ["B1", "B2"])
    lines = {
        (line.group, line.requirement.kind): line
        for line in branch.cadence.board(date(2031, 1, 20))
    }
    assert lines[ONE, MeetingType.GROUP_MEETING].booked == date(2031, 1, 25)
    assert lines[TWO, MeetingType.GROUP_MEETING].booked is None
    assert lines[None, MeetingType.THEME_DAY].booked == date(2031, 1, 28)
    assert lines[None, MeetingType.THEME_DAY].status is Standing.OVERDUE
    later = {
        (line.group, line.requirement.kind): line
        for line in branch.cadence.board(date(2031, 1, 26))
    }
    assert later[ONE, MeetingType.GROUP_MEETING].status is Standing.OK
    assert later[ONE, MeetingType.GROUP_MEETING].booked is None
    assert later[None, MeetingType.THEME_DAY].booked == date(2031, 1, 28)


def test_a_meeting_booked_already_is_busy_for_the_plan_and_booking_meets_no_clash(
    branch: Store,
) -> None:
    """B1 is already invited to a meeting on the 1st from 07:00 to 08:00: the theme day's
    morning session waits until both 二组 members are free, 08:15, and booking the whole
    plan is not refused as a double booking."""
    start = at(date(2031, 1, 1), 7)
    branch.meetings.book(
        type=MeetingType.OTHER,
        topic="安全培训",
        start=start,
        end=start + timedelta(hours=1),
        groups=[TWO],
        invited=["B1"],
    )
    plan = plan_range(branch, *JANUARY, BEFORE)
    theme = plan.entries[0]
    assert theme.chosen is not None
    assert theme.chosen.sessions[0].start == at(date(2031, 1, 1), 8, 15)
    book_plan(branch, plan, lambda due: "学习")
    assert len(branch.meetings.list()) == 1 + sum(
        len(e.chosen.sessions) for e in plan.entries if e.chosen
    )
