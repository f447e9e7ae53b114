"""What a session's process gets, and what becomes of it, with a real ``ssh`` client.

The probe program stands in for the app here, so that these facts are read
directly: its environment, its terminal, its size, its end.
"""

import json
import os
import re
import socket
import time

import pexpect

from shiftcell.db.ssh_keys import Refusal, SshEvent
from shiftcell.db.store import Store


def _probe_facts(terminal) -> dict:
    terminal.child.expect(rb"PROBE (\{.*\})\r\n")
    return json.loads(terminal.child.match.group(1))


def _alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:  # gone before the open (ENOENT) or between open and read (ESRCH)
        return False


def _gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid) and not os.path.exists(f"/proc/{pid}"):
            return True
        time.sleep(0.05)
    return False


def _log(database, until=lambda entries: True, timeout: float = 5.0) -> list:
    """The login log, newest first, once ``until`` holds of it (the server writes it soon after)."""
    deadline = time.monotonic() + timeout
    while True:
        store = Store.open(database, read_only=True)
        try:
            entries = store.ssh_keys.log()
        finally:
            store.close()
        if until(entries) or time.monotonic() > deadline:
            return entries
        time.sleep(0.05)


def _reasons(entries: list) -> list:
    return [e.reason for e in entries]


def test_the_process_gets_a_fresh_environment_whatever_the_client_sends(probe_server) -> None:
    """TEXTUAL_DRIVER or LD_PRELOAD from a client would run the client's code on the server."""
    _, client = probe_server()
    terminal = client.open(
        "leader",
        "-o", "SetEnv=TEXTUAL_DRIVER=evil:Driver LD_PRELOAD=/tmp/evil.so COLUMNS=80 COLORTERM=truecolor",
    )  # fmt: skip
    facts = _probe_facts(terminal)
    assert facts["label"] == "leader"
    assert facts["env"] == {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": facts["env"]["HOME"],
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
    }


def test_the_process_runs_on_its_own_controlling_terminal_at_the_clients_size(probe_server) -> None:
    """Without a controlling terminal the app would never hear of a resize or a hang-up."""
    _, client = probe_server()
    terminal = client.open("leader", columns=100, rows=30)
    facts = _probe_facts(terminal)
    assert facts["controlling_terminal"]
    assert facts["size"] == "100x30"


def test_a_resize_of_the_client_reaches_the_process(probe_server) -> None:
    """A phone turned sideways must reach the app as a window change."""
    _, client = probe_server()
    terminal = client.open("leader", columns=80, rows=24)
    _probe_facts(terminal)
    terminal.resize(132, 43)
    terminal.child.expect(rb"SIZE 132x43")


def test_the_process_exit_status_is_the_clients(probe_server) -> None:
    """Scripts and people alike read `ssh`'s status to know how a session ended."""
    _, client = probe_server()
    terminal = client.open("leader")
    _probe_facts(terminal)
    terminal.send("exit 3\r")
    assert terminal.finish() == 3


def test_closing_the_connection_ends_the_process(probe_server) -> None:
    """A leader closing the laptop lid must not leave an app running on the server."""
    server, client = probe_server()
    terminal = client.open("leader")
    pid = _probe_facts(terminal)["pid"]
    terminal.hang_up()
    assert _gone(pid)
    deadline = time.monotonic() + 10
    while server.call(lambda: len(server.service.sessions)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.call(lambda: len(server.service.sessions)) == 0


def test_a_process_that_ignores_the_hang_up_is_killed(probe_server, monkeypatch) -> None:
    """A stuck app must not hold a session slot (and memory) for ever."""
    monkeypatch.setattr("shiftcell.tui.ssh.session.HANGUP_GRACE", 0.5)
    _, client = probe_server()
    terminal = client.open("leader")
    pid = _probe_facts(terminal)["pid"]
    terminal.send("ignore-hangup\r")
    terminal.child.expect(rb"IGNORING")
    terminal.hang_up()
    assert _gone(pid)


def test_twenty_sessions_at_once_then_none_left(probe_server) -> None:
    """Every hang-up must end its process, also when many arrive together."""
    _, client = probe_server()
    terminals = [client.open("leader") for _ in range(20)]
    pids = [_probe_facts(t)["pid"] for t in terminals]
    assert len(set(pids)) == 20
    for terminal in terminals:
        terminal.hang_up()
    assert all(_gone(pid) for pid in pids)


def test_sessions_beyond_the_maximum_are_refused(probe_server, organisation) -> None:
    """--max-sessions bounds the memory a crowd of viewers can take."""
    _, client = probe_server(max_sessions=1)
    first = client.open("leader")
    _probe_facts(first)
    second = client.open("secretary", "-o", "LogLevel=INFO")
    second.child.expect(pexpect.EOF)
    assert b"maximum of 1 session;" in second.child.before
    assert Refusal.SERVER_FULL in _reasons(
        _log(organisation[0], lambda log: Refusal.SERVER_FULL in _reasons(log))
    )


def test_a_removed_key_is_refused_at_its_next_login(probe_server, organisation) -> None:
    """The secretary removes a key when a leader hands over the group; it must stop working."""
    _, client = probe_server()
    assert client.run("leader", "-T").returncode == 255  # logs in, then refused for no pty
    store = Store.open(organisation[0])
    store.ssh_keys.remove("leader")
    store.close()
    result = client.run("leader")
    assert "Permission denied" in result.stderr


def test_an_address_failing_too_often_is_turned_away_even_with_a_good_key(
    probe_server, organisation
) -> None:
    """Key guessing from one address gets slow; the limit holds even once a guess would succeed."""
    _, client = probe_server(failures=2, failure_window=60.0)
    for _ in range(2):
        assert "Permission denied" in client.run("stranger").stderr
    result = client.run("leader", "-T")
    assert "too many failed logins" in result.stderr
    assert "too many failed logins" in client.run("stranger").stderr
    reasons = _reasons(_log(organisation[0], lambda log: Refusal.RATE_LIMITED in _reasons(log)))
    assert reasons.count(Refusal.UNKNOWN_KEY) == 2
    # Logged once per window: a flood of attempts must not flood the log.
    assert reasons.count(Refusal.RATE_LIMITED) == 1


def test_a_connection_that_never_logs_in_is_dropped_after_the_login_timeout(
    probe_server,
) -> None:
    """Half-open connections would otherwise pile up until the server runs out of them."""
    _, client = probe_server(login_timeout=1.0)
    with socket.create_connection(("127.0.0.1", client.port), timeout=10) as sock:
        assert sock.recv(100).startswith(b"SSH-2.0-")
        started = time.monotonic()
        while sock.recv(4096):
            pass
        assert time.monotonic() - started < 8


def test_logins_and_logouts_are_logged_with_the_key_and_address(probe_server, organisation) -> None:
    """Who looked, from where and for how long: the secretary's record of access."""
    _, client = probe_server()
    terminal = client.open("leader")
    _probe_facts(terminal)
    terminal.send("exit 0\r")
    terminal.finish()
    log = _log(organisation[0], lambda entries: len(entries) >= 2)
    events = [(e.event, e.label, e.address) for e in reversed(log)]
    assert events == [
        (SshEvent.LOGIN, "leader", "127.0.0.1"),
        (SshEvent.LOGOUT, "leader", "127.0.0.1"),
    ]
    assert re.fullmatch(r"\d+s", log[0].detail)


def test_a_key_whose_group_is_gone_is_refused_and_says_so_in_the_log(
    probe_server, organisation
) -> None:
    """A leader of a disbanded group must not fall back to seeing everything."""
    database, _ = organisation
    store = Store.open(database)
    store.db.execute("UPDATE ssh_keys SET [group] = '已撤销党小组' WHERE label = 'leader'")
    store.db.conn.commit()
    store.close()
    _, client = probe_server()
    assert "Permission denied" in client.run("leader").stderr
    log = _log(database, lambda entries: Refusal.GROUP_GONE in _reasons(entries))
    refusal = next(e for e in log if e.reason is Refusal.GROUP_GONE)
    assert (refusal.label, refusal.detail) == ("leader", "已撤销党小组")


def test_an_app_that_cannot_start_ends_the_session_with_a_message(probe_server, tmp_path) -> None:
    """A broken install must not leave leaders staring at a blank, hung terminal."""
    server, client = probe_server()
    server.config.command_for = lambda key: [str(tmp_path / "no-such-program")]
    terminal = client.open("leader")
    terminal.child.expect(rb"could not start here")
    assert terminal.finish() == 1
