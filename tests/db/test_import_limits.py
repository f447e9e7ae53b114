"""Files that would be half-read, crash the reader, or eat the machine: every row or a refusal.

Each refusal names the file, and the row and column where there is one, and
leaves the database as it was. How fast and how small the refusals stay is
measured in benchmarks/bench_import_limits.py.
"""

import zipfile
from pathlib import Path

import pytest
from workbooks import (
    add_shared_strings,
    append_to_sheet_data,
    edit_sheet,
    set_dimension,
    workbook,
)

from shiftcell.db.importing import ImportFailed, import_members, import_shifts
from shiftcell.db.importing.limits import MAX_ROWS
from shiftcell.db.importing.problems import (
    CONTROL_CHARACTER,
    DAMAGED_XLSX,
    DATE_OUT_OF_RANGE,
    FIELD_TOO_LONG,
    FILE_TOO_BIG,
    LINE_TOO_LONG,
    NOT_XLSX,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TOO_MANY_STRINGS,
    UNPACKED_TOO_BIG,
)
from shiftcell.db.store import Store

HEADER = ["工号", "姓名", "部门", "党小组"]
MEMBERS = "工号,姓名,部门,党小组\nHQ01,王芳,饮食服务中心,\n"


def roster(count: int) -> list[list[object]]:
    return [HEADER] + [[f"N{i:03d}", f"新人{i}", "饮食服务中心", ""] for i in range(count)]


def refusal(call) -> tuple[str, int, str | None, dict]:
    with pytest.raises(ImportFailed) as failed:
        call()
    (problem,) = failed.value.problems
    return problem.template, problem.row, problem.column, problem.fields


def write(tmp_path: Path, text: str, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("ref", ["A1:D1", "A1:D3", "A1"])
def test_an_xlsx_whose_dimension_understates_it_imports_every_row(
    store: Store, tmp_path: Path, ref: str
) -> None:
    """Some exporters write <dimension> too small; openpyxl trusted it and dropped rows."""
    path = set_dimension(workbook(tmp_path / "m.xlsx", roster(5)), ref)
    result = import_members(store, path)
    assert len(result.members) == 5
    assert len(store.members()) == 5


@pytest.mark.parametrize(
    "content",
    [MEMBERS.encode(), b"PK\x03\x04" + b"\x00" * 40],
    ids=["text renamed", "not a whole zip"],
)
def test_an_xlsx_that_is_not_a_workbook_is_refused(
    store: Store, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "m.xlsx"
    path.write_bytes(content)
    template, row, _, _ = refusal(lambda: import_members(store, path))
    assert (template, row) == (NOT_XLSX, 0)
    assert store.is_empty()


def test_a_truncated_xlsx_is_refused(store: Store, tmp_path: Path) -> None:
    """A download cut short: the zip's directory at its end is gone."""
    path = workbook(tmp_path / "m.xlsx", roster(50))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert refusal(lambda: import_members(store, path))[0] == NOT_XLSX
    assert store.is_empty()


def test_a_sheet_that_breaks_off_midway_is_refused_at_its_row(store: Store, tmp_path: Path) -> None:
    """A cell pointing at a shared string that is not there: the damage is named where it is."""
    path = workbook(tmp_path / "m.xlsx", roster(3))
    broken = b'<row r="5"><c r="A5" t="s"><v>7</v></c></row>'
    append_to_sheet_data(path, broken)
    template, row, _, _ = refusal(lambda: import_members(store, path))
    assert (template, row) == (DAMAGED_XLSX, 5)
    assert store.is_empty()


def test_two_million_blank_rows_stop_at_the_row_limit(store: Store, tmp_path: Path) -> None:
    """22 KB that unpack to 12 MB of empty rows: openpyxl would walk all of them."""
    path = workbook(tmp_path / "m.xlsx", roster(1))
    set_dimension(path, "A1:D2000002")
    append_to_sheet_data(path, b"<row/>" * 2_000_000)
    assert path.stat().st_size < 100_000
    template, row, _, fields = refusal(lambda: import_members(store, path))
    assert (template, row, fields["limit"]) == (TOO_MANY_ROWS, MAX_ROWS + 2, MAX_ROWS)
    assert store.is_empty()


def test_one_far_away_row_counts_every_row_before_it(store: Store, tmp_path: Path) -> None:
    """A single cell on row 1,048,576 makes a sheet a million rows long."""
    path = workbook(tmp_path / "m.xlsx", roster(1))
    append_to_sheet_data(
        path, b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    assert refusal(lambda: import_members(store, path))[0] == TOO_MANY_ROWS


def test_millions_of_shared_strings_are_refused_before_they_are_read(
    store: Store, tmp_path: Path
) -> None:
    """5 million empty strings: 160 KB on disk, 80 MB of XML, a gigabyte in openpyxl."""
    path = add_shared_strings(
        workbook(tmp_path / "m.xlsx", roster(1)), b"<si><t/></si>" * 5_000_000
    )
    template, _, _, fields = refusal(lambda: import_members(store, path))
    assert template == UNPACKED_TOO_BIG
    assert fields["size"] > fields["limit"]


def test_more_shared_strings_than_a_roster_needs_are_refused(store: Store, tmp_path: Path) -> None:
    """Within the size limit, the count of strings has its own."""
    path = add_shared_strings(workbook(tmp_path / "m.xlsx", roster(1)), b"<si><t/></si>" * 600_000)
    assert refusal(lambda: import_members(store, path))[0] == TOO_MANY_STRINGS


def test_shared_strings_within_the_limit_are_read(store: Store, tmp_path: Path) -> None:
    path = workbook(tmp_path / "m.xlsx", roster(2))
    add_shared_strings(path, b"<si><t>\xe8\xb5\xb5\xe4\xb8\xbd</t></si>")  # 赵丽
    append_to_sheet_data(path, b'<row r="4"><c r="A4" t="inlineStr"><is><t>N9</t></is></c>'
                               b'<c r="B4" t="s"><v>0</v></c><c r="C4" t="inlineStr"><is><t>x</t></is></c></row>')  # fmt: skip
    import_members(store, path)
    assert store.member("N9").name == "赵丽"


def test_a_stray_header_far_to_the_right_is_refused(store: Store, tmp_path: Path) -> None:
    """A value in column XFD would make every row 16,384 cells wide."""
    path = workbook(tmp_path / "m.xlsx", roster(1))
    stray = b'<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'
    edit_sheet(path, lambda sheet: sheet.replace(b"</row>", stray, 1))
    template, row, _, fields = refusal(lambda: import_members(store, path))
    assert (template, row, fields["count"]) == (TOO_MANY_COLUMNS, 1, 16_384)


def test_an_empty_stray_cell_far_to_the_right_is_ignored(store: Store, tmp_path: Path) -> None:
    path = workbook(tmp_path / "m.xlsx", roster(2))
    edit_sheet(path, lambda sheet: sheet.replace(b"</row>", b'<c r="XFD1"/></row>', 1))
    assert len(import_members(store, path).members) == 2


def test_a_csv_field_over_the_limit_is_refused_at_its_row(store: Store, tmp_path: Path) -> None:
    text = MEMBERS + "HQ02," + "王" * 200_000 + ",饮食服务中心,\n"
    template, row, _, fields = refusal(lambda: import_members(store, write(tmp_path, text)))
    assert (template, row, fields["limit"]) == (FIELD_TOO_LONG, 3, 131_072)
    assert store.is_empty()


def test_an_xlsx_value_over_the_limit_is_refused_at_its_row_and_column(
    store: Store, tmp_path: Path
) -> None:
    """Excel stops at 32,767 characters a cell; another writer may not."""
    path = workbook(tmp_path / "m.xlsx", roster(1))
    long_name = b'<c r="B3" t="inlineStr"><is><t>' + b"x" * 140_000 + b"</t></is></c>"
    append_to_sheet_data(
        path, b'<row r="3"><c r="A3" t="inlineStr"><is><t>N9</t></is></c>' + long_name + b"</row>"
    )
    assert refusal(lambda: import_members(store, path))[:3] == (FIELD_TOO_LONG, 3, "姓名")


def test_a_20_mb_line_is_refused_at_its_row(store: Store, tmp_path: Path) -> None:
    text = MEMBERS + "HQ02,王芳,饮食服务中心," + "," * 20_000_000 + "\n"
    template, row, _, _ = refusal(lambda: import_members(store, write(tmp_path, text)))
    assert (template, row) == (LINE_TOO_LONG, 3)


def test_a_file_over_50_mb_is_refused_unread(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, MEMBERS)
    with path.open("r+b") as file:
        file.truncate(50_000_001)  # sparse: nothing is written to disk
    template, _, _, fields = refusal(lambda: import_members(store, path))
    assert (template, fields["size"]) == (FILE_TOO_BIG, 50_000_001)


def test_more_rows_than_the_limit_are_refused(store: Store, tmp_path: Path) -> None:
    text = MEMBERS + "\n" * MAX_ROWS + "HQ03,李强,饮食服务中心,\n"
    template, row, _, _ = refusal(lambda: import_members(store, write(tmp_path, text)))
    assert (template, row) == (TOO_MANY_ROWS, MAX_ROWS + 2)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\n", "\x85", "\u202e"])
def test_a_control_character_in_a_value_is_refused_with_row_and_column(
    store: Store, tmp_path: Path, char: str
) -> None:
    """A NUL cuts a name short in C tools; an escape or a direction override makes it lie."""
    text = MEMBERS + f'HQ02,"王{char}芳",饮食服务中心,\n'
    template, row, column, fields = refusal(lambda: import_members(store, write(tmp_path, text)))
    assert (template, row, column) == (CONTROL_CHARACTER, 3, "姓名")
    assert fields["code"] == f"U+{ord(char):04X}"
    assert store.is_empty()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_dates_outside_2000_to_2100_are_refused(store: Store, tmp_path: Path, day: str) -> None:
    """Year 1 or 9999 overflowed the time zone arithmetic with a traceback."""
    import_members(store, write(tmp_path, "工号,姓名,部门,党小组\nHQ01,王芳,饮食服务中心,\n"))
    path = write(tmp_path, f"工号,日期,开始,结束\nHQ01,{day},20:00,08:00\n", "s.csv")
    template, row, column, fields = refusal(lambda: import_shifts(store, path))
    assert (template, row, column) == (DATE_OUT_OF_RANGE, 2, "日期")
    assert (fields["first"], fields["last"]) == ("2000-01-01", "2100-12-31")
    assert store.db.table("shifts").count == 0


def test_xlsx_date_cells_outside_the_range_are_refused(store: Store, tmp_path: Path) -> None:
    from datetime import date

    import_members(store, write(tmp_path, MEMBERS))
    rows = [["工号", "日期", "开始", "结束"], ["HQ01", date(1900, 3, 1), "08:00", "12:00"]]
    path = workbook(tmp_path / "s.xlsx", rows)
    assert refusal(lambda: import_shifts(store, path))[:3] == (DATE_OUT_OF_RANGE, 2, "日期")


def test_the_first_and_last_accepted_days_import(store: Store, tmp_path: Path) -> None:
    import_members(store, write(tmp_path, MEMBERS))
    text = "工号,日期,开始,结束\nHQ01,2000-01-01,08:00,12:00\nHQ01,2100-12-31,20:00,08:00\n"
    assert len(import_shifts(store, write(tmp_path, text, "s.csv")).shifts) == 2


def test_a_workbook_package_is_closed_after_reading(store: Store, tmp_path: Path) -> None:
    """Windows cannot replace a file that is still open; neither should be left open here."""
    path = workbook(tmp_path / "m.xlsx", roster(2))
    import_members(store, path)
    with zipfile.ZipFile(path, "a") as book:  # would fail on a locked file elsewhere
        book.writestr("extra.txt", "x")
    path.unlink()
