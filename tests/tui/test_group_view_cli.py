"""Every command, run as a group leader's read-only view, shows that group and changes nothing.

The store decides what a view may see and change, so a command that forgets a
check still leaks nothing. This runs *every* command of the CLI (a new command
fails here until it is listed) under ``--read-only --group`` on the demo, with
another group's meetings, feeds and keys in the database to be leaked, and
looks for anyone outside the group in what it prints.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from pathlib import Path

import asyncssh
import pytest
from click.testing import CliRunner, Result

from shiftcell.db.calendars.feeds import FeedKind
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import AttendanceState, MeetingType
from shiftcell.tui.cli import main
from tests.tui.cli_commands import leaf_commands
from tests.tui.conftest import NOW

GROUP = "第一食堂党小组"
WEEK = ["--from", "2026-12-07", "--to", "2026-12-13"]
MONTHS = ["--from", "2026-12-07", "--to", "2027-01-31"]  # two group meetings fall due


@pytest.fixture
def setting(demo_db: Path, tmp_path: Path) -> dict[str, str]:
    """The demo with something of every kind belonging to another group, to be leaked."""
    store = Store.open(demo_db)
    mine = store.members(groups=[GROUP])
    others = [m for m in store.members() if m.group != GROUP]
    other_group = next(m.group for m in others if m.group)
    theirs = store.members(groups=[other_group])
    meeting = store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="别组的会",
        start=NOW - timedelta(days=1),
        end=NOW - timedelta(days=1) + timedelta(minutes=45),
        groups=[other_group],
        invited=[m.employee_no for m in theirs],
    )
    store.attendance.record(meeting.id, {theirs[0].employee_no: (AttendanceState.ABSENT, "")})
    own = store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="本组的会",
        start=NOW + timedelta(days=1),
        end=NOW + timedelta(days=1, minutes=45),
        groups=[GROUP],
        invited=[m.employee_no for m in mine],
    )
    outsider_feed, _ = store.feeds.issue(FeedKind.MEMBER, theirs[0].employee_no)
    key = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().split()
    store.ssh_keys.add(label="别组组长", algorithm=key[0], key_data=key[1], group=other_group)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    pubkey = tmp_path / "leader.pub"
    pubkey.write_bytes(asyncssh.generate_private_key("ssh-ed25519").export_public_key())
    members_file = tmp_path / "members.csv"
    members_file.write_text("工号,姓名,部门,党小组\nHQ9999,新同事,第一食堂,第一食堂党小组\n")
    return {
        "db": str(demo_db),
        "mine": mine[0].employee_no,
        "outsider": theirs[0].employee_no,
        "other_group": other_group,
        "other_meeting": str(meeting.id),
        "own_meeting": str(own.id),
        "outsider_token": outsider_feed.token,
        "pubkey": str(pubkey),
        "members_file": str(members_file),
    }


def invocations(s: dict[str, str]) -> dict[str, list[list[str]]]:
    """Each command of the CLI with the arguments a leader might try, outsiders included."""
    return {
        "init": [["init", "--timezone", "UTC"]],
        "demo": [["demo", "--force"]],
        "import members": [["import", "members", s["members_file"]]],
        "import shifts": [["import", "shifts", s["members_file"]]],
        "roster": [["roster"], ["roster", "--json"], ["roster", "--group", s["other_group"]]],
        "shifts": [
            ["shifts", "--member", s["mine"], *WEEK, "--json"],
            ["shifts", "--member", s["outsider"], *WEEK],
        ],
        "propose": [
            ["propose", "--all", *WEEK, "--json"],
            ["propose", "--department", "第一食堂", *WEEK],
            ["propose", "--member", s["outsider"], *WEEK],
            ["propose", "--group", s["other_group"], *WEEK],
        ],
        "meetings list": [["meetings", "list"], ["meetings", "list", "--json"]],
        "cadence status": [
            ["cadence"],
            ["cadence", "--json"],
            ["cadence", "--group", GROUP, "--as-of", "2026-12-31", "--json"],
            ["cadence", "--group", s["other_group"]],
        ],
        "cadence rules": [["cadence", "rules", "--set", "theme_day=off"], ["cadence", "rules"]],
        "cadence committee": [
            ["cadence", "committee", "--set", s["mine"]],
            ["cadence", "committee"],
            ["cadence", "committee", "--json"],
        ],
        "cadence plan": [
            ["cadence", "plan", *MONTHS, "--book"],
            ["cadence", "plan", *MONTHS],
            ["cadence", "plan", *MONTHS, "--json"],
            ["cadence", "plan", *MONTHS, "--group", s["other_group"]],
        ],
        "meetings book": [
            [
                *("meetings", "book", "--group", GROUP, "--start", "2026-12-11 14:00"),
                *("--duration", "45", "--type", "党小组会", "--topic", "x"),
            ]
        ],
        "meetings cancel": [["meetings", "cancel", s["own_meeting"]]],
        "meetings move": [
            ["meetings", "move", s["own_meeting"], "--start", "2030-12-11 14:00"],
            ["meetings", "move", s["other_meeting"], "--start", "2030-12-11 14:00"],
        ],
        "lapses": [
            ["lapses", "--min", "0"],
            ["lapses", "--min", "0", "--json"],
            ["lapses", "--group", s["other_group"]],
        ],
        "make-ups": [
            ["make-ups"],
            ["make-ups", "--json"],
            ["make-ups", "--member", s["outsider"]],
            ["make-ups", "--group", s["other_group"]],
        ],
        "ledger": [
            ["ledger", "--year", "2026", "-o", "-"],
            ["ledger", "--quarter", "2026Q4", "--group", s["other_group"], "-o", "-"],
        ],
        "meetings record": [
            ["meetings", "record", s["other_meeting"], "--present", s["mine"]],
            ["meetings", "record", s["other_meeting"], "--written-opinion", s["mine"]],
        ],
        "members set": [
            ["members", "set", s["mine"], "--status", "probationary"],
            ["members", "set", s["outsider"], "--admitted-on", "2026-01-05"],
        ],
        "pipeline": [["pipeline"], ["pipeline", "--json", "--as-of", "2026-12-09"]],
        "export ics": [
            ["export", "ics", "--all", "-o", "-"],
            ["export", "ics", "--member", s["outsider"], "-o", "-"],
            ["export", "ics", "--meeting", s["other_meeting"], "-o", "-"],
            ["export", "ics", "--group", s["other_group"], "-o", "-"],
        ],
        "export csv": [
            ["export", "csv", "--group", GROUP, "-o", "-"],
            ["export", "csv", "--group", s["other_group"], "-o", "-"],
        ],
        "feeds issue": [["feeds", "issue", "--member", s["mine"]]],
        "feeds list": [["feeds", "list"], ["feeds", "list", "--json"]],
        "feeds revoke": [["feeds", "revoke", s["outsider_token"]]],
        "ssh-keys add": [["ssh-keys", "add", "--group", GROUP, "--label", "x", s["pubkey"]]],
        "ssh-keys list": [["ssh-keys", "list"], ["ssh-keys", "list", "--json"]],
        "ssh-keys remove": [["ssh-keys", "remove", "别组组长"]],
        "ssh-keys log": [["ssh-keys", "log"]],
        "serve-ssh": [["serve-ssh", "--port", "0"]],
    }


# Commands that keep running: covered by their own tests of a group's view.
ELSEWHERE = {
    "open": "tests/tui/ssh: a leader's app over SSH shows their group only",
    "serve-feeds": "test_the_feed_server_of_a_group_view_serves_that_group_only below",
}


def test_every_command_is_tried_as_a_group_view(setting: dict[str, str]) -> None:
    """A command added later must be listed here, and so be checked like the others."""
    assert set(leaf_commands()) == set(invocations(setting)) | set(ELSEWHERE)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_group_view_shows_nobody_outside_the_group_and_changes_nothing(
    setting: dict[str, str],
) -> None:
    """The promise of ``--read-only --group``: only this group, everywhere, and no writes."""
    db = Path(setting["db"])
    store = Store.open(db, read_only=True)
    everyone = store.members()
    store.close()
    outsiders = [m for m in everyone if m.group != GROUP]
    numbers = re.compile("|".join(rf"\b{re.escape(m.employee_no)}\b" for m in outsiders))
    before = _digest(db)
    for command, runs in invocations(setting).items():
        for args in runs:
            result: Result = CliRunner().invoke(
                main, ["--db", str(db), "--read-only", "--group", GROUP, *args]
            )
            said = result.output
            for typed in args:  # what the leader typed may be said back ("no member HQ0002")
                said = said.replace(typed, "")
            where = f"{command}: {' '.join(args)}"
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                where,
                result.exception,
            )
            assert not numbers.search(said), (where, numbers.search(said))
            leaked = [m.name for m in outsiders if m.name in said]
            assert not leaked, (where, leaked)
            assert "别组" not in said, where
    assert _digest(db) == before


def test_writing_commands_refuse_a_read_only_view_in_one_line(setting: dict[str, str]) -> None:
    """A viewer who tries to change something is told why, never shown a traceback."""
    writers = [
        "init",
        "demo",
        "import members",
        "members set",
        "cadence rules",
        "cadence committee",
        "cadence plan",
        "meetings book",
        "meetings cancel",
        "meetings move",
        "feeds issue",
        "feeds revoke",
        "ssh-keys add",
        "ssh-keys remove",
    ]
    for command in writers:
        (args,) = invocations(setting)[command][:1]
        result = CliRunner().invoke(main, ["--db", setting["db"], "--read-only", *args])
        assert result.exit_code == 2, (command, result.output)
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and "read-only" in lines[0], (command, result.output)


def test_a_group_view_may_not_change_the_organisation(setting: dict[str, str]) -> None:
    """A leader who may run their group's meetings still cannot touch members or keys."""
    for command in (
        "init",
        "demo",
        "import members",
        "members set",
        "cadence rules",
        "cadence committee",
        "ssh-keys add",
        "ssh-keys remove",
    ):
        (args,) = invocations(setting)[command][:1]
        result = CliRunner().invoke(main, ["--db", setting["db"], "--group", GROUP, *args])
        assert result.exit_code == 2, (command, result.output)
        assert f"not group {GROUP}" in result.output


def test_a_group_view_books_its_own_meetings_but_not_anothers(setting: dict[str, str]) -> None:
    """A group leader (``--group`` without ``--read-only``) runs their own group's meetings."""
    db = setting["db"]
    base = ["--db", db, "--group", GROUP, "meetings"]
    booked = CliRunner().invoke(main, [*base, *invocations(setting)["meetings book"][0][1:]])
    assert booked.exit_code == 0, booked.output
    other = CliRunner().invoke(main, [*base, "cancel", setting["other_meeting"]])
    assert other.exit_code == 1
    assert f"no meeting with ID {setting['other_meeting']}" in other.output
    listed = json.loads(CliRunner().invoke(main, [*base, "list", "--json"]).output)
    assert {tuple(m["groups"]) for m in listed} == {(GROUP,)}


def test_the_feed_server_of_a_group_view_serves_that_group_only(setting: dict[str, str]) -> None:
    """``serve-feeds --group`` answers the group's own feeds and 404s everyone else's."""
    from shiftcell.db.calendars.serving import FeedCalendars
    from shiftcell.db.calendars.wording import CalendarWords

    writer = Store.open(setting["db"])
    own, _ = writer.feeds.issue(FeedKind.MEMBER, setting["mine"])
    writer.close()
    reader = Store.open(setting["db"], read_only=True, group=GROUP)
    calendars = FeedCalendars(reader, CalendarWords(), lambda: NOW)
    assert calendars.get(setting["outsider_token"]) is None
    served = calendars.get(own.token)
    assert served is not None and b"BEGIN:VCALENDAR" in served.body
    reader.close()
