"""The store: schema through migrations, round trips, read-only opens, the demo."""

import re
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.demo import fill_demo
from shiftcell.db.migrations import STEPS, migration_set, pending
from shiftcell.db.store import Store, StoreError
from shiftcell.scheduling import (
    Department,
    DepartmentKind,
    Employment,
    Group,
    LeaveDays,
    Member,
    Mobility,
    Post,
    Role,
    RotationPattern,
    Segment,
    Shift,
    ShiftType,
    Status,
    Swap,
    WeeklyPattern,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 12, 7)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def _small_organisation(store: Store) -> None:
    store.save(
        branches=["Logistics branch"],
        departments=[Department("Canteens", DepartmentKind.CANTEEN)],
        posts=[Post("North Canteen", "Canteens", travel_buffer=20)],
        groups=[Group("Canteen group", "Logistics branch")],
        members=[
            Member(
                "E001",
                "王芳",
                "Canteens",
                "North Canteen",
                "Canteen group",
                Role.LEADER,
                Status.FULL,
                mobile=Mobility.OUT,
                employment=Employment.EXTERNAL,
                admitted_on=date(2020, 2, 29),
                full_since=date(2021, 3, 1),
                contract_ends=date(2027, 6, 30),
            ),
            Member("E002", "李强", "Canteens", None, "Canteen group"),
            Member("E003", "张伟", "Canteens"),
        ],
        shift_types=[ShiftType("N", "Night", (Segment(time(20), time(8)),))],
        patterns=[
            RotationPattern("E001", "NN--", MONDAY, post="North Canteen"),
            WeeklyPattern("E002", "N", (2,), MONDAY, interval=2),
        ],
        overrides=[LeaveDays("E001", MONDAY, MONDAY, "sick"), Swap("E002", "E003", MONDAY)],
        shifts=[Shift(_at(MONDAY, 9), _at(MONDAY, 12), "E003", "North Canteen")],
    )


def test_steps_pending_read_from_the_connection_agree_with_sqlite_utils() -> None:
    """Opening a database asks which steps it lacks without sqlite-utils: the same
    answer as sqlite-utils' own, at every stage of an upgrade."""
    from sqlite_utils import Database

    names = [step.__name__ for step in STEPS]
    for applied in range(len(names) + 1):
        db = Database(memory=True)
        if applied:
            migration_set().apply(db, stop_before=names[applied : applied + 1] or None)
        assert pending(db.conn) == [m.name for m in migration_set().pending(db)]
        assert pending(db.conn) == names[applied:]


def test_every_step_written_in_the_migrations_module_is_applied_in_its_order() -> None:
    """A step is a function named m<number>_…; one left out of STEPS would never run."""
    from shiftcell.db import migrations

    written = [
        name
        for name, value in vars(migrations).items()
        if re.fullmatch(r"m\d{3}_\w+", name) and callable(value)
    ]
    assert [step.__name__ for step in STEPS] == sorted(written)


def test_opening_and_reading_a_week_leaves_sqlite_utils_unloaded(tmp_path: Path) -> None:
    """The app's first screen reads through the connection alone, and so does keeping
    a week read for the first time: sqlite-utils (and what it brings) is loaded
    only by other writes or an upgrade."""
    path = tmp_path / "demo.db"
    fill_demo(Store.open(path), today=MONDAY, history=True)
    script = f"""
        import sys
        from datetime import date, datetime, timedelta

        from shiftcell.db.store import Store
        for read_only in (False, True):
            store = Store.open({str(path)!r}, read_only=read_only)
            start = datetime(2026, 12, 7, tzinfo=store.timezone)
            assert store.members() and store.groups() and store.departments()
            assert store.shifts(start, start + timedelta(days=7))
            later = start + timedelta(weeks=20)  # a week not kept yet: kept now, when writable
            assert store.shifts(later, later + timedelta(days=7))
            assert store.meetings.list(start=start - timedelta(days=90), end=start)
            assert store.lapses.months(date(2026, 12, 7))
            assert "sqlite_utils" not in sys.modules, "loaded"
        store.db
        assert "sqlite_utils" in sys.modules and "numpy" not in sys.modules
    """
    run = [sys.executable, "-c", textwrap.dedent(script)]
    done = subprocess.run(run, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_new_file_gets_the_whole_schema_from_migrations(tmp_path: Path) -> None:
    """A new user's first run creates every table; nothing is left pending."""
    store = Store.open(tmp_path / "new" / "shiftcell.db")
    assert not migration_set().pending(store.db)
    assert {"members", "shifts", "patterns", "overrides", "meetings"} <= set(store.db.table_names())


def test_the_database_runs_in_wal_mode_with_foreign_keys_on(tmp_path: Path) -> None:
    """WAL lets viewers read while the secretary writes; foreign keys keep rows honest."""
    store = Store.open(tmp_path / "s.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store.save(members=[Member("E9", "x", "No such department")])


def test_members_and_their_attributes_survive_a_round_trip(store: Store) -> None:
    _small_organisation(store)
    (leader,) = store.members(employee_nos=["E001"])
    assert leader == Member("E001", "王芳", "Canteens", "North Canteen", "Canteen group",
                            Role.LEADER, Status.FULL, Mobility.OUT, Employment.EXTERNAL,
                            admitted_on=date(2020, 2, 29), full_since=date(2021, 3, 1),
                            contract_ends=date(2027, 6, 30))  # fmt: skip
    assert store.member("E002").mobile is None
    assert [m.employee_no for m in store.members(groups=["Canteen group"])] == ["E001", "E002"]
    assert store.posts() == [Post("North Canteen", "Canteens", 20)]


def test_patterns_overrides_and_stored_shifts_expand_together(store: Store) -> None:
    _small_organisation(store)
    found = store.shifts(_at(MONDAY, 0), _at(date(2026, 12, 9), 0))
    summary = [(s.employee_no, f"{s.start:%d %H:%M}") for s in found]
    # E001 is on leave Monday; E002 and E003 swapped Monday.
    assert summary == [("E002", "07 09:00"), ("E001", "08 20:00")]


def test_a_members_shifts_include_those_a_swap_brings_from_a_colleague(store: Store) -> None:
    """Filtering by member must not lose the shifts a swap hands over."""
    _small_organisation(store)
    found = store.shifts(_at(MONDAY, 0), _at(date(2026, 12, 8), 0), ["E002"])
    assert [(s.employee_no, s.start.hour) for s in found] == [("E002", 9)]


def test_leave_comes_back_as_real_instants(store: Store) -> None:
    _small_organisation(store)
    (leave,) = store.leave(_at(MONDAY, 0), _at(date(2026, 12, 14), 0), ["E001"])
    assert (leave.start, leave.end, leave.reason) == (
        _at(MONDAY, 0),
        _at(date(2026, 12, 8), 0),
        "sick",
    )


@pytest.mark.parametrize("who", [None, ["E002"], ["E001", "E003"]])
def test_shifts_and_leave_read_together_agree_with_each_read_alone(
    store: Store, who: list[str] | None
) -> None:
    """Availability reads both at once; it must see what the roster and leave views see."""
    _small_organisation(store)
    start, end = _at(MONDAY, 0), _at(date(2026, 12, 14), 0)
    shifts, leave = store.shifts_and_leave(start, end, who)
    assert shifts == store.shifts(start, end, who)
    assert leave == store.leave(start, end, who)


def test_a_read_only_store_refuses_to_write(tmp_path: Path) -> None:
    """Viewers over SSH open the file read-only: no bug in the UI can change it."""
    path = tmp_path / "s.db"
    _small_organisation(Store.open(path))
    viewer = Store.open(path, read_only=True)
    assert len(viewer.members()) == 3
    with pytest.raises(StoreError):
        viewer.save(branches=["x"])
    with pytest.raises(sqlite3.OperationalError):
        viewer.db.execute("DELETE FROM members")


def test_a_read_only_open_of_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not sqlite " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store.open(path)


def test_the_demo_is_a_believable_branch(store: Store) -> None:
    """About 80 staff, ~35 of them in 4–5 groups, each group with one leader."""
    assert fill_demo(store, seed=3, today=MONDAY) == 80
    groups = store.groups()
    grouped = [m for m in store.members() if m.group]
    assert 4 <= len(groups) <= 5
    assert 30 <= len(grouped) <= 40
    for group in groups:
        roles = [m.role for m in store.members(groups=[group.name])]
        assert roles.count(Role.LEADER) == 1
    members = store.members()
    assert any(m.mobile is Mobility.OUT for m in members)
    assert any(m.mobile is Mobility.IN for m in members)
    assert sum(m.employment is Employment.EXTERNAL for m in members) > len(members) / 2
    kinds = {d.kind for d in store.departments()}
    assert kinds == {DepartmentKind.CANTEEN, DepartmentKind.DORMITORY, DepartmentKind.MAINTENANCE}
    week = store.shifts(_at(MONDAY, 0), _at(date(2026, 12, 14), 0))
    assert {s.code for s in week} >= {"E", "L", "S", "D", "N", "C", "W", "O"}


def test_the_same_seed_gives_the_same_people() -> None:
    first, second = Store.memory(), Store.memory()
    fill_demo(first, seed=7, today=MONDAY)
    fill_demo(second, seed=7, today=MONDAY)
    assert first.members() == second.members()
    other = Store.memory()
    fill_demo(other, seed=8, today=MONDAY)
    assert other.members() != first.members()


def test_a_large_demo_keeps_the_proportions() -> None:
    store = Store.memory()
    fill_demo(store, seed=1, members=2000, today=MONDAY)
    grouped = len([m for m in store.members() if m.group])
    assert 0.40 < grouped / 2000 < 0.48
    assert len(store.groups()) > 50


def test_clear_empties_the_organisation(store: Store) -> None:
    _small_organisation(store)
    store.clear()
    assert store.is_empty()
    assert store.groups() == []
