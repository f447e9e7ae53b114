"""The feed server outlasts idle, slow and greedy clients, and keeps tokens out of its log.

Real sockets and a real HTTP client against 127.0.0.1, with limits scaled
down so that "more connections than the cap" is a few dozen.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.calendars.feeds import Feed, FeedKind
from shiftcell.db.calendars.serving import FeedCalendars
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.tui.feeds.connections import Limits
from shiftcell.tui.feeds.redact import redacted
from shiftcell.tui.feeds.server import FeedServer

NOW = datetime(2026, 12, 9, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SMALL = Limits(connections=12, per_address=8, idle=5.0, request=1.0, answer=5.0)


class Running:
    def __init__(self, server: FeedServer, feed: Feed, log: list[str]) -> None:
        self.server, self.feed, self.log = server, feed, log
        self.host, self.port = server.server_address[:2]

    def raw(self, sent: bytes = b"") -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=10)
        if sent:
            sock.sendall(sent)
        return sock

    def get(self, path: str | None = None, timeout: float = 5) -> int:
        """A whole request from a real HTTP client, on its own connection."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        connection.request("GET", path or self.feed.path)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Feed]:
    path = tmp_path_factory.mktemp("feeds") / "d.db"
    store = Store.open(path)
    fill_demo(store, members=20, today=date(2026, 12, 9))
    feed, _ = store.feeds.issue(FeedKind.MEMBER, "HQ0001")
    store.close()
    return path, feed


@pytest.fixture
def start(database: tuple[Path, Feed]) -> Iterator[Callable[[Limits], Running]]:
    started: list[tuple[FeedServer, Store]] = []

    def run(limits: Limits) -> Running:
        path, feed = database
        reader = Store.open(path, read_only=True)
        log: list[str] = []
        calendars = FeedCalendars(reader, CalendarWords(), lambda: NOW)
        server = FeedServer(("127.0.0.1", 0), calendars, log=log.append, limits=limits)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append((server, reader))
        return Running(server, feed, log)

    yield run
    for server, reader in started:
        server.shutdown()
        server.server_close()
        reader.close()


def closed_within(sock: socket.socket, seconds: float) -> float | None:
    """How long until the server closed ``sock`` (end of file), or None if it stayed open."""
    began = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return time.monotonic() - began


def wait_until(condition: Callable[[], bool], seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_more_stalled_connections_than_the_cap_leave_a_real_client_served(
    start: Callable[[Limits], Running],
) -> None:
    """Each sent only `GET /feeds/`: before, 1,023 of them left 0 of 3 real requests served."""
    running = start(SMALL)
    stalled = [running.raw(b"GET /feeds/") for _ in range(SMALL.connections * 3)]
    wait_until(lambda: running.server.connections.count() <= SMALL.connections)
    for _ in range(3):
        assert running.get(timeout=3) == 200
    assert running.server.connections.count() <= SMALL.connections
    for sock in stalled:
        sock.close()


def test_the_connection_idle_longest_is_the_one_closed_to_make_room(
    start: Callable[[Limits], Running],
) -> None:
    """The connection idle longest is the one closed; the newer ones stay."""
    running = start(Limits(connections=4, per_address=4, idle=30, request=5, answer=5))
    first, *others = [running.raw() for _ in range(4)]
    wait_until(lambda: running.server.connections.count() == 4)
    assert running.get() == 200
    assert closed_within(first, 2) is not None
    assert all(closed_within(sock, 0.2) is None for sock in others)
    for sock in others:
        sock.close()


def test_a_byte_at_a_time_is_cut_off_at_the_request_deadline(
    start: Callable[[Limits], Running],
) -> None:
    """Before, the 60 s timeout counted per read, so a byte every few seconds held on forever."""
    running = start(SMALL)
    sock = running.raw()
    began = time.monotonic()
    sock.settimeout(0.2)
    for byte in b"GET /feeds/" + b"A" * 60:
        try:
            sock.send(bytes([byte]))
            if sock.recv(4096) == b"":
                break
        except TimeoutError:
            continue
        except OSError:
            break
    held = time.monotonic() - began
    assert held < SMALL.request + 1.5
    assert any("Request timed out" in line for line in running.log)


def test_keep_alive_still_serves_a_client_that_pauses_between_requests(
    start: Callable[[Limits], Running],
) -> None:
    """Calendar clients reuse their connection; the limits must not break that."""
    running = start(SMALL)
    connection = http.client.HTTPConnection(running.host, running.port, timeout=5)
    sockets = set()
    for _ in range(3):
        connection.request("GET", running.feed.path)
        response = connection.getresponse()
        response.read()
        assert response.status == 200
        sockets.add(id(connection.sock))
        time.sleep(SMALL.request + 0.2)  # longer than a request may take, shorter than idle
    assert len(sockets) == 1
    connection.close()


def test_an_idle_keep_alive_connection_is_closed_quietly(
    start: Callable[[Limits], Running],
) -> None:
    running = start(Limits(connections=8, per_address=8, idle=0.5, request=1, answer=5))
    sock = running.raw()
    assert closed_within(sock, 3) is not None
    assert not any("timed out" in line for line in running.log)


def test_with_every_connection_busy_a_newcomer_is_told_to_come_back(
    start: Callable[[Limits], Running],
) -> None:
    """Nothing idle to close: a 503 with Retry-After, not a hang."""
    running = start(Limits(connections=2, per_address=2, idle=5, request=5, answer=5))
    busy = [running.raw() for _ in range(2)]
    wait_until(lambda: running.server.connections.count() == 2)
    opened = list(running.server.connections._open.values())
    # Each handler must be waiting for its request first: one that starts after the
    # mark would take it for an answer just sent and clear it.
    wait_until(lambda: all(c.reader.waiting for c in opened))
    for connection in opened:
        running.server.connections.answering(connection, True)
    refused = running.raw()
    answer = refused.recv(4096)
    assert answer.startswith(b"HTTP/1.1 503 ")
    assert b"Retry-After: 10" in answer
    for sock in [*busy, refused]:
        sock.close()


def spellings(token: str) -> dict[str, str]:
    encoded = "".join(f"%{ord(c):02X}" for c in token)
    return {
        "as issued": f"/feeds/{token}.ics",
        "percent-encoded prefix": f"/%66eeds/{token}.ics",
        "upper case": f"/FEEDS/{token}.ics",
        "token percent-encoded": f"/feeds/{encoded}.ics",
        "twice encoded": "/%2566eeds/" + encoded.replace("%", "%25") + ".ics",
        "slash encoded": f"/feeds%2F{token}.ics",
        "in a query": f"/calendar?token={token}&x=1",
        "no suffix": f"/feeds/{token}",
        "mixed case": f"/Feeds/{token}.ICS",
    }


@pytest.mark.parametrize("case", spellings("x" * 43))
def test_a_token_never_reaches_the_log_however_the_path_spells_it(
    start: Callable[[Limits], Running], case: str
) -> None:
    """Logs get copied around; a token in one opens that calendar to whoever reads it."""
    running = start(SMALL)
    token = running.feed.token
    running.get(spellings(token)[case])
    wait_until(lambda: len(running.log) >= 1)
    (line,) = running.log
    assert token not in urllib.parse.unquote(urllib.parse.unquote(line))
    assert token[:20] not in line
    assert re.search(r'"GET \S*… HTTP/1.1" (200|404) ', line), line


def test_redaction_keeps_what_is_not_a_token() -> None:
    line = '09/Dec/2026 10:00:00 127.0.0.1 "GET /favicon.ico HTTP/1.1" 404 -'
    assert redacted(line) == line
    assert redacted("GET /\x1b[2J") == "GET /\\x1b[2J"


def test_serve_feeds_opens_the_database_read_only(database: tuple[Path, Feed]) -> None:
    """The docs promise read-only; the open file's access mode shows it (Linux)."""
    if not Path("/proc/self/fdinfo").exists():
        pytest.skip("needs /proc")
    path, feed = database
    server = subprocess.Popen(
        [sys.executable, "-m", "shiftcell", "--db", str(path), "serve-feeds", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = server.stdout.readline()
        port = int(re.search(r":(\d+)/feeds/", first).group(1))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", feed.path)
        assert connection.getresponse().status == 200
        modes = []
        for fd in os.listdir(f"/proc/{server.pid}/fd"):
            with __import__("contextlib").suppress(OSError):
                if os.readlink(f"/proc/{server.pid}/fd/{fd}") == str(path):
                    info = Path(f"/proc/{server.pid}/fdinfo/{fd}").read_text()
                    modes.append(int(re.search(r"flags:\s+(\d+)", info).group(1), 8) & os.O_ACCMODE)
        assert modes and set(modes) == {os.O_RDONLY}
    finally:
        server.terminate()
        server.wait(10)


def test_under_a_low_open_files_limit_the_server_still_serves(
    database: tuple[Path, Feed],
) -> None:
    """`ulimit -n 128`, and more idle connections than that: a real request still gets through."""
    import resource

    path, feed = database

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))

    server = subprocess.Popen(
        [sys.executable, "-m", "shiftcell", "--db", str(path), "serve-feeds", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=low_limit,
    )
    idle = []
    try:
        port = int(re.search(r":(\d+)/feeds/", server.stdout.readline()).group(1))
        assert "Up to 64 connections" in server.stderr.readline()
        for _ in range(150):
            with __import__("contextlib").suppress(OSError):
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
                idle[-1].sendall(b"GET /feeds/")
        served = []
        for _ in range(3):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", feed.path)
            served.append(connection.getresponse().status)
            connection.close()
        assert served == [200, 200, 200]
    finally:
        for sock in idle:
            sock.close()
        server.terminate()
        server.wait(10)
