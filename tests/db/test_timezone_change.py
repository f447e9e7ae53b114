"""Changing the organisation's time zone keeps every shift and meeting at its local time.

A database made on a UTC server read a 05:30 canteen shift as 05:30 UTC, which
reached phones as 13:30 in Shanghai. ``init --timezone Asia/Shanghai`` must put
it back at 05:30 local, and a meeting booked for 14:00 must stay at 14:00.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shiftcell.db.importing import import_members, import_shifts
from shiftcell.db.store import Store, StoreError
from shiftcell.scheduling import (
    Department,
    DepartmentKind,
    Member,
    Segment,
    Shift,
    ShiftType,
    WeeklyPattern,
)
from shiftcell.scheduling.localtime import at, day_start
from shiftcell.scheduling.meetings import MeetingType

UTC = ZoneInfo("UTC")
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 12, 7)
MEMBERS = (
    "工号,姓名,部门,党小组\nHQ01,贺志,饮食服务中心,饮食党小组\nHQ02,孙洋,饮食服务中心,饮食党小组\n"
)
# An early and a late shift back to back, and a night shift across midnight.
SHIFTS = (
    "工号,日期,开始,结束\n"
    "HQ01,2026-12-07,05:30,13:30\n"
    "HQ01,2026-12-08,05:30,13:30\n"
    "HQ01,2026-12-08,13:30,19:30\n"
    "HQ02,2026-12-07,20:00,08:00\n"
)


def imported(tmp_path: Path, zone: str) -> Store:
    """A store whose organisation is in ``zone`` when the files are imported."""
    store = Store.open(tmp_path / "org.db")
    store.set_organisation("后勤集团", zone)
    (tmp_path / "members.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "shifts.csv").write_text(SHIFTS, encoding="utf-8")
    import_members(store, tmp_path / "members.csv")
    import_shifts(store, tmp_path / "shifts.csv")
    return store


def wall_clock(store: Store) -> list[tuple[str, str, str]]:
    """Every stored shift as (employee, local start, local end) in the store's zone."""
    zone = store.timezone
    shifts = store.shifts(day_start(MONDAY, zone), day_start(MONDAY + timedelta(days=7), zone))
    return sorted((s.employee_no, f"{s.start:%m-%d %H:%M}", f"{s.end:%m-%d %H:%M}") for s in shifts)


AS_IMPORTED = [
    ("HQ01", "12-07 05:30", "12-07 13:30"),
    ("HQ01", "12-08 05:30", "12-08 13:30"),
    ("HQ01", "12-08 13:30", "12-08 19:30"),
    ("HQ02", "12-07 20:00", "12-08 08:00"),
]


@pytest.mark.parametrize(("first", "then"), [("UTC", "Asia/Shanghai"), ("Asia/Shanghai", "UTC")])
def test_imported_shifts_keep_their_wall_clock_times(tmp_path: Path, first: str, then: str) -> None:
    """Both directions: the second one moves a shift onto the instant its neighbour
    still holds, which a row-by-row update would refuse (one start per person)."""
    store = imported(tmp_path, first)
    assert wall_clock(store) == AS_IMPORTED
    assert store.change_timezone(then) == (4, 0)
    assert store.timezone.key == then
    assert wall_clock(store) == AS_IMPORTED
    assert store.organisation_name == "后勤集团"


def test_a_booked_meeting_stays_at_its_local_time(tmp_path: Path) -> None:
    """Everyone agreed on 14:00 local; only when it was booked is an instant of record."""
    store = imported(tmp_path, "UTC")
    booked = store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="学习",
        start=datetime(2026, 12, 10, 14, 0, tzinfo=UTC),
        end=datetime(2026, 12, 10, 14, 45, tzinfo=UTC),
        groups=["饮食党小组"],
        invited=["HQ01", "HQ02"],
    )
    created = store.db.execute("SELECT created_utc FROM meetings").fetchone()[0]
    assert store.change_timezone("Asia/Shanghai") == (4, 1)
    moved = store.meetings.get(booked.id)
    assert (f"{moved.start:%Y-%m-%d %H:%M}", f"{moved.end:%H:%M}") == ("2026-12-10 14:00", "14:45")
    assert moved.start.utcoffset() == timedelta(hours=8)
    assert store.db.execute("SELECT created_utc FROM meetings").fetchone()[0] == created


def test_patterns_are_wall_clock_and_stay_so(tmp_path: Path) -> None:
    store = imported(tmp_path, "UTC")
    store.save(
        shift_types=[ShiftType("D", "Day", (Segment(time(8), time(17, 30)),))],
        patterns=[WeeklyPattern("HQ02", "D", (2,), MONDAY)],
    )
    store.change_timezone("Asia/Shanghai")
    wednesday = [s for s in wall_clock(store) if s[1].startswith("12-09")]
    assert wednesday == [("HQ02", "12-09 08:00", "12-09 17:30")]


def test_a_failure_halfway_changes_nothing(tmp_path: Path) -> None:
    """Shifts moved but meetings not would put the two an offset apart: all or nothing."""
    store = imported(tmp_path, "UTC")
    store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="学习",
        start=datetime(2026, 12, 10, 14, 0, tzinfo=UTC),
        end=datetime(2026, 12, 10, 14, 45, tzinfo=UTC),
        groups=["饮食党小组"],
        invited=["HQ01"],
    )
    store.db.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE ON meetings BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    before = store.db.execute("SELECT start_utc FROM shifts ORDER BY id").fetchall()
    with pytest.raises(sqlite3.IntegrityError):
        store.change_timezone("Asia/Shanghai")
    assert store.db.execute("SELECT start_utc FROM shifts ORDER BY id").fetchall() == before
    assert store.timezone.key == "UTC"


def test_an_unknown_zone_or_a_read_only_store_is_refused(tmp_path: Path) -> None:
    store = imported(tmp_path, "UTC")
    with pytest.raises(ZoneInfoNotFoundError):
        store.change_timezone("Asia/Shangai")
    store.close()
    viewer = Store.open(tmp_path / "org.db", read_only=True)
    with pytest.raises(StoreError):
        viewer.change_timezone("Asia/Shanghai")
    assert viewer.timezone.key == "UTC"


ZONES = ["UTC", "Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Lord_Howe"]


@settings(max_examples=150, deadline=None)
@given(
    old=st.sampled_from(ZONES),
    new=st.sampled_from(ZONES),
    day=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    quarter=st.integers(0, 95),
)
def test_any_wall_clock_time_that_exists_in_the_new_zone_is_kept(
    old: str, new: str, day: date, quarter: int
) -> None:
    """Across daylight-saving changes too: the oracle is the wall clock itself, read
    back in the new zone; a time the new zone skips moves as ``at`` documents."""
    clock = time(quarter // 4, quarter % 4 * 15)
    store = Store.memory()
    store.set_organisation("x", old)
    start = at(day, clock, ZoneInfo(old))
    store.save(
        departments=[Department("d", DepartmentKind.CANTEEN)],
        members=[Member("E", "e", "d")],
        shifts=[Shift(start, start + timedelta(hours=8), "E", None)],
    )
    wall = start.replace(tzinfo=None)  # what the old zone's clock showed
    store.change_timezone(new)
    (text,) = store.db.execute("SELECT start_utc FROM shifts").fetchone()
    moved = (
        datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).astimezone(ZoneInfo(new))
    )
    exists = (
        wall.replace(tzinfo=ZoneInfo(new))
        .astimezone(UTC)
        .astimezone(ZoneInfo(new))
        .replace(tzinfo=None)
        == wall
    )
    if exists:
        assert moved.replace(tzinfo=None) == wall
    else:
        assert abs(moved.replace(tzinfo=None) - wall) <= timedelta(hours=1)
