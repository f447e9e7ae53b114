"""Membership facts in the store: imported in English or Chinese, migrated from yes/no, kept."""

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from shiftcell.db.demo import fill_demo
from shiftcell.db.importing import ImportFailed, import_members
from shiftcell.db.migrations import migration_set
from shiftcell.db.store import Store
from shiftcell.scheduling import Mobility, Status
from shiftcell.scheduling.cadence import Cadence, period_of
from shiftcell.scheduling.pipeline import conversions_due

ZH = """工号,姓名,部门,党小组,政治面貌,流动党员,申请入党日期,确定积极分子日期,确定发展对象日期,接收预备党员日期,转正日期,用工性质,合同到期日期
HQ01,贺志,饮食服务中心,饮食中心党小组,预备党员,流出,2023/3/1,2023.9.1,2024年10月8日,2025-12-10,,外聘,2027-06-30
HQ02,孙洋,饮食服务中心,饮食中心党小组,正式党员,流入,,,,2019-05-04,2020-05-06,在编,
HQ03,刘桂洋,饮食服务中心,饮食中心党小组,入党积极分子,否,2025-01-02,2025-06-30,,,,外聘,2026-12-31
"""
EN = """employee_no,name,department,group,status,mobile,applied_on,admitted_on,contract_ends
E1,Wang Fang,Canteens,Canteen group,probationary,in,2022-01-05,2025-02-28,
E2,Li Qiang,Canteens,Canteen group,full,yes,,,
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(store: Store, path: Path) -> list[tuple[int, str | None, str]]:
    with pytest.raises(ImportFailed) as failed:
        import_members(store, path)
    return [(p.row, p.column, p.message()) for p in failed.value.problems]


def test_dates_and_mobility_come_in_with_chinese_headers(store: Store, tmp_path: Path) -> None:
    """A roster as a branch keeps it: 流出/流入, dates with slashes, dots or 年月日."""
    import_members(store, write(tmp_path, "m.csv", ZH))
    one = store.member("HQ01")
    assert one is not None
    assert (one.mobile, one.status) == (Mobility.OUT, Status.PROBATIONARY)
    assert (one.applied_on, one.activist_since, one.candidate_since, one.admitted_on) == (
        date(2023, 3, 1),
        date(2023, 9, 1),
        date(2024, 10, 8),
        date(2025, 12, 10),
    )
    assert one.contract_ends == date(2027, 6, 30)
    two = store.member("HQ02")
    assert two is not None and two.mobile is Mobility.IN and two.full_since == date(2020, 5, 6)
    three = store.member("HQ03")
    assert three is not None and three.mobile is None


def test_english_headers_and_an_older_files_yes(store: Store, tmp_path: Path) -> None:
    """Files written before mobility had a direction said yes: one of ours, away."""
    import_members(store, write(tmp_path, "m.csv", EN))
    first, second = store.member("E1"), store.member("E2")
    assert first is not None and first.mobile is Mobility.IN
    assert first.admitted_on == date(2025, 2, 28)
    assert second is not None and second.mobile is Mobility.OUT


def test_a_bad_date_is_named_by_row_column_and_value_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    text = ZH.replace("2025-12-10", "2025-13-10").replace("2025-06-30", "下个月")
    found = refused(store, write(tmp_path, "m.csv", text))
    assert found == [
        (2, "接收预备党员日期", "'2025-13-10' is not a date like 2026-12-07"),
        (4, "确定积极分子日期", "'下个月' is not a date like 2026-12-07"),
    ]
    assert store.members() == []


def test_dates_out_of_stage_order_are_refused(store: Store, tmp_path: Path) -> None:
    """Admitted before being named a target, or a date of a stage not reached: a typo."""
    backwards = ZH.replace("2025-12-10", "2024-01-10")
    found = refused(store, write(tmp_path, "m.csv", backwards))
    assert found == [
        (2, "接收预备党员日期", "2024-01-10 is before the date of an earlier stage (2024-10-08)")
    ]
    ahead = ZH.replace("2025-01-02,2025-06-30,,,", "2025-01-02,2025-06-30,,2026-01-01,")
    (problem,) = refused(store, write(tmp_path, "n.csv", ahead))
    assert problem[:2] == (4, "接收预备党员日期") and "has not reached" in problem[2]
    assert store.members() == []


def test_a_file_without_the_new_columns_keeps_what_is_stored(store: Store, tmp_path: Path) -> None:
    """Re-importing last year's roster must not wipe the dates a secretary entered since."""
    import_members(store, write(tmp_path, "m.csv", ZH))
    older = "工号,姓名,部门,党小组,政治面貌\nHQ01,贺志,饮食服务中心,饮食中心党小组,预备党员\n"
    import_members(store, write(tmp_path, "old.csv", older))
    kept = store.member("HQ01")
    assert kept is not None
    assert kept.admitted_on == date(2025, 12, 10) and kept.mobile is Mobility.OUT
    # A column that is there but empty is the file's truth: the date is cleared.
    cleared = "工号,姓名,部门,党小组,政治面貌,合同到期日期\nHQ01,贺志,饮食服务中心,饮食中心党小组,预备党员,\n"
    import_members(store, write(tmp_path, "new.csv", cleared))
    after = store.member("HQ01")
    assert after is not None and after.contract_ends is None and after.admitted_on is not None


def test_a_roster_imported_again_with_its_dates_says_nothing_changed(
    store: Store, tmp_path: Path
) -> None:
    """An import counts new, updated and unchanged members by comparing them whole: the
    membership facts are part of that, and facts a file has no column for, kept from the
    store, are no change at all."""
    first = import_members(store, write(tmp_path, "m.csv", ZH))
    assert (first.changes.new, first.changes.nothing) == (3, False)
    writes = store.db.conn.total_changes
    again = import_members(store, write(tmp_path, "m.csv", ZH))
    assert (again.changes.unchanged, again.changes.nothing) == (3, True)
    older = "工号,姓名,部门,党小组,政治面貌,用工性质\nHQ01,贺志,饮食服务中心,饮食中心党小组,预备党员,外聘\n"
    kept = import_members(store, write(tmp_path, "old.csv", older))
    assert (kept.changes.unchanged, kept.changes.nothing) == (1, True)
    assert store.db.conn.total_changes == writes
    moved = import_members(store, write(tmp_path, "m2.csv", ZH.replace("2025-12-10", "2025-12-11")))
    assert (moved.changes.updated, moved.changes.unchanged) == (1, 2)
    member = store.member("HQ01")
    assert member is not None and member.admitted_on == date(2025, 12, 11)


def test_the_yes_no_column_of_an_older_database_becomes_out_or_none(tmp_path: Path) -> None:
    """The upgrade keeps every member; a yes becomes ours, away."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    migration_set().apply(db, stop_before="m030_membership_facts")
    db.table("branches").insert({"name": "B"})
    db.table("departments").insert({"name": "D", "kind": "other"})
    db.table("groups").insert({"name": "G", "branch": "B"})
    db.table("members").insert_all(
        [
            {"employee_no": "A", "name": "a", "department": "D", "group": "G", "mobile": 1},
            {"employee_no": "B", "name": "b", "department": "D", "group": "G", "mobile": 0},
        ]
    )
    db.table("meetings").insert(
        {"id": 1, "type": "group_meeting", "topic": "t", "start_utc": "2026-12-10T06:00:00Z",
         "end_utc": "2026-12-10T06:45:00Z", "created_utc": "2026-12-01T00:00:00Z"}
    )  # fmt: skip
    db.table("attendance").insert({"meeting_id": 1, "employee_no": "A", "state": "present"})
    conn.close()
    store = Store.open(path)
    assert [(m.employee_no, m.mobile) for m in store.members()] == [
        ("A", Mobility.OUT),
        ("B", None),
    ]
    meeting = store.meetings.get(1)
    assert meeting.purpose.value == "study" and meeting.written_opinions == ()
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_demo_has_a_pipeline_with_conversions_due_next_quarter(store: Store) -> None:
    """The demo shows every part of the feature, deterministically for a seed."""
    today = date(2026, 12, 9)
    fill_demo(store, seed=1, members=80, today=today)
    members = store.members()
    quarter = period_of(today, Cadence.QUARTERLY).next()
    first, last = quarter.first, quarter.last
    due = conversions_due(members, first, last)
    assert len(due) >= 2
    statuses = {m.status for m in members if m.group}
    assert {Status.PROBATIONARY, Status.TARGET, Status.ACTIVIST} <= statuses
    assert {m.mobile for m in members} >= {Mobility.OUT, Mobility.IN}
    probationary = [m for m in members if m.status is Status.PROBATIONARY]
    assert all(m.admitted_on and m.admitted_on <= today for m in probationary)
    again = Store.memory()
    fill_demo(again, seed=1, members=80, today=today)
    assert again.members() == members


def test_no_migration_loses_a_trigger_or_an_index_an_earlier_one_made() -> None:
    """m030 rebuilds the members table (mobile: out, in or none), and SQLite drops a
    table's triggers with it: m010's, which lets a removed member's kept shifts go, went
    missing from every new database."""
    db = Database(memory=True)
    names = [m.name for m in migration_set().pending(db)]
    made: set[tuple[str, str]] = set()
    for after in [*names[1:], None]:
        if after is None:
            migration_set().apply(db)
        else:
            migration_set().apply(db, stop_before=after)
        now = {
            (r[0], r[1])
            for r in db.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index')"
                " AND name NOT LIKE 'sqlite_autoindex%'"
            ).fetchall()
        }
        assert made <= now, (after, made - now)
        made = now
    assert ("trigger", "members_deleted_kept") in made
