"""Connections that never log in: a flood of them must not keep a real leader out."""

import socket
import subprocess
import sys
import time

BANNER = b"SSH-2.0-idle\r\n"


def _idle(port: int) -> socket.socket:
    """A connection that says hello as a client would, then nothing."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.recv(100)
    sock.sendall(BANNER)
    return sock


def _closed(sock: socket.socket) -> bool:
    sock.settimeout(0)
    try:
        while data := sock.recv(65536):
            del data
    except BlockingIOError:
        return False
    except OSError:
        return True
    return True


def test_more_idle_connections_than_open_files_still_let_a_leader_in(serve, organisation) -> None:
    """The flood of 15.5: silent connections under a low `ulimit -n` once made logins time out.

    With the server allowed 128 open files, 200 connections that send a
    banner and go silent are more than it could ever hold; the oldest are let
    go, and a real OpenSSH client still logs in and sees the leader's group.
    """
    _, keys = organisation
    server, client = serve("--max-sessions", "5", open_files=128)
    flood = []
    try:
        for _ in range(200):
            flood.append(_idle(server.port))
        started = time.monotonic()
        terminal = client.open("leader", columns=120, rows=40)
        terminal.wait_for(lambda s: keys.leader_group in s, timeout=20)
        assert time.monotonic() - started < 20
        still_open = [sock for sock in flood if not _closed(sock)]
        assert len(still_open) <= 64  # one address's share of the waiting room
    finally:
        for sock in flood:
            sock.close()


def test_a_client_that_trickles_bytes_is_dropped_at_the_login_deadline(probe_server) -> None:
    """The deadline is for the whole login: a byte now and then must not keep a connection."""
    _, client = probe_server(login_timeout=1.0)
    with socket.create_connection(("127.0.0.1", client.port), timeout=10) as sock:
        sock.recv(100)
        sock.sendall(BANNER)
        # The start of a packet that claims to be long, then a byte at a time.
        sock.sendall((30000).to_bytes(4, "big"))
        started = time.monotonic()
        dropped = False
        while time.monotonic() - started < 8:
            try:
                sock.sendall(b"\0")
            except OSError:
                dropped = True
                break
            time.sleep(0.2)
            if _closed(sock):
                dropped = True
                break
            sock.settimeout(10)
        assert dropped
        assert time.monotonic() - started < 5


def test_a_server_whose_open_files_cannot_hold_its_sessions_refuses_to_start(
    organisation, tmp_path
) -> None:
    """Better a clear message at start than logins that fail once the files run out."""
    database, _ = organisation
    command = [
        sys.executable, "-m", "shiftcell", "--db", str(database), "--lang", "en",
        "serve-ssh", "--port", "0", "--host-key", str(tmp_path / "key"), "--max-sessions", "200",
    ]  # fmt: skip
    result = subprocess.run(
        ["sh", "-c", 'ulimit -n 256 && exec "$@"', "sh", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1  # as for every reason serve-ssh cannot start
    assert "needed for --max-sessions 200" in result.stderr
    assert "may open only 256" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_crowd_of_leaders_from_one_address_is_not_taken_for_a_flood(probe_server) -> None:
    """Leaders behind one campus address log in together after a meeting notice: while
    their logins are under way, none may be closed to make room for the others."""
    _, client = probe_server(max_sessions=45)
    terminals = [client.open("leader") for _ in range(40)]
    for terminal in terminals:
        terminal.child.expect(rb"PROBE ", timeout=120)
