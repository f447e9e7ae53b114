"""What a range plan holds, and placing its meetings so that nobody is in two at once.

A secretary books a whole quarter from this in one go: a meeting missing from
it goes unheld, one planned twice is booked twice, and two that overlap for
one member cannot both be attended.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from shiftcell.scheduling import Proposal, Session
from shiftcell.scheduling.cadence import Cadence, requirements
from shiftcell.scheduling.cadence_plan import (
    Agenda,
    Diary,
    Due,
    plan_in_order,
    what_is_due,
    with_votes,
)
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.scheduling.pipeline import Conversion
from shiftcell.scheduling.votes import Purpose

ZONE = ZoneInfo("Asia/Shanghai")
GROUPS = ["一组", "二组"]
MARGIN = timedelta(minutes=15)
STEP = timedelta(minutes=15)


def _due(first: date, last: date, *, today: date, booked=None, **cadences: Cadence) -> list[Due]:
    kept = requirements({MeetingType(k): c for k, c in cadences.items()})
    return what_is_due(kept, GROUPS, first, last, today=today, booked=booked or {})


def _names(dues: list[Due]) -> list[tuple[str, str | None, str]]:
    return [(d.kind.value, d.group, d.period.label) for d in dues]


def test_a_quarter_from_midway_plans_the_rest_of_each_period_widest_reach_first() -> None:
    """Planned from 2026-12-09: December's and the quarter's meetings in what is left of
    them, the year's review and appraisal too (the year ends in the range)."""
    dues = _due(date(2026, 12, 9), date(2026, 12, 31), today=date(2026, 12, 1))
    assert _names(dues) == [
        ("general_meeting", None, "2026Q4"),
        ("party_lecture", None, "2026Q4"),
        ("theme_day", None, "2026-12"),
        ("review_meeting", None, "2026"),
        ("appraisal", None, "2026"),
        ("committee_meeting", None, "2026-12"),
        ("group_meeting", "一组", "2026-12"),
        ("group_meeting", "二组", "2026-12"),
    ]
    assert {(d.first, d.last) for d in dues} == {(date(2026, 12, 9), date(2026, 12, 31))}


def test_the_next_quarter_plans_its_months_and_the_quarter_but_not_the_year() -> None:
    dues = _due(date(2027, 1, 1), date(2027, 3, 31), today=date(2026, 12, 9), theme_day=Cadence.OFF)
    assert _names(dues) == [
        ("general_meeting", None, "2027Q1"),
        ("party_lecture", None, "2027Q1"),
        ("committee_meeting", None, "2027-01"),
        ("committee_meeting", None, "2027-02"),
        ("committee_meeting", None, "2027-03"),
        ("group_meeting", "一组", "2027-01"),
        ("group_meeting", "二组", "2027-01"),
        ("group_meeting", "一组", "2027-02"),
        ("group_meeting", "二组", "2027-02"),
        ("group_meeting", "一组", "2027-03"),
        ("group_meeting", "二组", "2027-03"),
    ]


def test_nothing_is_planned_before_today_and_a_period_already_over_is_left_out() -> None:
    dues = _due(date(2027, 1, 1), date(2027, 2, 28), today=date(2027, 2, 10))
    assert {d.period.label for d in dues} == {"2027-02"}
    assert {d.first for d in dues} == {date(2027, 2, 10)}


def test_periods_held_or_booked_are_not_planned_again() -> None:
    """A group that met this month, a committee that met, a branch meeting every group
    was invited to: nothing more is due; a branch meeting that reached one group of two is."""
    booked = {
        (MeetingType.GROUP_MEETING, "一组"): [date(2027, 1, 20)],
        (MeetingType.GROUP_MEETING, "二组"): [date(2026, 12, 20)],  # last month's
        (MeetingType.COMMITTEE_MEETING, None): [date(2027, 1, 5)],
        (MeetingType.GENERAL_MEETING, "一组"): [date(2027, 1, 8)],
        (MeetingType.GENERAL_MEETING, "二组"): [date(2027, 1, 9)],
        (MeetingType.PARTY_LECTURE, "一组"): [date(2027, 1, 8)],
    }
    dues = _due(date(2027, 1, 1), date(2027, 1, 31), today=date(2027, 1, 1), booked=booked)
    assert _names(dues) == [
        ("theme_day", None, "2027-01"),
        ("group_meeting", "二组", "2027-01"),
    ]


def test_a_group_plan_holds_only_the_groups_own_meetings() -> None:
    kept = requirements({})
    dues = what_is_due(
        kept,
        ["一组"],
        date(2027, 1, 1),
        date(2027, 1, 31),
        today=date(2027, 1, 1),
        booked={},
        branch=False,
    )
    assert _names(dues) == [("group_meeting", "一组", "2027-01")]


# -- placing ------------------------------------------------------------------------


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 1, day, hour, minute, tzinfo=ZONE)


def _proposal(*sessions: tuple[datetime, int, int]) -> Proposal:
    """Sessions given as (start, minutes long, minutes of gap after the start)."""
    return Proposal(
        sessions=tuple(
            Session(
                start, start + timedelta(minutes=length), start + timedelta(minutes=gap), (), ()
            )
            for start, length, gap in sessions
        ),
        covered=(),
        uncovered=(),
        coverage=1.0,
        quorum=True,
    )


def test_a_proposal_clashing_with_an_earlier_pick_moves_within_its_gap() -> None:
    """The branch meets 14:00–15:00; a group whose best gap opens at 14:00 and lasts till
    16:00 meets at 15:15, after the changeover margin; a gap too short is passed over."""
    diary = Diary(MARGIN, STEP)
    agenda = Agenda(diary)
    due = _due(date(2027, 1, 1), date(2027, 1, 31), today=date(2027, 1, 1))
    agenda.add(due[0], ["A", "B", "C"], [_proposal((_at(4, 14), 60, 0))])
    short, long = _proposal((_at(4, 14), 45, 30)), _proposal((_at(4, 14), 45, 120))
    entry = agenda.add(due[-1], ["A"], [short, long])
    assert entry.option == 1
    assert entry.chosen is not None and entry.chosen.sessions[0].start == _at(4, 15, 15)
    assert entry.chosen.sessions[0].end == _at(4, 16)
    apart = agenda.add(due[-2], ["D"], [short])
    assert apart.option == 0 and apart.chosen == short  # nobody shared: no need to move


starts = st.builds(
    lambda day, quarter: _at(day, 7) + timedelta(minutes=15 * quarter),
    st.integers(4, 6),
    st.integers(0, 50),
)
sessions = st.tuples(starts, st.sampled_from([30, 45, 60]), st.sampled_from([0, 15, 60, 180]))
proposals = st.lists(st.lists(sessions, min_size=1, max_size=2), min_size=0, max_size=4)
meetings = st.lists(
    st.tuples(st.sets(st.sampled_from("ABCDEF"), min_size=1, max_size=4), proposals),
    min_size=1,
    max_size=7,
)


def _clear(a: Session, b: Session) -> bool:
    return a.end + MARGIN <= b.start or b.end + MARGIN <= a.start


def _brute_place(option: Proposal, busy: list[Session]) -> Proposal | None:
    """Oracle: for each session, every start of its gap from the first, in steps."""
    placed = []
    for session in option.sessions:
        start, found = session.start, None
        while start <= session.latest_start:
            moved = Session(
                start, start + (session.end - session.start), session.latest_start, (), ()
            )
            if all(_clear(moved, other) for other in busy):
                found = moved
                break
            start += STEP
        if found is None:
            return None
        placed.append(found)
    return Proposal(tuple(placed), (), (), 1.0, True)


@settings(max_examples=150, deadline=None)
@given(meetings)
def test_each_meeting_gets_the_first_option_that_fits_and_nobody_is_in_two_at_once(
    wanted: list[tuple[set[str], list[list[tuple[datetime, int, int]]]]],
) -> None:
    due = _due(date(2027, 1, 1), date(2027, 1, 31), today=date(2027, 1, 1))[0]
    options = [[_proposal(*s) for s in opts] for _, opts in wanted]
    whom, offered = iter([sorted(w) for w, _ in wanted]), iter(options)
    told: list[tuple[int, int]] = []
    agenda = plan_in_order(
        [due] * len(wanted),
        lambda _: next(whom),
        lambda _: next(offered),
        Diary(MARGIN, STEP),
        lambda done, total: told.append((done, total)),
    )
    assert told == [(n, len(wanted)) for n in range(1, len(wanted) + 1)]
    picked: dict[str, list[Session]] = {}
    for entry, opts in zip(agenda.entries, options, strict=True):
        busy = [s for member in entry.invited for s in picked.get(member, [])]
        expected = next(
            ((n, p) for n, o in enumerate(opts) if (p := _brute_place(o, busy)) is not None),
            (None, None),
        )
        assert entry.option == expected[0]
        if entry.chosen is not None:
            assert [(s.start, s.end) for s in entry.chosen.sessions] == [
                (s.start, s.end) for s in expected[1].sessions
            ]
            for member in entry.invited:
                picked.setdefault(member, []).extend(entry.chosen.sessions)
    for member in "ABCDEF":
        theirs = [
            (index, session)
            for index, e in enumerate(agenda.entries)
            if e.chosen and member in e.invited
            for session in e.chosen.sessions
        ]
        for i, a in theirs:
            for j, b in theirs:
                assert i == j or _clear(a, b)


@settings(max_examples=100, deadline=None)
@given(meetings, st.data())
def test_moving_a_meeting_to_another_option_never_makes_a_clash(
    wanted: list[tuple[set[str], list[list[tuple[datetime, int, int]]]]], data: st.DataObject
) -> None:
    due = _due(date(2027, 1, 1), date(2027, 1, 31), today=date(2027, 1, 1))[0]
    agenda = Agenda(Diary(MARGIN, STEP))
    for whom, opts in wanted:
        agenda.add(due, sorted(whom), [_proposal(*s) for s in opts])
    index = data.draw(st.integers(0, len(agenda.entries) - 1))
    entry = agenda.entries[index]
    if not entry.options:
        return
    option = data.draw(st.integers(0, len(entry.options) - 1))
    before = [(e.option, e.chosen) for e in agenda.entries]
    fits = agenda.alternatives(index)[option] is not None
    assert agenda.move(index, option) is fits
    if not fits:
        assert [(e.option, e.chosen) for e in agenda.entries] == before
        return
    assert entry.option == option
    for i, a in enumerate(agenda.entries):
        for j, b in enumerate(agenda.entries):
            if i < j and a.chosen and b.chosen and set(a.invited) & set(b.invited):
                for s in a.chosen.sessions:
                    for u in b.chosen.sessions:
                        assert _clear(s, u)


def test_a_meeting_booked_already_keeps_a_planned_one_away_from_its_members() -> None:
    """A was booked for 14:00–15:00 before the plan: A's meeting moves past it and its
    margin; D, not in it, keeps the time."""
    diary = Diary(MARGIN, STEP)
    diary.hold("A", _at(4, 14), _at(4, 15))
    agenda = Agenda(diary)
    due = _due(date(2027, 1, 1), date(2027, 1, 31), today=date(2027, 1, 1))[-1]
    offered = [_proposal((_at(4, 14), 45, 120))]
    moved = agenda.add(due, ["A", "B"], offered)
    assert moved.chosen is not None and moved.chosen.sessions[0].start == _at(4, 15, 15)
    assert diary.busy(["A"]) == [("A", _at(4, 15, 15), _at(4, 16))]  # the booked one is not
    kept = agenda.add(due, ["D"], offered)
    assert kept.chosen == offered[0]


# -- conversion votes ----------------------------------------------------------


def _conversion(number: str, due: date) -> Conversion:
    from shiftcell.scheduling import Member, Status

    member = Member(number, number, "后勤", status=Status.PROBATIONARY, admitted_on=due)
    return Conversion(member, due, due)


def test_a_quarters_general_meeting_becomes_the_vote_on_the_conversions_falling_due() -> None:
    """Planning two quarters: a conversion overdue and one due in February go to the
    first quarter's general meeting, planned from the later date; one due in May goes
    to the second's; one after the range waits for a later plan. Nothing else votes."""
    dues = _due(date(2027, 1, 1), date(2027, 6, 30), today=date(2026, 12, 9))
    late, february, may, after = (
        _conversion("P1", date(2026, 11, 2)),
        _conversion("P2", date(2027, 2, 17)),
        _conversion("P3", date(2027, 5, 4)),
        _conversion("P4", date(2027, 7, 1)),
    )
    voted = with_votes(dues, [may, february, after, late])
    general = [d for d in voted if d.kind is MeetingType.GENERAL_MEETING]
    assert [(d.period.label, d.purpose, d.first, d.last) for d in general] == [
        ("2027Q1", Purpose.VOTE, date(2027, 2, 17), date(2027, 3, 31)),
        ("2027Q2", Purpose.VOTE, date(2027, 5, 4), date(2027, 6, 30)),
    ]
    assert [[c.member.employee_no for c in d.converts] for d in general] == [["P1", "P2"], ["P3"]]
    others = [d for d in voted if d.kind is not MeetingType.GENERAL_MEETING]
    assert others == [d for d in dues if d.kind is not MeetingType.GENERAL_MEETING]
    assert all(d.purpose is Purpose.STUDY and not d.converts for d in others)


def test_without_conversions_due_the_general_meeting_stays_a_study_meeting() -> None:
    dues = _due(date(2027, 1, 1), date(2027, 3, 31), today=date(2026, 12, 9))
    assert with_votes(dues, [_conversion("P1", date(2027, 4, 1))]) == dues
