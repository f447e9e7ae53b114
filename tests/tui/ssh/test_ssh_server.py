"""``shiftcell serve-ssh`` as an operator starts it, and what clients are refused."""

import stat
import time

import asyncssh

from shiftcell.db.ssh_keys import Refusal
from shiftcell.db.store import Store


def _reasons(database, wanted: Refusal, timeout: float = 5.0) -> list:
    deadline = time.monotonic() + timeout
    while True:
        store = Store.open(database, read_only=True)
        reasons = [e.reason for e in store.ssh_keys.log()]
        store.close()
        if wanted in reasons or time.monotonic() > deadline:
            return reasons
        time.sleep(0.05)


def test_the_server_prints_its_host_key_fingerprint_and_keeps_the_key_private(
    serve, tmp_path
) -> None:
    """Leaders check the fingerprint on first connection; it must be the key the server uses."""
    server, _ = serve()
    key = asyncssh.read_private_key(tmp_path / "host_key")
    assert server.fingerprint == key.get_fingerprint()
    assert stat.S_IMODE((tmp_path / "host_key").stat().st_mode) == 0o600


def test_the_host_key_is_the_same_after_a_restart(serve) -> None:
    """A key that changed at every start would train leaders to click through the warning."""
    first, _ = serve()
    first.process.terminate()
    first.process.wait(10)
    second, _ = serve()
    assert second.fingerprint == first.fingerprint


def test_an_unknown_key_gets_permission_denied_and_is_logged(serve, organisation) -> None:
    """The operator watching the service's journal sees refusals as they happen."""
    server, client = serve()
    result = client.run("stranger")
    assert result.returncode == 255
    assert "Permission denied (publickey)" in result.stderr
    assert Refusal.UNKNOWN_KEY in _reasons(organisation[0], Refusal.UNKNOWN_KEY)
    stranger = asyncssh.read_private_key(organisation[1].path("stranger"))
    deadline = time.monotonic() + 5
    while not any("refused: unknown key" in line for line in server.output):
        assert time.monotonic() < deadline, "".join(server.output)
        time.sleep(0.05)
    line = next(line for line in server.output if "refused: unknown key" in line)
    assert "127.0.0.1" in line
    assert stranger.get_fingerprint() in line


def test_a_command_given_to_ssh_runs_nothing(serve, organisation, tmp_path) -> None:
    """A viewer key must never become a way to run programs on the server."""
    _, client = serve()
    marker = tmp_path / "ran"
    result = client.run("secretary", remote=("touch", str(marker)))
    assert result.returncode == 255
    assert "exec request failed" in result.stderr
    assert not marker.exists()
    assert Refusal.EXEC in _reasons(organisation[0], Refusal.EXEC)


def test_sftp_is_refused(serve, organisation) -> None:
    """No file on the server (the database above all) may be read or written over SSH."""
    _, client = serve()
    result = client.run("secretary", sftp=True)
    assert result.returncode != 0
    assert "subsystem request failed" in result.stderr
    assert Refusal.SUBSYSTEM in _reasons(organisation[0], Refusal.SUBSYSTEM)


def test_a_session_without_a_terminal_is_refused(serve, organisation) -> None:
    """Without a terminal the app cannot run; a pipe session would only be a way to feed it input blind."""
    _, client = serve()
    result = client.run("leader", "-T")
    assert result.returncode == 255
    assert "shell request failed" in result.stderr
    assert Refusal.NO_PTY in _reasons(organisation[0], Refusal.NO_PTY)


def test_port_forwarding_is_refused(serve) -> None:
    """A leader's key must not turn the server into a way into the campus network."""
    server, client = serve()
    result = client.run("leader", "-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9")
    assert result.returncode == 255
    assert "forwarding failed" in result.stderr.lower()
    local = client.run("leader", "-W", f"127.0.0.1:{server.port}")
    assert local.returncode == 255
    assert "forwarding failed" in local.stderr
