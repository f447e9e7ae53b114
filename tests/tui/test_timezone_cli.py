"""A new database never silently takes a server's UTC for the organisation's zone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shiftcell.db.store import Store
from shiftcell.tui.cli import main
from shiftcell.tui.words.timezones import UnknownZone, check_timezone, suggested_timezone

MEMBERS = "工号,姓名,部门,党小组\nHQ01,贺志,饮食服务中心,饮食党小组\n"
SHIFTS = "工号,日期,开始,结束\nHQ01,2026-12-07,05:30,13:30\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    members, shifts = tmp_path / "members.csv", tmp_path / "shifts.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    shifts.write_text(SHIFTS, encoding="utf-8")
    return members, shifts


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def stored_zone(db: Path) -> str | None:
    store = Store.open(db, read_only=True)
    try:
        row = store.db.execute("SELECT timezone FROM organisation").fetchone()
        return row[0] if row else None
    finally:
        store.close()


def shift_hours(db: Path) -> str:
    result = run(db, "shifts", "--member", "HQ01", "--from", "2026-12-07")
    return next(line.split()[2] for line in result.stdout.splitlines() if "2026-12-07" in line)


@pytest.mark.parametrize(("lang", "zone"), [("en", "UTC"), ("zh", "Asia/Shanghai")])
def test_the_first_import_on_a_utc_server_says_which_zone_it_assumed(
    tmp_path: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, lang: str, zone: str
) -> None:
    """On stderr, with the command that changes it; Chinese users get China's zone."""
    monkeypatch.setenv("TZ", "Etc/UTC")
    db = tmp_path / "new.db"
    first = run(db, "--lang", lang, "import", "members", str(files[0]))
    assert first.exit_code == 0, first.output
    assert zone in first.stderr
    assert "init --timezone" in first.stderr
    assert zone not in first.stdout
    assert stored_zone(db) == zone  # settled: a later run on another machine reads the same
    again = run(db, "--lang", lang, "import", "shifts", str(files[1]))
    assert again.exit_code == 0 and not again.stderr


def test_a_machine_with_a_real_zone_is_taken_at_its_word(
    tmp_path: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    db = tmp_path / "new.db"
    assert "Europe/Berlin" in run(db, "import", "members", str(files[0])).stderr
    assert stored_zone(db) == "Europe/Berlin"


def test_init_timezone_moves_the_organisation_and_keeps_shifts_at_their_local_times(
    tmp_path: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shift imported as 05:30 in the wrong zone is still 05:30 after the fix."""
    monkeypatch.setenv("TZ", "Etc/UTC")
    db = tmp_path / "org.db"
    run(db, "import", "members", str(files[0]))
    run(db, "import", "shifts", str(files[1]))
    assert shift_hours(db) == "05:30–13:30"
    moved = run(db, "init", "--timezone", "Asia/Shanghai")
    assert moved.exit_code == 0, moved.output
    assert "UTC → Asia/Shanghai: 1 shift and 0 meetings keep their local times." in moved.stdout
    assert stored_zone(db) == "Asia/Shanghai"
    assert shift_hours(db) == "05:30–13:30"


def test_a_mistyped_zone_is_refused_with_the_nearest_name_and_nothing_changes(
    tmp_path: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Etc/UTC")
    db = tmp_path / "org.db"
    run(db, "import", "members", str(files[0]))
    refused = run(db, "init", "--timezone", "Asia/Shangai")
    assert refused.exit_code == 2
    assert "did you mean Asia/Shanghai" in refused.stderr
    assert stored_zone(db) == "UTC"


def test_reading_a_new_database_writes_no_zone_and_the_demo_brings_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Etc/UTC")
    db = tmp_path / "new.db"
    run(db, "init")
    assert stored_zone(db) == "UTC"  # init without --timezone writes, so it settles and says
    demo = run(tmp_path / "demo.db", "demo", "--members", "20")
    assert demo.exit_code == 0 and not demo.stderr
    assert stored_zone(tmp_path / "demo.db") == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("machine", "lang", "offered"),
    [
        ("Etc/UTC", "en", None),
        ("UTC", "zh", "Asia/Shanghai"),
        ("Europe/London", "zh", "Europe/London"),
        ("Asia/Shanghai", "en", "Asia/Shanghai"),
    ],
)
def test_the_suggestion_is_never_a_placeless_utc(
    monkeypatch: pytest.MonkeyPatch, machine: str, lang: str, offered: str | None
) -> None:
    monkeypatch.setenv("TZ", machine)
    assert suggested_timezone(lang) == offered


@pytest.mark.parametrize(
    ("typed", "zone"), [("asia/shanghai", "Asia/Shanghai"), (" Europe/London ", "Europe/London")]
)
def test_a_typed_zone_is_taken_in_any_case(typed: str, zone: str) -> None:
    assert check_timezone(typed) == zone


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("北京", "did you mean Asia/Shanghai?"),
        ("Beijing", "did you mean Asia/Shanghai?"),
        ("Europe/Londn", "did you mean Europe/London"),
        ("Mars/Olympus", "named like Asia/Shanghai"),
        ("../../etc/passwd", "named like Asia/Shanghai"),
        ("", "Type a time zone"),
    ],
)
def test_a_zone_that_does_not_exist_is_refused_helpfully(typed: str, said: str) -> None:
    with pytest.raises(UnknownZone, match=re.escape(said)):
        check_timezone(typed)
