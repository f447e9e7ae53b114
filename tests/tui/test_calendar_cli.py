"""``shiftcell export`` and ``shiftcell feeds`` as a secretary types them."""

import contextlib
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.cli import main

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert CliRunner().invoke(main, ["--db", str(path), "demo", "--members", "40"]).exit_code == 0
    store = Store.open(path)
    start = datetime.now(SHANGHAI).replace(hour=14, minute=0, second=0, microsecond=0)
    group = store.groups()[0].name
    store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="组织生活会",
        start=start + timedelta(days=1),
        end=start + timedelta(days=1, minutes=45),
        groups=[group],
        invited=[m.employee_no for m in store.members(groups=[group])],
    )
    store.close()
    return path


def run(db: Path, *args: str, cwd: Path | None = None) -> object:
    """Run shiftcell; with ``cwd``, in a fresh folder there, noting the files it left."""
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, ["--db", str(db), *args])
    folder = cwd / "out"
    folder.mkdir()
    with contextlib.chdir(folder):
        result = runner.invoke(main, ["--db", str(db), *args])
    result.files = {p.name: p.read_bytes() for p in folder.iterdir()}  # type: ignore[attr-defined]
    return result


def test_exporting_a_member_writes_a_file_named_after_them(db: Path, tmp_path: Path) -> None:
    """Without -o the file gets a name the secretary recognises when handing it on."""
    result = run(db, "export", "ics", "--member", "HQ0001", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    [name] = result.files
    assert name.startswith("HQ0001-") and name.endswith(".ics")
    calendar = Calendar.from_ical(result.files[name])
    shifts = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("shift-")]
    assert f"Wrote {len(shifts)} shifts and " in result.output


def test_a_group_exports_to_standard_output(db: Path) -> None:
    """``-o -`` lets the file go straight into a pipe or a mail."""
    store = Store.open(db, read_only=True)
    group = store.groups()[0].name
    result = run(db, "export", "ics", "--group", group, "-o", "-")
    assert result.exit_code == 0
    calendar = Calendar.from_ical(result.output)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert "Group meeting: 组织生活会" in summaries
    assert "Wrote" not in result.output


def test_no_shifts_and_a_range_are_honoured(db: Path) -> None:
    today = datetime.now(SHANGHAI).date()
    result = run(
        db,
        "export",
        "ics",
        "--all",
        "--no-shifts",
        "--from",
        f"{today}",
        "--to",
        f"{today + timedelta(days=3)}",
        "-o",
        "-",
    )
    events = Calendar.from_ical(result.output).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Group meeting: 组织生活会"]
    assert events[0].walk("VALARM")


def test_a_scope_must_be_given_exactly_once(db: Path) -> None:
    """Exporting "everything" by accident would hand out the whole roster."""
    for args in ([], ["--member", "HQ0001", "--group", "x"], ["--all", "--meeting", "1"]):
        result = run(db, "export", "ics", *args, "-o", "-")
        assert result.exit_code == 2
        assert "exactly one of --member, --group, --meeting or --all" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--member", "NOPE"], "no member with employee number NOPE"),
        (["--group", "没有"], "no group named 没有"),
        (["--meeting", "99"], "no meeting with id 99"),
        (["--all", "--from", "2026-12-10", "--to", "2026-12-01"], "--to is before --from"),
        (["--all", "--from", "2026-13-01"], "is not a date like 2026-12-07"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(
    db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run(db, "export", "ics", *args, cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.output
    assert result.files == {}


def test_an_unwritable_output_is_reported_without_a_traceback(db: Path, tmp_path: Path) -> None:
    result = run(db, "export", "ics", "--all", "-o", str(tmp_path / "missing" / "x.ics"))
    assert result.exit_code == 1
    assert "cannot write" in result.output
    assert not (tmp_path / "missing").exists()


def test_the_csv_export_has_a_bom_and_chinese_headers_in_chinese(db: Path) -> None:
    group = Store.open(db, read_only=True).groups()[0].name
    result = CliRunner().invoke(
        main, ["--db", str(db), "--lang", "zh", "export", "csv", "--group", group, "-o", "-"]
    )
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    header = result.stdout_bytes.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("类别,日期,星期,开始,结束,工号,姓名")


def test_feeds_are_issued_listed_and_revoked(db: Path) -> None:
    """The whole life of a feed URL from the secretary's side."""
    issued = run(db, "feeds", "issue", "--member", "HQ0001", "--base-url", "https://cal.example")
    assert issued.exit_code == 0
    url = issued.output.splitlines()[-1]
    assert url.startswith("https://cal.example/feeds/") and url.endswith(".ics")
    again = run(db, "feeds", "issue", "--member", "HQ0001", "--base-url", "https://cal.example")
    assert "already has a feed" in again.output and url in again.output
    listed = run(db, "feeds", "list", "--base-url", "https://cal.example")
    assert url in listed.output and "1 feed\n" in listed.output
    revoked = run(db, "feeds", "revoke", url)  # the whole URL pasted works
    assert revoked.exit_code == 0
    assert "1 feed\n" not in run(db, "feeds", "list").output
    assert "revoked" in run(db, "feeds", "list", "--revoked").output
    assert run(db, "feeds", "revoke", "nonsense").exit_code == 2


def test_feed_commands_refuse_bad_targets_and_read_only(db: Path) -> None:
    assert run(db, "feeds", "issue").exit_code == 2
    unknown = run(db, "feeds", "issue", "--group", "没有")
    assert unknown.exit_code == 2 and "no group named 没有" in unknown.output
    read_only = CliRunner().invoke(
        main, ["--db", str(db), "--read-only", "feeds", "issue", "--member", "HQ0001"]
    )
    assert read_only.exit_code == 2
    assert "read-only" in read_only.output


def test_the_feed_url_base_can_come_from_the_environment(db: Path) -> None:
    result = CliRunner(env={"SHIFTCELL_FEEDS_URL": "https://feeds.example/"}).invoke(
        main, ["--db", str(db), "feeds", "issue", "--member", "HQ0002"]
    )
    assert result.output.splitlines()[-1].startswith("https://feeds.example/feeds/")
