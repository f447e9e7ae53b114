"""``shiftcell import`` on the committed spreadsheets: what a secretary types, reads, and gets back.

A script or a cautious secretary reads the exit status: 0 when the file went
in (or would have, with ``--dry-run``), 2 when it was refused and nothing was
written.
"""

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from spreadsheets import MEMBERS, NEXT_WEEK, SHIFTS, csv_rows, held, xlsx_rows

from shiftcell.tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A new database, as ``shiftcell init`` leaves it: no one in it yet."""
    path = tmp_path / "branch.db"
    result = shiftcell(path, "init", "--name", "某大学后勤集团", "--timezone", "Asia/Shanghai")
    assert result.exit_code == 0, result.output
    return path


def shiftcell(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def contents(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        return held(conn)


def test_members_then_two_weeks_of_shifts_go_in_and_say_how_many_rows(db: Path) -> None:
    imported = [
        (shiftcell(db, "import", "members", str(MEMBERS)), len(csv_rows(MEMBERS, "gb18030"))),
        (shiftcell(db, "import", "shifts", str(SHIFTS)), len(csv_rows(SHIFTS, "utf-8-sig"))),
        (shiftcell(db, "import", "shifts", str(NEXT_WEEK)), len(xlsx_rows(NEXT_WEEK))),
    ]
    said = (
        "{file}: {rows} members imported ({rows} new, 0 updated, 0 unchanged).",
        "{file}: {rows} shifts imported: {rows} new, 0 unchanged, 0 removed.",
        "{file}: {rows} shifts imported: {rows} new, 0 unchanged, 0 removed.",
    )
    paths = (MEMBERS, SHIFTS, NEXT_WEEK)
    for (result, rows), path, words in zip(imported, paths, said, strict=True):
        assert result.exit_code == 0, result.output
        assert result.output.strip() == words.format(file=path.name, rows=rows)
    roster = shiftcell(db, "roster", "--json")
    assert roster.output.count('"employee_no"') == len(csv_rows(MEMBERS, "gb18030"))
    assert "龚䶮" in shiftcell(db, "roster").output


def test_importing_the_same_files_again_exits_0_and_changes_nothing(db: Path) -> None:
    """Not sure it went through? Running the same command again is always safe."""
    for kind, path in (("members", MEMBERS), ("shifts", SHIFTS), ("shifts", NEXT_WEEK)):
        assert shiftcell(db, "import", kind, str(path)).exit_code == 0
    before = contents(db)
    for kind, path in (("members", MEMBERS), ("shifts", SHIFTS), ("shifts", NEXT_WEEK)):
        again = shiftcell(db, "--lang", "zh", "import", kind, str(path))
        assert again.exit_code == 0, again.output
        assert again.output.startswith(f"{path.name}：没有变化；")
    assert contents(db) == before


def test_shifts_before_members_exit_2_and_write_nothing(db: Path) -> None:
    """Every row names someone the database does not know yet: all are listed, none kept."""
    before = contents(db)
    result = shiftcell(db, "import", "shifts", str(SHIFTS))
    assert result.exit_code == 2
    problems = [line for line in result.output.splitlines() if line.startswith(f"{SHIFTS.name}:")]
    assert len(problems) == len(csv_rows(SHIFTS, "utf-8-sig"))
    assert result.output.splitlines()[-1] == f"Nothing was imported: {len(problems)} problems."
    assert contents(db) == before


def test_a_dry_run_checks_the_whole_file_and_writes_nothing(db: Path) -> None:
    before = contents(db)
    result = shiftcell(db, "import", "members", "--dry-run", str(MEMBERS))
    assert result.exit_code == 0, result.output
    rows = len(csv_rows(MEMBERS, "gb18030"))
    assert (
        result.output.strip()
        == f"{MEMBERS.name}: {rows} rows are fine; nothing written (--dry-run)."
    )
    assert contents(db) == before
