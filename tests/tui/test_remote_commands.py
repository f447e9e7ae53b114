"""``shiftcell ssh-keys``: what the secretary types to let a leader in, and reads back."""

import json
from pathlib import Path

import asyncssh
import pytest
from click.testing import CliRunner

from shiftcell.tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(path), "demo"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def pubkey(tmp_path: Path) -> Path:
    key = asyncssh.generate_private_key("ssh-ed25519", comment="wang@phone")
    path = tmp_path / "id_ed25519.pub"
    path.write_bytes(key.export_public_key())
    return path


def run(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), *args])


def _group(db: Path) -> str:
    rows = json.loads(run(db, "roster", "--json").output)
    return sorted({r["group"] for r in rows if r["group"]})[0]


def test_a_leader_key_is_added_listed_and_removed(db: Path, pubkey: Path) -> None:
    """The whole life of a leader's key, as the secretary types it."""
    group = _group(db)
    added = run(db, "ssh-keys", "add", "--group", group, "--label", "王组长", str(pubkey))
    assert added.exit_code == 0, added.output
    assert f"group {group} (read-only)" in added.output
    assert "SHA256:" in added.output
    listed = json.loads(run(db, "ssh-keys", "list", "--json").output)
    assert [(k["label"], k["group"], k["secretary"]) for k in listed] == [("王组长", group, False)]
    assert "王组长" in run(db, "ssh-keys", "list").output
    removed = run(db, "ssh-keys", "remove", "王组长")
    assert removed.exit_code == 0
    assert json.loads(run(db, "ssh-keys", "list", "--json").output) == []


def test_group_and_secretary_are_one_or_the_other(db: Path, pubkey: Path) -> None:
    """A key must grant exactly one kind of access, never a guess between two."""
    both = run(
        db, "ssh-keys", "add", "--group", _group(db), "--secretary", "--label", "x", str(pubkey)
    )
    neither = run(db, "ssh-keys", "add", "--label", "x", str(pubkey))
    assert both.exit_code == neither.exit_code == 2
    assert "--secretary" in neither.output
    assert json.loads(run(db, "ssh-keys", "list", "--json").output) == []


def test_an_unknown_group_fails_naming_it_and_adds_nothing(db: Path, pubkey: Path) -> None:
    """A typo in a group name must be caught at once, not at the leader's first login."""
    result = run(db, "ssh-keys", "add", "--group", "第九食堂党小组", "--label", "x", str(pubkey))
    assert result.exit_code == 1
    assert "第九食堂党小组" in result.output
    assert json.loads(run(db, "ssh-keys", "list", "--json").output) == []


def test_removing_an_unknown_label_fails_listing_the_labels(db: Path, pubkey: Path) -> None:
    """The list of labels lets the secretary retype the right one."""
    run(db, "ssh-keys", "add", "--secretary", "--label", "书记", str(pubkey))
    result = run(db, "ssh-keys", "remove", "李组长")
    assert result.exit_code == 1
    assert "李组长" in result.output and "书记" in result.output


def test_messages_follow_the_language(db: Path, pubkey: Path) -> None:
    """Secretaries who read Chinese manage keys in Chinese."""
    result = CliRunner().invoke(
        main,
        [
            "--db",
            str(db),
            "--lang",
            "zh",
            "ssh-keys",
            "add",
            "--secretary",
            "--label",
            "书记",
            str(pubkey),
        ],
    )
    assert "支部书记（完全权限）" in result.output
    assert (
        "还没有人尝试登录"
        in CliRunner().invoke(main, ["--db", str(db), "--lang", "zh", "ssh-keys", "log"]).output
    )


def test_serving_a_database_that_does_not_exist_fails_before_listening(tmp_path: Path) -> None:
    """An empty database made by mistake would turn every leader away with no clue why."""
    result = run(tmp_path / "absent.db", "serve-ssh", "--port", "0")
    assert result.exit_code == 1
    assert "no such database" in result.output
    assert not (tmp_path / "absent.db").exists()


def test_serving_with_a_global_scope_is_refused(db: Path) -> None:
    """The key decides each session's access; a --group given here would mislead the operator."""
    result = CliRunner().invoke(main, ["--db", str(db), "--group", "x", "serve-ssh", "--port", "0"])
    assert result.exit_code == 1
    assert "each key sets its own" in result.output


def test_a_key_can_be_pasted_on_standard_input(db: Path, pubkey: Path) -> None:
    """Leaders often send their key as a chat message; the secretary pastes it."""
    result = CliRunner().invoke(
        main,
        ["--db", str(db), "ssh-keys", "add", "--secretary", "--label", "书记", "-"],
        input=pubkey.read_text(),
    )
    assert result.exit_code == 0, result.output
    listed = json.loads(run(db, "ssh-keys", "list", "--json").output)
    assert listed[0]["comment"] == "wang@phone"
    pasted_junk = CliRunner().invoke(
        main,
        ["--db", str(db), "ssh-keys", "add", "--secretary", "--label", "x", "-"],
        input="hello",
    )
    assert pasted_junk.exit_code == 1
    assert "-: not an SSH public key" in pasted_junk.output


def test_the_log_shows_logins_and_refusals_in_words_newest_first(db: Path, pubkey: Path) -> None:
    """The log is read by a secretary, not parsed: refusals must say why, in words."""
    from datetime import UTC, datetime

    from shiftcell.db.ssh_keys import Refusal, SshEvent
    from shiftcell.db.store import Store

    store = Store.open(db)
    store.ssh_keys.record(
        SshEvent.LOGIN, "10.0.0.5", label="王组长", at=datetime(2026, 12, 9, 1, tzinfo=UTC)
    )
    store.ssh_keys.record(
        SshEvent.REFUSED,
        "10.0.0.9",
        reason=Refusal.UNKNOWN_KEY,
        detail="SHA256:abc",
        at=datetime(2026, 12, 9, 2, tzinfo=UTC),
    )
    store.close()
    lines = run(db, "ssh-keys", "log").output.splitlines()
    assert (
        "refused: unknown key" in lines[2] and "10.0.0.9" in lines[2] and "SHA256:abc" in lines[2]
    )
    assert "login" in lines[3] and "王组长" in lines[3] and "2026-12-09 09:00:00" in lines[3]
    only = json.loads(run(db, "ssh-keys", "log", "--label", "王组长", "--json").output)
    assert [(e["event"], e["address"]) for e in only] == [("login", "10.0.0.5")]
