"""Who owes a make-up session (补课) after a meeting held in one or more sessions."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from shiftcell.scheduling.meetings import (
    Attendance,
    AttendanceState,
    Meeting,
    MeetingStatus,
    MeetingType,
    owing_make_up,
)

START = datetime(2026, 12, 10, 14, tzinfo=ZoneInfo("Asia/Shanghai"))
PEOPLE = ("E1", "E2", "E3", "E4")
states = st.sampled_from([None, *AttendanceState])
session = st.tuples(st.booleans(), st.fixed_dictionaries({p: states for p in PEOPLE}))


def _meeting(index: int, cancelled: bool, record: dict[str, AttendanceState | None]) -> Meeting:
    return Meeting(
        id=index + 1,
        type=MeetingType.GROUP_MEETING,
        topic="Study",
        start=START + timedelta(days=index),
        end=START + timedelta(days=index, hours=1),
        groups=("G",),
        invited=tuple(Attendance(p, s) for p, s in record.items()),
        status=MeetingStatus.CANCELLED if cancelled else MeetingStatus.PLANNED,
    )


@given(st.lists(session, min_size=1, max_size=4))
def test_a_member_owes_a_make_up_exactly_when_missed_and_never_present(
    sessions: list[tuple[bool, dict[str, AttendanceState | None]]],
) -> None:
    """Checked person by person against the rule as a secretary states it."""
    meetings = [_meeting(i, cancelled, record) for i, (cancelled, record) in enumerate(sessions)]
    held = [record for cancelled, record in sessions if not cancelled]
    expected = {
        p
        for p in PEOPLE
        if any(r[p] in (AttendanceState.ABSENT, AttendanceState.EXCUSED) for r in held)
        and not any(r[p] is AttendanceState.PRESENT for r in held)
    }
    owing = owing_make_up(meetings)
    assert set(owing) == expected
    assert len(owing) == len(set(owing))
