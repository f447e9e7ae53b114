"""Importing a secretary's spreadsheets: all rows or none, and problems named exactly."""

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.importing import ImportFailed, import_members, import_shifts
from shiftcell.db.store import Store
from shiftcell.scheduling import DepartmentKind, Employment, Mobility, Role, Status

MEMBERS_ZH = """工号,姓名,部门,岗位,党小组,职务,政治面貌,流动党员,用工性质
HQ01,贺志,饮食服务中心,第二食堂,饮食中心党小组,组长,正式党员,否,在编
HQ02,孙洋,饮食服务中心,清真餐厅,饮食中心党小组,组员,预备党员,是,外聘
HQ03,刘桂洋,饮食服务中心,清真餐厅,,,群众,,外聘
HQ04,戴静明,维修服务中心,水电维修班,维修中心党小组,组长,正式党员,,
"""
MEMBERS_EN = """employee_no,name,department,group,role,status
E1,Wang Fang,Canteens,Canteen group,LEADER,Full
E2,Li Qiang,Canteens,Canteen group,Member,target
"""
SHIFTS = """工号,日期,开始,结束,岗位
HQ01,2026-12-07,05:30,13:30,第二食堂
HQ01,2026-12-08,20:00,08:00,第二食堂
HQ02,2026-12-07,10:30,19:30,
"""
SHANGHAI = ZoneInfo("Asia/Shanghai")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(call) -> list[tuple[int, str | None, str]]:
    with pytest.raises(ImportFailed) as failed:
        call()
    return [(p.row, p.column, p.message()) for p in failed.value.problems]


def test_members_from_a_gbk_file_with_chinese_headers(store: Store, tmp_path: Path) -> None:
    """Excel on a Chinese Windows saves CSV as GB18030; that must just work."""
    result = import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH, "gb18030"))
    assert len(result.members) == 4
    leader = store.member("HQ01")
    assert (leader.name, leader.role, leader.status, leader.group) == (
        "贺志", Role.LEADER, Status.FULL, "饮食中心党小组")  # fmt: skip
    mobile = store.member("HQ02")
    assert mobile.mobile is Mobility.OUT  # an older file's 是: one of ours, away
    assert mobile.employment is Employment.EXTERNAL
    assert store.member("HQ03").group is None
    assert {g.name for g in store.groups()} == {"饮食中心党小组", "维修中心党小组"}
    kinds = {d.name: d.kind for d in store.departments()}
    assert kinds["维修服务中心"] is DepartmentKind.MAINTENANCE


def test_members_with_english_headers_and_values_in_any_case(store: Store, tmp_path: Path) -> None:
    import_members(store, write(tmp_path, "m.csv", "\ufeff" + MEMBERS_EN))
    assert store.member("E1").role is Role.LEADER
    assert store.member("E2").status is Status.TARGET


def test_members_from_an_xlsx_workbook(store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in MEMBERS_ZH.strip().splitlines():
        sheet.append(line.split(","))
    sheet["A3"] = 1002  # a number-formatted employee number
    book.save(tmp_path / "m.xlsx")
    import_members(store, tmp_path / "m.xlsx")
    assert store.member("1002").name == "孙洋"


def test_importing_the_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", MEMBERS_ZH)
    import_members(store, path)
    before = store.members()
    import_members(store, path)
    assert store.members() == before
    import_shifts(store, write(tmp_path, "s.csv", SHIFTS))
    import_shifts(store, write(tmp_path, "s.csv", SHIFTS))
    assert store.db.table("shifts").count == 3


def test_one_bad_row_rejects_the_whole_file_and_names_it(store: Store, tmp_path: Path) -> None:
    """Half an import is worse than none: the secretary fixes the row and tries again."""
    bad = MEMBERS_ZH.replace(
        "HQ02,孙洋,饮食服务中心,清真餐厅,饮食中心党小组,组员",
        "HQ02,孙洋,饮食服务中心,清真餐厅,饮食中心党小组,书记",
    )
    found = problems(lambda: import_members(store, write(tmp_path, "m.csv", bad)))
    assert found == [(3, "职务", "'书记' is not one of leader/组长, deputy/副组长, member/组员")]
    assert store.is_empty()
    assert store.groups() == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("E3,,Canteens,Canteen group,,", (3, "name", "a value is required")),
        ("E3,Zhao,Canteens,Canteen group,,boss", (3, "status", "'boss' is not one of full/正式党员, probationary/预备党员, target/发展对象, activist/入党积极分子, applicant/入党申请人, none/群众")),
        ("E1,Zhao,Canteens,Canteen group,,", (3, "employee_no", "employee E1 appears again (first on row 2)")),
        ("E3,Zhao,Canteens,Canteen group,leader,", (3, "role", "group Canteen group already has a leader on row 2")),
        ("E3,Zhao,Canteens,,deputy,", (3, "role", "a role needs a group")),
    ],
)  # fmt: skip
def test_each_kind_of_bad_member_row_is_explained(
    store: Store, tmp_path: Path, row: str, expected: tuple
) -> None:
    text = "employee_no,name,department,group,role,status\nE1,Wang,Canteens,Canteen group,leader,\n"
    found = problems(lambda: import_members(store, write(tmp_path, "m.csv", text + row + "\n")))
    assert found == [expected]
    assert store.is_empty()


def test_a_missing_column_is_named_in_both_languages(store: Store, tmp_path: Path) -> None:
    found = problems(lambda: import_members(store, write(tmp_path, "m.csv", "工号,姓名\nHQ1,x\n")))
    assert found == [(1, "department / 部门", "missing column department / 部门"),
                     (1, "group / 党小组", "missing column group / 党小组")]  # fmt: skip


def test_rows_are_numbered_as_the_spreadsheet_shows_them(store: Store, tmp_path: Path) -> None:
    """Blank lines still count, or the secretary looks at the wrong row."""
    text = "employee_no,name,department,group\nE1,Wang,C,\n\n\nE2,,C,\n"
    assert problems(lambda: import_members(store, write(tmp_path, "m.csv", text)))[0][0] == 5


def test_a_dry_run_checks_but_writes_nothing(store: Store, tmp_path: Path) -> None:
    result = import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH), dry_run=True)
    assert len(result.members) == 4
    assert store.is_empty()


def test_an_unknown_file_type_is_refused(store: Store, tmp_path: Path) -> None:
    found = problems(lambda: import_members(store, write(tmp_path, "m.txt", MEMBERS_EN)))
    assert found == [(0, None, "unknown file type .txt; use .csv or .xlsx")]


def test_shifts_become_real_instants_and_nights_end_next_day(store: Store, tmp_path: Path) -> None:
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    import_shifts(store, write(tmp_path, "s.csv", "\ufeff" + SHIFTS))
    found = store.shifts(
        datetime(2026, 12, 7, tzinfo=SHANGHAI), datetime(2026, 12, 10, tzinfo=SHANGHAI), ["HQ01"]
    )
    assert [(s.start, s.end) for s in found] == [
        (datetime(2026, 12, 7, 5, 30, tzinfo=SHANGHAI), datetime(2026, 12, 7, 13, 30, tzinfo=SHANGHAI)),
        (datetime(2026, 12, 8, 20, tzinfo=SHANGHAI), datetime(2026, 12, 9, 8, tzinfo=SHANGHAI)),
    ]  # fmt: skip
    # A shift without a post is worked at the member's own post.
    (other,) = store.shifts(datetime(2026, 12, 7, tzinfo=SHANGHAI), datetime(2026, 12, 8, tzinfo=SHANGHAI), ["HQ02"])  # fmt: skip
    assert other.post == "清真餐厅"


def test_a_corrected_file_replaces_that_days_shifts(store: Store, tmp_path: Path) -> None:
    """Re-importing a week after a change must not leave the old times behind."""
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    import_shifts(store, write(tmp_path, "s.csv", SHIFTS))
    import_shifts(
        store, write(tmp_path, "s2.csv", "工号,日期,开始,结束\nHQ01,2026-12-07,06:00,14:00\n")
    )
    found = store.shifts(datetime(2026, 12, 7, tzinfo=SHANGHAI), datetime(2026, 12, 8, tzinfo=SHANGHAI), ["HQ01"])  # fmt: skip
    assert [s.start.time() for s in found] == [time(6)]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("HQ99,2026-12-07,08:00,12:00", (2, "工号", "no member with employee number HQ99; import members first")),
        ("HQ01,2026-13-07,08:00,12:00", (2, "日期", "'2026-13-07' is not a date like 2026-12-07")),
        ("HQ01,2026-12-07,8点,12:00", (2, "开始", "'8点' is not a time like 08:30")),
        ("HQ01,2026-12-07,08:00,25:00", (2, "结束", "'25:00' is not a time like 08:30")),
        ("HQ01,2026-12-07,,12:00", (2, "开始", "a value is required")),
    ],
)  # fmt: skip
def test_each_kind_of_bad_shift_row_is_explained(
    store: Store, tmp_path: Path, row: str, expected: tuple
) -> None:
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    path = write(tmp_path, "s.csv", "工号,日期,开始,结束\n" + row + "\n")
    assert problems(lambda: import_shifts(store, path)) == [expected]
    assert store.db.table("shifts").count == 0


def test_overlapping_shifts_of_one_person_are_refused(store: Store, tmp_path: Path) -> None:
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    text = "工号,日期,开始,结束\nHQ01,2026-12-07,20:00,08:00\nHQ01,2026-12-08,06:00,12:00\n"
    found = problems(lambda: import_shifts(store, write(tmp_path, "s.csv", text)))
    assert found == [(3, "开始", "overlaps the shift on row 2 (20:00–08:00)")]
    assert store.db.table("shifts").count == 0


def test_a_shift_overlapping_a_stored_one_is_refused(store: Store, tmp_path: Path) -> None:
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    import_shifts(
        store, write(tmp_path, "a.csv", "工号,日期,开始,结束\nHQ01,2026-12-07,20:00,08:00\n")
    )
    path = write(tmp_path, "b.csv", "工号,日期,开始,结束\nHQ01,2026-12-08,07:00,12:00\n")
    assert problems(lambda: import_shifts(store, path)) == [
        (2, "开始", "overlaps a stored shift 2026-12-07 20:00–08:00")
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("工号,姓名,name,部门,党小组", (1, "name", "columns B (姓名) and C (name) are the same column; keep one of them")),
        ("employee_no,工号,姓名,部门,党小组", (1, "工号", "columns A (employee_no) and B (工号) are the same column; keep one of them")),
        ("工号,姓名,部门,党小组,NAME", (1, "NAME", "columns B (姓名) and E (NAME) are the same column; keep one of them")),
    ],
)  # fmt: skip
def test_the_same_column_twice_is_refused_naming_both(
    store: Store, tmp_path: Path, header: str, expected: tuple
) -> None:
    """Which of two name columns is the real one? Only the secretary knows; never guess."""
    row = ",".join(["HQ01", "王芳", "王芳", "饮食服务中心", ""][: header.count(",") + 1])
    path = write(tmp_path, "m.csv", header + "\n" + row + "\n")
    assert problems(lambda: import_members(store, path)) == [expected]
    assert store.is_empty()


@pytest.mark.parametrize("text", ["工号,姓名,部门,党小组\n", "工号,姓名,部门,党小组\n,,,\n\n"])
def test_a_file_with_only_a_header_has_nothing_to_import(
    store: Store, tmp_path: Path, text: str
) -> None:
    """Saying "imported 0 rows" would hide that the wrong file (or sheet) was chosen."""
    found = problems(lambda: import_members(store, write(tmp_path, "m.csv", text)))
    assert found == [(0, None, "nothing to import: the file has a header row but no rows under it")]


def test_importing_the_same_file_again_writes_nothing_and_says_so(
    store: Store, tmp_path: Path
) -> None:
    """A second import must not look like 219 new rows, nor touch the database."""
    members, shifts = write(tmp_path, "m.csv", MEMBERS_ZH), write(tmp_path, "s.csv", SHIFTS)
    first = import_members(store, members)
    assert (first.changes.new, first.changes.nothing) == (4, False)
    import_shifts(store, shifts)
    writes = store.db.conn.total_changes
    again = import_members(store, members)
    assert (again.changes.unchanged, again.changes.nothing) == (4, True)
    shifts_again = import_shifts(store, shifts)
    assert (shifts_again.changes.unchanged, shifts_again.changes.nothing) == (3, True)
    assert store.db.conn.total_changes == writes


def test_a_changed_file_counts_what_changed(store: Store, tmp_path: Path) -> None:
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    import_shifts(store, write(tmp_path, "s.csv", SHIFTS))
    renamed = MEMBERS_ZH.replace("孙洋", "孙阳") + "HQ05,钱多,维修服务中心,水电维修班,,,群众,,\n"
    changes = import_members(store, write(tmp_path, "m2.csv", renamed)).changes
    assert (changes.new, changes.updated, changes.unchanged) == (1, 1, 3)
    # HQ01's 7 December moves by an hour; 8 December is not in the file and stays.
    moved = "工号,日期,开始,结束,岗位\nHQ01,2026-12-07,06:30,13:30,第二食堂\nHQ02,2026-12-07,10:30,19:30,\n"
    changes = import_shifts(store, write(tmp_path, "s2.csv", moved)).changes
    assert (changes.new, changes.unchanged, changes.removed) == (1, 1, 1)
    assert store.db.table("shifts").count == 3


def test_a_second_leader_beside_a_stored_one_is_refused_naming_both(
    store: Store, tmp_path: Path
) -> None:
    """The group already has 贺志 as leader; a file with only the newcomer must not add another."""
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    text = "工号,姓名,部门,党小组,职务\nHQ09,周敏,饮食服务中心,饮食中心党小组,组长\n"
    found = problems(lambda: import_members(store, write(tmp_path, "new.csv", text)))
    assert found == [(2, "职务", "周敏 (HQ09) would be a second leader of 饮食中心党小组, "
                                 "which already has 贺志 (HQ01); make one of them deputy or member in this file")]  # fmt: skip
    assert store.member("HQ09") is None


def test_a_file_that_hands_over_the_leadership_is_accepted(store: Store, tmp_path: Path) -> None:
    """The old leader stepping down in the same file leaves one leader: that is a handover."""
    import_members(store, write(tmp_path, "m.csv", MEMBERS_ZH))
    text = (
        "工号,姓名,部门,党小组,职务\n"
        "HQ09,周敏,饮食服务中心,饮食中心党小组,组长\n"
        "HQ01,贺志,饮食服务中心,饮食中心党小组,组员\n"
    )
    import_members(store, write(tmp_path, "handover.csv", text))
    leaders = [m.employee_no for m in store.members() if m.role is Role.LEADER and m.group == "饮食中心党小组"]  # fmt: skip
    assert leaders == ["HQ09"]
