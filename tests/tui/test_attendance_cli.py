"""``lapses``, ``make-ups``, ``ledger`` and make-up sessions booked from the command line.

On the small branch of ``tests/db/small_branch.py``: every figure here is worked out
by hand from its table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from shiftcell.db.store import Store
from shiftcell.tui.cli import main
from tests.db.small_branch import JIA, YI, Meetings, fill_small_branch


@pytest.fixture
def branch(tmp_path: Path) -> tuple[Path, Meetings]:
    path = tmp_path / "branch.db"
    store = Store.open(path)
    meetings = fill_small_branch(store)
    store.close()
    return path, meetings


def run(db: Path, *args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(main, ["--db", str(db), "--lang", lang, *args])


def test_lapses_list_the_members_drifting_longest_first(branch: tuple[Path, Meetings]) -> None:
    db, _ = branch
    result = run(db, "lapses", "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["No.", "Name", "Group", "Last", "attended", "Months", "Level"]
    assert lines[2].split() == [
        "A3",
        "甲三",
        JIA,
        "never",
        "(joined",
        "2026-01-05)",
        "10",
        "six",
        "months",
    ]
    assert lines[3].split() == ["B2", "乙二", YI, "never", "(joined", "2026-07-01)", "4", "warning"]
    assert lines[4].startswith("2 party members 3 months or more without organisational life")


def test_lapses_as_json_as_of_a_past_day(branch: tuple[Path, Meetings]) -> None:
    """On 09-19, B1 last came on 06-10: three whole months."""
    db, _ = branch
    result = run(db, "lapses", "--as-of", "2026-09-19", "--json")
    assert json.loads(result.output) == [
        {
            "employee_no": "A3",
            "name": "甲三",
            "group": JIA,
            "last_attended": None,
            "since": "2026-01-05",
            "months": 8,
            "level": "lapsed",
        },
        {
            "employee_no": "B1",
            "name": "乙一",
            "group": YI,
            "last_attended": "2026-06-10",
            "since": "2026-06-10",
            "months": 3,
            "level": "warn",
        },
    ]


def test_lapses_of_one_group_and_none_at_all(branch: tuple[Path, Meetings]) -> None:
    db, _ = branch
    one = json.loads(run(db, "lapses", "--as-of", "2026-11-20", "--group", YI, "--json").output)
    assert [(x["employee_no"], x["months"]) for x in one] == [("B2", 4)]
    none = run(db, "lapses", "--as-of", "2026-05-11", "--min", "6")
    assert (
        none.output == "Nobody has gone 6 months without organisational life (as of 2026-05-11).\n"
    )
    zh = run(db, "lapses", "--as-of", "2026-11-20", lang="zh")
    assert "从未参加（2026-01-05 加入）" in zh.output and "已满六个月" in zh.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--as-of", "2026-02-30"], "'2026-02-30' is not a date like 2026-12-07"),
        (["--min", "-1"], "-1 is not in the range"),
        (["--group", "丙组"], "no group named 丙组"),
    ],
)
def test_lapses_refuse_what_is_mistyped(
    branch: tuple[Path, Meetings], args: list[str], said: str
) -> None:
    db, _ = branch
    result = run(db, "lapses", *args)
    assert result.exit_code == 2
    assert said in result.output


def test_make_ups_owed_per_member_and_per_meeting(branch: tuple[Path, Meetings]) -> None:
    db, m = branch
    result = run(db, "make-ups", "--as-of", "2026-11-20", "--json")
    found = json.loads(result.output)
    owes = {
        x["employee_no"]: [(o["meeting"], o["days"]) for o in x["owes"]] for x in found["members"]
    }
    assert owes == {
        "A3": [(m.m1, 194), (m.m3, 100), (m.m6, 61)],
        "B1": [(m.m3, 100)],
        "B2": [(m.m3, 100)],
    }
    meetings = {
        x["id"]: (x["owing"], [y["employee_no"] for y in x["made_up"]]) for x in found["meetings"]
    }
    assert meetings == {m.m1: (["A3"], []), m.m3: (["A3", "B1", "B2"], ["A2"]), m.m6: (["A3"], [])}
    text = run(db, "make-ups", "--as-of", "2026-11-20", "--member", "B1").output
    assert [line.split()[:2] for line in text.splitlines()[2:3]] == [["B1", "乙一"]]
    assert "100 days" in text
    assert (
        text.splitlines()[-1] == "1 member owes a make-up session for 1 meeting (as of 2026-11-20)."
    )


def test_booking_a_make_up_invites_who_owes_and_recording_it_settles_them(
    branch: tuple[Path, Meetings],
) -> None:
    """The story to its end: who owes M3 (A3, B1, B2) is invited; B1 comes; B1 owes no more."""
    db, m = branch
    booked = run(
        db, "meetings", "book", "--type", "补课", "--makes-up", str(m.m3),
        "--start", "2026-10-20 15:00", "--duration", "30", "--topic", "补学",
    )  # fmt: skip
    assert booked.exit_code == 0, booked.output
    assert "3 invited" in booked.output
    listed = json.loads(run(db, "meetings", "list", "--json").output)
    make_up = listed[-1]
    assert make_up["makes_up"] == [m.m3]
    assert [a["employee_no"] for a in make_up["invited"]] == ["A3", "B1", "B2"]
    assert sorted(make_up["groups"]) == sorted([JIA, YI])
    recorded = run(
        db, "meetings", "record", str(make_up["id"]), "--present", "B1", "--absent", "A3"
    )
    assert recorded.exit_code == 0, recorded.output
    assert f"Made up meeting {m.m3}: B1" in recorded.output
    again = run(db, "meetings", "record", str(m.m3), "--notes", "补记")
    assert "Needs a make-up session: 甲三 A3, 乙二 B2" in again.output
    owed = json.loads(run(db, "make-ups", "--as-of", "2026-11-20", "--json").output)
    assert "B1" not in {x["employee_no"] for x in owed["members"]}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--type", "group", "--makes-up", "{m3}"], "--makes-up is for a make-up session"),
        (["--type", "make-up", "--makes-up", "x"], "'x' is not a meeting ID"),
        (["--type", "make-up", "--makes-up", "{m5}"], "was cancelled: there is nothing to make up"),
        (["--type", "make-up", "--makes-up", "{m2}"], "nobody here still owes a make-up session"),
        (["--type", "make-up"], "give --group (or --makes-up for a make-up session)"),
    ],
)
def test_a_wrong_make_up_is_refused_and_nothing_is_booked(
    branch: tuple[Path, Meetings], args: list[str], said: str
) -> None:
    db, m = branch
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    filled = [a.format(m3=m.m3, m5=m.m5, m2=m.m2) for a in args]
    result = run(
        db, "meetings", "book", *filled, "--start", "2026-10-20 15:00", "--duration", "30",
        "--topic", "补学",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_the_ledger_as_a_workbook_read_back(branch: tuple[Path, Meetings], tmp_path: Path) -> None:
    db, m = branch
    path = tmp_path / "台账.xlsx"
    result = run(db, "ledger", "--quarter", "2026q3", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote the ledger of 2026Q3 (3 meetings, 6 members): {path}\n"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Meetings", "Attendance", "Summary"]
    ids = [row[0].value for row in book["Meetings"].iter_rows(min_row=2)]
    assert ids == [m.m3, m.m4, m.m6]
    zh = tmp_path / "zh.xlsx"
    run(db, "ledger", "--year", "2026", "--group", JIA, "-o", str(zh), lang="zh")
    chinese = openpyxl.load_workbook(zh)
    assert chinese.sheetnames == ["会议", "出勤", "汇总"]
    members = [row[0].value for row in chinese["出勤"].iter_rows(min_row=2)]
    assert members == ["A1", "A2", "A3", "A4"]
    assert [c.value for c in chinese["出勤"][1]][:4] == ["工号", "姓名", "党小组", "政治面貌"]


def test_the_ledger_as_csv_files_and_markdown(
    branch: tuple[Path, Meetings], tmp_path: Path
) -> None:
    db, m = branch
    result = run(db, "ledger", "--quarter", "2026Q3", "-o", str(tmp_path / "l.csv"))
    names = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csv")
    assert names == ["l-attendance.csv", "l-meetings.csv", "l-summary.csv"]
    assert result.exit_code == 0
    raw = (tmp_path / "l-attendance.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    a2 = next(row for row in rows if row[0] == "A2")
    assert a2[:7] == ["A2", "甲二", JIA, "full member", "not invited", "made up", "present"]
    shown = run(db, "ledger", "--quarter", "2026Q3", "-o", "-")
    assert shown.output.startswith("# Ledger 2026Q3 · 某后勤集团\n")
    assert "## Attendance" in shown.output and f"| {m.m4} |" in shown.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--year", "2026", "--quarter", "2026Q1", "-o", "x.xlsx"], "give exactly one of --year"),
        (["-o", "x.xlsx"], "give exactly one of --year"),
        (["--year", "26", "-o", "x.xlsx"], "'26' is not like 2026"),
        (["--quarter", "2026Q5", "-o", "x.xlsx"], "'2026Q5' is not like 2026Q4"),
        (["--quarter", "2026", "-o", "x.xlsx"], "'2026' is not like 2026Q4"),
        (["--year", "2026", "-o", "x.pdf"], "'x.pdf' must end in .xlsx, .csv or .md"),
        (["--year", "2026", "--group", "丙组", "-o", "x.md"], "no group named 丙组"),
    ],
)
def test_a_mistyped_ledger_is_refused_and_writes_nothing(
    branch: tuple[Path, Meetings], tmp_path: Path, args: list[str], said: str
) -> None:
    db, _ = branch
    result = CliRunner().invoke(main, ["--db", str(db), "ledger", *args])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert not list(Path.cwd().glob("x.*"))


def test_a_leader_key_and_a_viewer_key(branch: tuple[Path, Meetings], tmp_path: Path) -> None:
    """ssh-keys add --role leader makes a key whose sessions run the group's meetings."""
    import asyncssh

    db, _ = branch
    keys = []
    for name in ("leader", "viewer", "secretary"):
        pub = tmp_path / f"{name}.pub"
        pub.write_bytes(asyncssh.generate_private_key("ssh-ed25519").export_public_key())
        keys.append(pub)
    leader = run(
        db, "ssh-keys", "add", "--group", JIA, "--role", "leader", "--label", "甲组长", str(keys[0])
    )
    assert f"Added 甲组长: group {JIA} (leader: runs its meetings)" in leader.output
    viewer = run(db, "ssh-keys", "add", "--group", YI, "--label", "乙组长", str(keys[1]))
    assert f"group {YI} (read-only)" in viewer.output
    wrong = run(
        db, "ssh-keys", "add", "--secretary", "--role", "leader", "--label", "书记", str(keys[2])
    )
    assert wrong.exit_code == 2 and "--role is for a group's key" in wrong.output
    listed = json.loads(run(db, "ssh-keys", "list", "--json").output)
    assert {k["label"]: k["role"] for k in listed} == {"甲组长": "leader", "乙组长": "viewer"}


def test_the_demo_comes_with_a_year_of_meetings_unless_asked_not_to(tmp_path: Path) -> None:
    """So that lapses and the ledger show something on the demo; --no-history for a clean one."""
    with_history, without = tmp_path / "with.db", tmp_path / "without.db"
    assert run(with_history, "demo", "--members", "40").exit_code == 0
    assert run(without, "demo", "--members", "40", "--no-history").exit_code == 0
    listed = json.loads(run(with_history, "meetings", "list", "--json").output)
    assert len({m["start"][:7] for m in listed}) >= 11  # a meeting in each month of the year
    assert any(m["makes_up"] for m in listed)
    assert json.loads(run(without, "meetings", "list", "--json").output) == []
    assert json.loads(run(with_history, "lapses", "--json").output)  # someone is drifting


def test_a_ledger_that_cannot_be_written_says_where_in_one_line(
    branch: tuple[Path, Meetings], tmp_path: Path
) -> None:
    db, _ = branch
    target = tmp_path / "no such folder" / "台账.xlsx"
    result = run(db, "ledger", "--year", "2026", "-o", str(target))
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {target}: no such file or folder\n"
