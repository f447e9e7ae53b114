"""Meetings in the store: sessions of one meeting booked together, attendance kept."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.store import Store
from shiftcell.scheduling import Department, Group, Member, Mobility
from shiftcell.scheduling.meetings import AttendanceState, MeetingType, owing_make_up

ZONE = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 12, 10, 14, 0, tzinfo=ZONE)


@pytest.fixture
def staffed(store: Store) -> Store:
    store.save(
        branches=["Branch"],
        departments=[Department("Canteens")],
        groups=[Group("Canteen group", "Branch")],
        members=[Member(f"E{i}", f"name {i}", "Canteens", group="Canteen group") for i in range(3)],
    )
    return store


def _sessions(count: int) -> list[tuple[datetime, datetime]]:
    return [
        (START + timedelta(days=i), START + timedelta(days=i, minutes=45)) for i in range(count)
    ]


def _book(store: Store, sessions: int) -> list[int]:
    booked = store.meetings.book_series(
        type=MeetingType.GROUP_MEETING,
        topic="Study",
        sessions=_sessions(sessions),
        groups=["Canteen group"],
        invited=["E0", "E1", "E2"],
    )
    return [m.id for m in booked]


def test_repeat_sessions_share_the_first_sessions_id_as_their_series(staffed: Store) -> None:
    """Calendars and attendance treat the sessions as one meeting held in turns."""
    first, second, third = _book(staffed, 3)
    assert [m.series for m in staffed.meetings.series(third)] == [None, first, first]
    assert [m.id for m in staffed.meetings.series(first)] == [first, second, third]


def test_a_series_is_booked_whole_or_not_at_all(staffed: Store) -> None:
    """A session that cannot be stored must not leave its siblings behind."""
    bad = [*_sessions(1), (START, START)]
    with pytest.raises(ValueError):
        staffed.meetings.book_series(
            type=MeetingType.GROUP_MEETING,
            topic="Study",
            sessions=bad,
            groups=["Canteen group"],
            invited=["E0"],
        )
    assert staffed.meetings.list() == []


def test_present_at_one_session_of_a_series_owes_no_make_up(staffed: Store) -> None:
    """Holding a meeting twice exists so that everyone attends one of the two."""
    first, second = _book(staffed, 2)
    staffed.attendance.record(
        first,
        {
            "E0": (AttendanceState.PRESENT, ""),
            "E1": (AttendanceState.ABSENT, ""),
            "E2": (AttendanceState.EXCUSED, "on leave"),
        },
    )
    staffed.attendance.record(second, {"E1": (AttendanceState.PRESENT, "")})
    assert owing_make_up(staffed.meetings.series(first)) == ("E2",)


def test_recording_on_a_read_only_store_is_refused(staffed: Store) -> None:
    from shiftcell.db.access import Access, StoreError

    (first,) = _book(staffed, 1)
    staffed.access = Access(read_only=True)
    with pytest.raises(StoreError):
        staffed.attendance.record(first, {"E0": (AttendanceState.PRESENT, "")})


@pytest.fixture
def with_guest(staffed: Store) -> Store:
    """A member of another group, who may come to the canteen group's meeting as a guest."""
    staffed.save(
        groups=[Group("Dormitory group", "Branch")],
        members=[Member("G0", "guest", "Canteens", group="Dormitory group", mobile=Mobility.IN)],
    )
    return staffed


def test_attendance_of_someone_not_invited_is_refused_whole(with_guest: Store) -> None:
    """Not one row written: the invited stay unrecorded, the stranger is not made invited."""
    from shiftcell.db.attendance import AttendanceRefused

    (first,) = _book(with_guest, 1)
    with pytest.raises(AttendanceRefused) as refused:
        with_guest.attendance.record(
            first,
            {
                "E0": (AttendanceState.PRESENT, ""),
                "G0": (AttendanceState.PRESENT, ""),
                "NOPE": (AttendanceState.ABSENT, ""),
            },
        )
    assert (refused.value.not_invited, refused.value.unknown) == (("G0",), ("NOPE",))
    meeting = with_guest.meetings.get(first)
    assert [a.employee_no for a in meeting.invited] == ["E0", "E1", "E2"]
    assert not meeting.recorded and meeting.guests == ()


def test_a_guest_is_present_but_neither_invited_nor_owing(with_guest: Store) -> None:
    (first,) = _book(with_guest, 1)
    meeting = with_guest.attendance.record(
        first,
        {"E0": (AttendanceState.PRESENT, ""), "E1": (AttendanceState.ABSENT, "")},
        guests=["G0"],
    )
    assert meeting.guests == ("G0",)
    assert [a.employee_no for a in meeting.invited] == ["E0", "E1", "E2"]
    assert meeting.attendance_rate == pytest.approx(1 / 3)
    assert owing_make_up([meeting]) == ("E1",)
    # A guest's own calendar lists only what they were invited to.
    assert with_guest.meetings.list(invitee="G0") == []
    with pytest.raises(ValueError):
        with_guest.attendance.record(first, {}, guests=["E2"])  # invited: not a guest
    assert with_guest.attendance.record(first, {}, not_guests=["G0"]).guests == ()


def test_a_group_view_sees_its_own_member_as_a_guest_elsewhere(with_guest: Store) -> None:
    (first,) = _book(with_guest, 1)
    with_guest.attendance.record(first, {}, guests=["G0"])
    with_guest.narrow("Dormitory group")
    (seen,) = with_guest.meetings.list()
    assert seen.guests == ("G0",) and seen.invited == ()
