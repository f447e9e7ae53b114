"""The committed spreadsheets (tests/fixtures/) import whole, and importing them again changes nothing.

Each file is saved the way a secretary's arrives: GB18030 from Excel on a
Chinese Windows, UTF-8 with a byte-order mark, an .xlsx with real date and
time cells. tests/fixtures/make_import_fixtures.py says how they were made.
"""

from collections import Counter
from datetime import date, time, timedelta

import pytest
from spreadsheets import MEMBERS, NEXT_WEEK, SHIFTS, csv_rows, held, xlsx_rows

from shiftcell.db.importing import ImportFailed, import_members, import_shifts
from shiftcell.db.store import Store
from shiftcell.scheduling import DepartmentKind, Employment, Mobility, Role, Status
from shiftcell.scheduling.localtime import day_start


def dump(store: Store) -> list[str]:
    return list(store.db.conn.iterdump())


@pytest.fixture
def members(store: Store) -> Store:
    import_members(store, MEMBERS)
    return store


def test_the_fixtures_are_encoded_as_the_spreadsheets_they_stand_for() -> None:
    """Otherwise the tests below would pass on plain UTF-8 and prove nothing about encodings."""
    raw = MEMBERS.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gbk")  # 䶮 is beyond GBK: only a GB18030 reader gets the name right
    assert raw.decode("gb18030").startswith(
        "工号,姓名,部门,党小组,岗位,职务,政治面貌,流动党员,用工性质"
    )
    assert SHIFTS.read_bytes().startswith(b"\xef\xbb\xbf\xe5\xb7\xa5\xe5\x8f\xb7")  # BOM, then 工号
    assert {type(cell).__name__ for row in xlsx_rows(NEXT_WEEK) for cell in row[1:4]} == {
        "datetime",
        "time",
    }


def test_a_gb18030_members_file_with_chinese_headers_imports_every_row(store: Store) -> None:
    result = import_members(store, MEMBERS)
    assert result.rows == len(csv_rows(MEMBERS, "gb18030")) == len(store.members())
    assert store.member("HQ0008").name == "龚䶮"
    assert {g.name for g in store.groups()} == {
        "第一食堂党小组", "第二食堂党小组", "东区公寓党小组", "西区公寓党小组", "维修服务中心党小组"
    }  # fmt: skip
    leaders = Counter(m.group for m in store.members() if m.role is Role.LEADER)
    assert len(leaders) == len(store.groups())
    assert set(leaders.values()) == {1}
    kinds = {d.name: d.kind for d in store.departments()}
    assert kinds == {
        "饮食服务中心": DepartmentKind.CANTEEN,
        "学生公寓管理中心": DepartmentKind.DORMITORY,
        "维修服务中心": DepartmentKind.MAINTENANCE,
    }
    mobile = store.member("HQ0006")
    assert mobile.mobile is Mobility.OUT  # an older file's 是: one of ours, away
    assert mobile.employment is Employment.EXTERNAL
    outside = store.member("HQ0003")
    assert (outside.group, outside.status) == (None, Status.NONE)


def test_a_shifts_file_in_utf8_with_a_bom_imports_every_row(members: Store) -> None:
    """The BOM must not stick to the first header, or 工号 would be a missing column."""
    result = import_shifts(members, SHIFTS)
    assert result.rows == len(csv_rows(SHIFTS, "utf-8-sig"))
    zone = members.timezone
    week = members.shifts(day_start(date(2026, 12, 7), zone), day_start(date(2026, 12, 14), zone))
    assert len(week) == result.rows
    nights = [s for s in week if s.start.time() == time(20)]
    assert nights and all(s.end == s.start + timedelta(hours=12) for s in nights)
    split = [s for s in week if s.employee_no == "HQ0003" and s.start.date() == date(2026, 12, 7)]
    assert [(s.start.time(), s.end.time()) for s in split] == [
        (time(6), time(9)), (time(10, 30), time(13, 30)), (time(16, 30), time(19))
    ]  # fmt: skip


def test_an_xlsx_with_date_and_time_cells_imports_every_row(members: Store) -> None:
    import_shifts(members, SHIFTS)
    result = import_shifts(members, NEXT_WEEK)
    assert result.rows == len(xlsx_rows(NEXT_WEEK))
    assert result.replaced == 0  # the first week's shifts are other dates: left alone
    days = {s.start.date() for s in result.shifts}
    assert days == {date(2026, 12, 14) + timedelta(days=n) for n in range(7)}


def test_importing_the_same_files_again_changes_nothing(store: Store) -> None:
    """A secretary who is not sure the import went through simply runs it again."""
    for path in (MEMBERS, SHIFTS, NEXT_WEEK):
        (import_members if path == MEMBERS else import_shifts)(store, path)
    before = held(store.db.conn)
    again = import_members(store, MEMBERS)
    assert again.new_groups == again.new_departments == again.new_posts == []
    for path in (SHIFTS, NEXT_WEEK):
        result = import_shifts(store, path)
        assert result.replaced == result.rows  # each stored shift replaced by its twin
    assert held(store.db.conn) == before


def test_shifts_before_their_members_are_refused_whole(store: Store) -> None:
    """Every row names someone not yet imported: each is listed, and nothing is written."""
    before = dump(store)
    with pytest.raises(ImportFailed) as failed:
        import_shifts(store, SHIFTS)
    numbers = {row[0] for row in csv_rows(SHIFTS, "utf-8-sig")}
    told = " ".join(p.message() for p in failed.value.problems)
    assert all(number in told for number in numbers)
    assert {p.file for p in failed.value.problems} == {SHIFTS.name}
    assert dump(store) == before
