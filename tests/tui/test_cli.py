"""The command line, through click's runner: what a secretary types and reads."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from shiftcell.tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(path), "demo", "--seed", "2"])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> "subprocess.CompletedProcess[str] | object":
    return CliRunner().invoke(main, list(args))


def test_version_is_printed() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert "shiftcell, version" in result.output


def test_demo_refuses_to_overwrite_without_force(db: Path) -> None:
    """A secretary's real roster must never vanish under a demo by accident."""
    result = run("--db", str(db), "demo")
    assert result.exit_code == 1
    assert "--force" in result.output
    assert run("--db", str(db), "demo", "--force", "--members", "30").exit_code == 0
    assert len(json.loads(run("--db", str(db), "roster", "--json").output)) == 30


def test_the_database_can_come_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    result = CliRunner(env={"SHIFTCELL_DB": str(path)}).invoke(main, ["demo"])
    assert result.exit_code == 0
    assert path.exists()


def test_roster_json_lists_members_with_their_group_role_and_status(db: Path) -> None:
    rows = json.loads(run("--db", str(db), "roster", "--json").output)
    assert len(rows) == 80
    assert {"employee_no", "name", "department", "post", "group", "role", "status"} <= set(rows[0])
    leaders = [r for r in rows if r["role"] == "leader"]
    assert len(leaders) == len({r["group"] for r in rows if r["group"]})


def test_roster_of_one_group_aligns_chinese_names(db: Path) -> None:
    """Columns line up when names are two cells wide per character."""
    from shiftcell.tui.words.textwidth import cells

    group = json.loads(run("--db", str(db), "roster", "--json").output)[0]["group"]
    lines = run("--db", str(db), "--lang", "zh", "roster", "--group", group).output.splitlines()
    assert lines[0].startswith("工号")
    columns = {cells(line[: line.index(group)]) for line in lines[2:-1]}
    assert len(columns) == 1


def test_an_unknown_group_is_named(db: Path) -> None:
    result = run("--db", str(db), "roster", "--group", "No such group")
    assert result.exit_code == 2
    assert "No such group" in result.output


def test_shifts_json_carries_utc_offsets(db: Path) -> None:
    args = ["--db", str(db), "shifts", "--member", "HQ0001", "--from", "2026-12-07"]
    found = json.loads(run(*args, "--to", "2026-12-13", "--json").output)
    assert found
    assert all(s["start"].endswith("+08:00") and s["end"].endswith("+08:00") for s in found)
    assert set(found[0]) == {"start", "end", "post"}


def test_shifts_human_output_totals_the_hours(db: Path) -> None:
    args = ["--db", str(db), "shifts", "--member", "HQ0001"]
    output = run(*args, "--from", "2026-12-07", "--to", "2026-12-13").output
    assert "hours" in output.splitlines()[-1]


def test_a_bad_import_exits_2_and_names_file_row_and_column(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "shifts.csv"
    bad.write_text(
        "工号,日期,开始,结束\nHQ0001,2026-12-07,08:00,12:00\nHQ0001,2026-12-32,08:00,12:00\n"
    )
    result = CliRunner().invoke(main, ["--db", str(db), "import", "shifts", str(bad)])
    assert result.exit_code == 2
    assert "shifts.csv:3 [日期]: '2026-12-32' is not a date like 2026-12-07" in result.output
    assert "Nothing was imported" in result.output


def test_import_problems_read_in_chinese(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "m.csv"
    bad.write_text("工号,姓名\nHQ1,x\n")
    result = run("--db", str(db), "--lang", "zh", "import", "members", str(bad))
    assert result.exit_code == 2
    assert "缺少列 department / 部门" in result.output


def test_commands_other_than_the_app_never_load_textual(tmp_path: Path) -> None:
    """Start-up stays fast on a small server: Textual is for the app only."""
    code = (
        "import sys\nfrom shiftcell.tui.cli import main\n"
        "try:\n    main(['--db', sys.argv[1], 'demo', '--members', '10'])\n"
        "except SystemExit:\n    pass\n"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code, str(tmp_path / "x.db")], capture_output=True, text=True
    )
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_a_database_from_an_older_version_is_brought_up_to_date_by_any_command(
    tmp_path: Path,
) -> None:
    """After an upgrade, the first `roster` must work, not send the user to `init`."""
    from sqlite_utils import Database

    from shiftcell.db.migrations import migration_set

    path = tmp_path / "old.db"
    migration_set().apply(Database(path), stop_before=_newest_migration())
    result = run("--db", str(path), "roster", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    assert not migration_set().pending(Database(path))


def test_a_viewer_never_upgrades_a_database_it_only_may_read(tmp_path: Path) -> None:
    """--read-only opens the file read-only; it says what to do instead of writing."""
    from sqlite_utils import Database

    from shiftcell.db.migrations import migration_set

    path = tmp_path / "old.db"
    migration_set().apply(Database(path), stop_before=_newest_migration())
    result = run("--db", str(path), "--read-only", "roster")
    assert result.exit_code == 1
    assert "needs an upgrade" in result.output
    assert migration_set().pending(Database(path))


def test_reading_a_database_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    result = run("--db", str(path), "roster")
    assert result.exit_code == 1
    assert "no such database" in result.output
    assert not path.exists()


def _newest_migration() -> str:
    from sqlite_utils import Database

    from shiftcell.db.migrations import migration_set

    return migration_set().pending(Database(memory=True))[-1].name
