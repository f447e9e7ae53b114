"""The SSH server's parts that need no network: keys, host key, environment, rate limit."""

import os
import stat
from pathlib import Path

import asyncssh
import pytest

from shiftcell.tui.ssh.environment import DEFAULT_TERM, session_command, session_environment
from shiftcell.tui.ssh.hostkey import HostKeyError, load_or_create_host_key
from shiftcell.tui.ssh.keys import KeyFileError, read_public_key
from shiftcell.tui.ssh.limits import (
    FILES_PER_SESSION,
    FILES_RESERVED,
    FailureLimiter,
    TooFewFiles,
    WaitingRoom,
    fit_waiting_room,
)
from shiftcell.tui.ssh.session import window_size


def _write_key(path: Path, algorithm: str = "ssh-ed25519", **options: int) -> asyncssh.SSHKey:
    key = asyncssh.generate_private_key(algorithm, comment="wang@laptop", **options)
    path.write_bytes(key.export_private_key())
    path.with_name(path.name + ".pub").write_bytes(key.export_public_key())
    return key


def test_a_public_key_file_is_read_with_its_comment(tmp_path: Path) -> None:
    """The comment (user@device) helps the secretary tell keys apart later."""
    key = _write_key(tmp_path / "id")
    public = read_public_key(tmp_path / "id.pub")
    assert public.algorithm == "ssh-ed25519"
    assert public.comment == "wang@laptop"
    assert public.key_data in key.export_public_key().decode()


def test_a_private_key_is_refused_with_a_pointer_to_the_public_one(tmp_path: Path) -> None:
    """Secretaries get sent the wrong file; the message must say which one to ask for."""
    _write_key(tmp_path / "id")
    with pytest.raises(KeyFileError, match=r"private key.*id\.pub"):
        read_public_key(tmp_path / "id")


def test_a_file_with_several_keys_is_refused(tmp_path: Path) -> None:
    """An authorized_keys file pasted whole would otherwise register a stranger's key."""
    _write_key(tmp_path / "a")
    _write_key(tmp_path / "b")
    both = tmp_path / "both.pub"
    both.write_bytes((tmp_path / "a.pub").read_bytes() + (tmp_path / "b.pub").read_bytes())
    with pytest.raises(KeyFileError, match="2 keys"):
        read_public_key(both)


def test_garbage_and_missing_files_are_refused_by_name(tmp_path: Path) -> None:
    """The message must name the file, so that the secretary knows which one to ask for again."""
    (tmp_path / "notes.txt").write_text("hello\n")
    with pytest.raises(KeyFileError, match=r"notes\.txt: not an SSH public key"):
        read_public_key(tmp_path / "notes.txt")
    with pytest.raises(KeyFileError, match=r"absent\.pub: cannot read it"):
        read_public_key(tmp_path / "absent.pub")


def test_a_short_rsa_key_is_refused(tmp_path: Path) -> None:
    """A weak key would let anyone with a few days of computing read a group's roster."""
    _write_key(tmp_path / "rsa", "ssh-rsa", key_size=1024)
    with pytest.raises(KeyFileError, match="1024-bit RSA"):
        read_public_key(tmp_path / "rsa.pub")


def test_the_host_key_is_made_once_private_and_then_reused(tmp_path: Path) -> None:
    """A new host key at every start would teach leaders to ignore the fingerprint warning."""
    path = tmp_path / "data" / "host_key"
    key, created = load_or_create_host_key(path)
    assert created
    assert key.get_algorithm() == "ssh-ed25519"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again, created_again = load_or_create_host_key(path)
    assert not created_again
    assert again.get_fingerprint() == key.get_fingerprint()


def test_a_host_key_others_can_read_is_refused(tmp_path: Path) -> None:
    """Another user reading the host key could pose as this server to every leader."""
    path = tmp_path / "host_key"
    load_or_create_host_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(HostKeyError, match="chmod 600"):
        load_or_create_host_key(path)


def test_the_session_environment_keeps_nothing_the_client_sent_but_truecolor() -> None:
    """TEXTUAL_DRIVER, LD_PRELOAD or COLUMNS from a client could hijack or freeze the app."""
    sent = {
        "COLORTERM": "truecolor",
        "TEXTUAL_DRIVER": "evil:Driver",
        "LD_PRELOAD": "/tmp/x.so",
        "COLUMNS": "80",
        "LINES": "24",
        "LANG": "fr_FR.UTF-8",
    }
    env = session_environment(term="xterm-kitty", client_env=sent, home=Path("/srv/shiftcell"))
    assert env == {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/srv/shiftcell",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-kitty",
        "COLORTERM": "truecolor",
    }
    plain = session_environment(term="xterm", client_env={"COLORTERM": "yes"}, home=Path("/h"))
    assert "COLORTERM" not in plain


@pytest.mark.parametrize("term", ["", "../../etc/passwd", "xterm\x1b]0;", "a b", "dumb", None])
def test_an_odd_terminal_name_becomes_a_common_one(term: str | None) -> None:
    """TERM comes from the client: only a plain terminal name may reach the app."""
    env = session_environment(term=term, client_env={}, home=Path("/h"))
    assert env["TERM"] == DEFAULT_TERM


def test_a_leader_session_runs_the_app_read_only_for_their_group() -> None:
    """The command line is what actually limits a leader: read-only and one group."""
    command = session_command(Path("/srv/o.db"), language="zh", group="第一食堂党小组", python="py")
    assert command == [
        "py", "-P", "-m", "shiftcell", "--db", "/srv/o.db", "--lang", "zh",
        "--read-only", "--group", "第一食堂党小组", "open",
    ]  # fmt: skip
    secretary = session_command(Path("/srv/o.db"), language="en", group=None, python="py")
    assert "--read-only" not in secretary
    assert "--group" not in secretary


def test_an_address_is_turned_away_after_too_many_failures_then_let_back() -> None:
    """Guessing keys must get slow, but a leader who mistyped must get back in later."""
    now = [0.0]
    limiter = FailureLimiter(3, 60.0, lambda: now[0])
    for _ in range(3):
        assert not limiter.blocked("10.0.0.9")
        limiter.failed("10.0.0.9")
        now[0] += 1
    assert limiter.blocked("10.0.0.9")
    assert not limiter.blocked("10.0.0.5")  # others are not punished
    now[0] = 60.5
    assert not limiter.blocked("10.0.0.9")


def test_an_unknown_window_size_is_80x24_and_a_huge_one_is_capped() -> None:
    """A client claiming a 65535-column window must not make the app draw one."""
    assert window_size(0, 0) == (80, 24)
    assert window_size(132, 43) == (132, 43)
    assert window_size(65535, 65535) == (1000, 500)


def test_the_longest_waiting_connection_makes_room_for_a_new_one() -> None:
    """A client that connected and went silent has waited longest; a leader logging in is newest."""
    room: WaitingRoom[str] = WaitingRoom(total=3, per_address=10)
    assert room.arrived("idle 1", "10.0.0.9") == []
    assert room.arrived("idle 2", "10.0.0.8") == []
    assert room.arrived("idle 3", "10.0.0.7") == []
    assert room.arrived("leader", "10.0.0.1") == ["idle 1"]
    assert len(room) == 3


def test_one_address_over_its_share_lets_its_own_oldest_go() -> None:
    """A flood from one address must push out its own connections, not everyone else's."""
    room: WaitingRoom[str] = WaitingRoom(total=10, per_address=2)
    room.arrived("leader", "10.0.0.1")
    room.arrived("flood 1", "10.0.0.66")
    room.arrived("flood 2", "10.0.0.66")
    assert room.arrived("flood 3", "10.0.0.66") == ["flood 1"]
    assert room.arrived("flood 4", "10.0.0.66") == ["flood 2"]


def test_a_connection_offering_a_key_goes_after_the_silent_ones() -> None:
    """One that is logging in must outlast any number of silent newcomers until the cap is
    all logins."""
    room: WaitingRoom[str] = WaitingRoom(total=2, per_address=2)
    room.arrived("leader", "10.0.0.1")
    room.authenticating("leader")
    room.arrived("silent 1", "10.0.0.1")
    assert room.arrived("silent 2", "10.0.0.1") == ["silent 1"]
    assert room.arrived("silent 3", "10.0.0.1") == ["silent 2"]
    room.left("leader")  # logged in
    assert room.arrived("silent 4", "10.0.0.1") == []


def test_the_waiting_room_leaves_the_sessions_their_open_files() -> None:
    """Under systemd's default of 1,024 open files, idle connections must never take the files
    that sessions (and new connections) need."""
    total, per_address = fit_waiting_room(1024, max_sessions=50, total=128, per_address=32)
    assert (total, per_address) == (128, 32)
    total, per_address = fit_waiting_room(300, max_sessions=50, total=128, per_address=32)
    assert total + 50 * FILES_PER_SESSION + FILES_RESERVED <= 300
    assert per_address == min(32, total)
    with pytest.raises(TooFewFiles):
        fit_waiting_room(128, max_sessions=50, total=128, per_address=32)
