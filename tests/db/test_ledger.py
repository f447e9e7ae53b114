"""The ledger's facts, and the sheets written from them, on a branch whose past is known.

Expectations are worked out by hand from the table in ``small_branch``.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from shiftcell.db.ledger import Outcome, gather
from shiftcell.db.sheets import Mark, Sheet, Tone, csv_bytes, csv_paths, markdown, write_xlsx
from shiftcell.db.store import Store
from shiftcell.scheduling.cadence import DEFAULT_REQUIREMENTS, parse_period
from shiftcell.scheduling.meetings import MeetingType
from tests.db.small_branch import BRANCH, JIA, YI, ZONE, Meetings, fill_small_branch

NOW = datetime(2026, 11, 20, 9, tzinfo=ZONE)
NOT_INVITED: tuple[Outcome, ...] = ()


@pytest.fixture
def branch() -> tuple[Store, Meetings]:
    store = Store.memory()
    return store, fill_small_branch(store)


def test_the_quarters_meetings_are_those_held_in_it(branch: tuple[Store, Meetings]) -> None:
    """Q3: the general meeting, its make-up and the group meeting of 09-20; the cancelled
    one of 09-05 is no record, and the make-up settles A2's absence."""
    store, m = branch
    ledger = gather(store, parse_period("2026Q3"), NOW, DEFAULT_REQUIREMENTS)
    assert [x.id for x in ledger.meetings] == [m.m3, m.m4, m.m6]
    assert [d.employee_no for d in ledger.record.debts(m.m3)] == ["A3", "B1", "B2"]
    assert list(ledger.record.made_up_by(m.m3)) == ["A2"]


def test_attendance_month_by_month(branch: tuple[Store, Meetings]) -> None:
    store, _ = branch
    ledger = gather(store, parse_period("2026Q3"), NOW, DEFAULT_REQUIREMENTS)
    months = {r.member.employee_no: r.months for r in ledger.members}
    assert months == {
        "A1": (NOT_INVITED, (Outcome.PRESENT,), (Outcome.PRESENT,)),
        "A2": (NOT_INVITED, (Outcome.MADE_UP,), (Outcome.PRESENT,)),
        "A3": (NOT_INVITED, (Outcome.ABSENT,), (Outcome.EXCUSED,)),
        "A4": (NOT_INVITED, (Outcome.PRESENT,), (Outcome.PRESENT,)),
        "B1": (NOT_INVITED, (Outcome.ABSENT,), (Outcome.GUEST,)),
        "B2": (NOT_INVITED, (Outcome.ABSENT,), NOT_INVITED),
    }
    rates = {r.member.employee_no: r.rate for r in ledger.members}
    assert rates == {"A1": 1.0, "A2": 1.0, "A3": 0.0, "A4": 1.0, "B1": 0.0, "B2": 0.0}


def test_each_requirement_held_against_due_so_far(branch: tuple[Store, Meetings]) -> None:
    """Q3 is over on 11-20: every month and the quarter are due; the year 2026 is not
    over, and held neither, so not due yet."""
    store, _ = branch
    ledger = gather(store, parse_period("2026Q3"), NOW, DEFAULT_REQUIREMENTS)
    found = {
        (s.requirement.kind, s.who): (
            [p.label for p in s.held],
            [p.label for p in s.missed],
            s.meetings,
            s.rate,
        )
        for s in ledger.requirements
    }
    assert found == {
        (MeetingType.GROUP_MEETING, JIA): (["2026-09"], ["2026-07", "2026-08"], 1, 0.75),
        (MeetingType.GROUP_MEETING, YI): ([], ["2026-07", "2026-08", "2026-09"], 0, None),
        (MeetingType.COMMITTEE_MEETING, None): ([], ["2026-07", "2026-08", "2026-09"], 0, None),
        (MeetingType.GENERAL_MEETING, BRANCH): (["2026Q3"], [], 1, 2 / 6),
        (MeetingType.PARTY_LECTURE, BRANCH): ([], ["2026Q3"], 0, None),
        (MeetingType.THEME_DAY, BRANCH): ([], ["2026-07", "2026-08", "2026-09"], 0, None),
        (MeetingType.REVIEW_MEETING, BRANCH): ([], [], 0, None),
        (MeetingType.APPRAISAL, BRANCH): ([], [], 0, None),
    }


def test_the_current_month_is_due_only_once_held(branch: tuple[Store, Meetings]) -> None:
    """On 09-25 September's group meeting of 甲组 is held (due and held); 乙组's is still to
    come this month: not missed yet."""
    store, _ = branch
    moment = datetime(2026, 9, 25, 9, tzinfo=ZONE)
    ledger = gather(store, parse_period("2026Q3"), moment, DEFAULT_REQUIREMENTS)
    due = {
        s.who: [p.label for p in s.due]
        for s in ledger.requirements
        if s.requirement.kind is MeetingType.GROUP_MEETING
    }
    assert due == {JIA: ["2026-07", "2026-08", "2026-09"], YI: ["2026-07", "2026-08"]}


def test_a_groups_ledger_holds_that_group_only(branch: tuple[Store, Meetings]) -> None:
    store, m = branch
    store.narrow(YI)
    ledger = gather(store, parse_period("2026"), NOW, DEFAULT_REQUIREMENTS)
    assert [r.member.employee_no for r in ledger.members] == ["B1", "B2"]
    assert {x.id for x in ledger.meetings} == {m.m2, m.m3, m.m4, m.m6}  # B1 a guest at M6
    assert {a.employee_no for x in ledger.meetings for a in x.invited} <= {"B1", "B2"}
    assert {s.who for s in ledger.requirements} == {YI, None, BRANCH}


SHEET = Sheet(
    "meetings",
    "会议",
    ["主题", "人数", "比例", "标记"],
    [
        ['=HYPERLINK("http://x")', 3, 0.5, Mark("出席", Tone.GOOD)],
        ["+86 123", 0, None, Mark(7, Tone.BAD)],
        ["a | b\nc", 1, 1.0, "-5"],
    ],
    widths=[20, 6, 6, 8],
)


def test_an_xlsx_keeps_formula_looking_text_as_text(tmp_path: Path) -> None:
    """A topic typed as a formula must never run in the branch's spreadsheet."""
    path = tmp_path / "t.xlsx"
    write_xlsx(path, "台账", [SHEET])
    book = openpyxl.load_workbook(path)
    sheet = book["会议"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        ["主题", "人数", "比例", "标记"],
        ['=HYPERLINK("http://x")', 3, 0.5, "出席"],
        ["+86 123", 0, None, 7],
        ["a | b\nc", 1, 1, "-5"],
    ]
    assert {sheet["A2"].data_type, sheet["A3"].data_type, sheet["D4"].data_type} == {"s"}
    assert sheet["A2"].quotePrefix and not sheet["A4"].quotePrefix
    assert sheet["D2"].fill.fgColor.rgb.endswith("C6EFCE")
    assert sheet["C2"].number_format == "0%"
    assert sheet.freeze_panes == "B2"
    assert sheet.row_dimensions[4].height == 30  # two lines


def test_csv_is_one_file_per_sheet_with_a_bom_and_no_formulas(tmp_path: Path) -> None:
    data = csv_bytes(SHEET)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[2] == ["'+86 123", "0", "", "7"]
    assert rows[3] == ["a | b\nc", "1", "100%", "'-5"]
    assert csv_paths(tmp_path / "台账.csv", [SHEET]) == [tmp_path / "台账-meetings.csv"]


def test_markdown_keeps_every_cell_in_its_column() -> None:
    text = markdown("台账 2026", ["一行说明"], [SHEET])
    lines = text.splitlines()
    assert lines[0] == "# 台账 2026"
    table = [line for line in lines if line.startswith("|")]
    assert table[-1] == "| a \\| b<br>c | 1 | 100% | -5 |"
    assert all(line.count("|") - line.count("\\|") == 5 for line in table)


def test_the_whole_ledger_as_xlsx_reads_back_sheet_by_sheet(
    branch: tuple[Store, Meetings], tmp_path: Path
) -> None:
    """The ledger's own sheets, written and read back with openpyxl."""
    from shiftcell.tui.views.ledger_sheets import ledger_sheets, ledger_title

    store, m = branch
    ledger = gather(store, parse_period("2026Q3"), NOW, DEFAULT_REQUIREMENTS)
    path = tmp_path / "ledger.xlsx"
    write_xlsx(path, ledger_title(ledger), ledger_sheets(ledger))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Meetings", "Attendance", "Summary"]
    meetings = [[c.value for c in row] for row in book["Meetings"].iter_rows()]
    by_id = {row[0]: dict(zip(meetings[0], row, strict=True)) for row in meetings[1:]}
    general = by_id[m.m3]
    assert general["Present"] == "甲一, 甲四"
    assert general["Excused (reason)"] == "甲二: 夜班"
    assert general["Absent"] == "甲三, 乙一, 乙二"
    assert general["Make-up sessions (who came)"] == f"2026-08-20 15:00 (meeting {m.m4}): 甲二"
    assert general["Still owe a make-up"] == "甲三, 乙一, 乙二"
    assert by_id[m.m4]["Makes up"] == f"2026-08-12 branch general meeting (meeting {m.m3})"
    assert by_id[m.m6]["Guests"] == "乙一"
    attendance = [[c.value for c in row] for row in book["Attendance"].iter_rows()]
    assert attendance[0][4:7] == ["2026-07", "2026-08", "2026-09"]
    a2 = next(row for row in attendance if row[0] == "A2")
    assert a2[4:] == ["not invited", "made up", "present", 2, 2, 1]
    summary = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    assert [JIA, "group meeting", "monthly", 1, 3, "2026-07, 2026-08", 1, 0.75] in summary
