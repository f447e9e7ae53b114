"""Make-up sessions settle what they make up, and nothing else: against a plain oracle."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from shiftcell.scheduling.make_ups import MakeUps
from shiftcell.scheduling.meetings import (
    Attendance,
    AttendanceState,
    Meeting,
    MeetingStatus,
    MeetingType,
    owing_make_up,
)

ZONE = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 1, 14, tzinfo=ZONE)
PEOPLE = ("A", "B", "C", "D")
STATES = st.sampled_from([None, *AttendanceState])


def meeting(
    id: int,
    states: dict[str, AttendanceState | None],
    *,
    kind: MeetingType = MeetingType.GROUP_MEETING,
    series: int | None = None,
    makes_up: tuple[int, ...] = (),
    cancelled: bool = False,
    guests: tuple[str, ...] = (),
    day: int = 0,
) -> Meeting:
    start = START + timedelta(days=day)
    return Meeting(
        id=id,
        type=kind,
        topic="t",
        start=start,
        end=start + timedelta(minutes=45),
        groups=("g",),
        invited=tuple(Attendance(no, state) for no, state in states.items()),
        status=MeetingStatus.CANCELLED if cancelled else MeetingStatus.PLANNED,
        series=series,
        makes_up=makes_up,
        guests=guests,
    )


def test_a_member_present_at_a_linked_make_up_session_owes_nothing_more() -> None:
    """The end of the story: missed, invited to a make-up, came."""
    missed = meeting(1, {"A": AttendanceState.ABSENT, "B": AttendanceState.EXCUSED})
    make_up = meeting(
        2,
        {"A": AttendanceState.PRESENT, "B": AttendanceState.ABSENT},
        kind=MeetingType.MAKE_UP,
        makes_up=(1,),
        day=7,
    )
    record = MakeUps([missed, make_up])
    assert [d.employee_no for d in record.debts(1)] == ["B"]
    assert record.made_up_by(1) == {"A": make_up}
    assert record.debts(2) == []  # missing a make-up session owes no make-up of it


def test_a_cancelled_make_up_or_one_for_another_meeting_settles_nothing() -> None:
    missed = meeting(1, {"A": AttendanceState.ABSENT})
    cancelled = meeting(
        2, {"A": AttendanceState.PRESENT}, kind=MeetingType.MAKE_UP, makes_up=(1,), cancelled=True
    )
    elsewhere = meeting(3, {"A": AttendanceState.PRESENT}, kind=MeetingType.MAKE_UP, makes_up=(9,))
    assert [d.employee_no for d in MakeUps([missed, cancelled, elsewhere]).debts(1)] == ["A"]


def test_a_guest_at_a_make_up_session_has_made_up_too() -> None:
    """Someone who owed and came without being on the make-up's list did come."""
    missed = meeting(1, {"A": AttendanceState.ABSENT})
    make_up = meeting(2, {}, kind=MeetingType.MAKE_UP, makes_up=(1,), guests=("A",))
    assert MakeUps([missed, make_up]).debts(1) == []


def _oracle(sessions: list[Meeting], make_ups: list[Meeting]) -> set[str]:
    """Owed: missed a session not cancelled, present at no session and no make-up for it."""
    live = [s for s in sessions if not s.cancelled]
    came = {a.employee_no for s in live for a in s.invited if a.state is AttendanceState.PRESENT}
    came |= {
        a.employee_no
        for m in make_ups
        if not m.cancelled
        for a in m.invited
        if a.state is AttendanceState.PRESENT
    }
    missed = {
        a.employee_no
        for s in live
        for a in s.invited
        if a.state in (AttendanceState.EXCUSED, AttendanceState.ABSENT)
    }
    return missed - came


session_states = st.fixed_dictionaries({no: STATES for no in PEOPLE})


@given(
    st.lists(st.tuples(session_states, st.booleans()), min_size=1, max_size=3),
    st.lists(st.tuples(session_states, st.booleans()), max_size=2),
)
def test_what_is_owed_matches_the_oracle(
    sessions: list[tuple[dict[str, AttendanceState | None], bool]],
    make_ups: list[tuple[dict[str, AttendanceState | None], bool]],
) -> None:
    """Any mix of repeat sessions, cancellations and make-up sessions."""
    held = [
        meeting(i + 1, states, series=None if i == 0 else 1, cancelled=cancelled, day=i)
        for i, (states, cancelled) in enumerate(sessions)
    ]
    extra = [
        meeting(
            100 + i, states, kind=MeetingType.MAKE_UP, makes_up=(1,), cancelled=cancelled, day=10
        )
        for i, (states, cancelled) in enumerate(make_ups)
    ]
    owed = {d.employee_no for d in MakeUps([*held, *extra]).debts(1)}
    assert owed == _oracle(held, extra)
    made_up = [no for m in extra if not m.cancelled for no in m.present]
    assert set(owing_make_up(held, made_up)) == owed
