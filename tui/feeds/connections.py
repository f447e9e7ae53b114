"""How many connections the feed server holds, and how long each may take.

A thread per connection is cheap, but every connection is a file descriptor,
and under systemd's default of 1,024 a thousand clients that connect and
send nothing (or a byte now and then) would leave none for real requests.
So the server bounds connections in total and per address; when a new one
comes past a bound, the connection that has waited longest without a request
being answered is closed to make room (a keep-alive client opens a new one
when it needs to; a stalled one is gone); only when every connection is busy
answering is the newcomer turned away with a 503.

Time is bounded per request, not per read: a connection waits at most
``idle`` seconds for a request to start, and from its first byte the request
line and headers must arrive within ``request`` seconds, so a byte every few
seconds no longer keeps a connection forever.
"""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from dataclasses import dataclass

# File descriptors kept for what is not a connection: the database, its
# journal files, the listening socket, standard streams, imports.
RESERVED_FILES = 64


@dataclass(frozen=True)
class Limits:
    connections: int = 256  # in all
    per_address: int = 32  # from one client address (a campus NAT shares one)
    idle: float = 30.0  # seconds a connection may wait for its next request
    request: float = 5.0  # seconds from a request's first byte to its last header
    answer: float = 10.0  # seconds to send an answer

    def within_open_files(self) -> Limits:
        """These limits, with connections lowered to fit the open-files limit.

        The soft limit is raised towards the hard one first (systemd's
        default is 1,024 soft, 524,288 hard).
        """
        try:
            import resource
        except ImportError:  # not on Windows, where there is no such limit to meet
            return self
        wanted = self.connections + RESERVED_FILES
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            raised = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            try:
                resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
                soft = raised
            except (ValueError, OSError):
                pass
        if soft == resource.RLIM_INFINITY or soft >= wanted:
            return self
        fitting = max(1, soft - RESERVED_FILES)
        return Limits(fitting, min(self.per_address, fitting), self.idle, self.request, self.answer)


class Connection:
    """One client connection, as the server's bookkeeping sees it."""

    def __init__(self, sock: socket.socket, address: str, limits: Limits) -> None:
        self.sock = sock
        self.address = address
        self.reader = DeadlineReader(sock, limits)
        self.answering = False
        self.since = time.monotonic()  # when it last started waiting
        self.evicted = False


class Connections:
    """Every open connection, admitted within the limits; thread-safe."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._open: dict[socket.socket, Connection] = {}

    def admit(self, sock: socket.socket, address: str) -> Connection | None:
        """The new connection, room made for it; None to turn it away."""
        with self._lock:
            mine = [c for c in self._live() if c.address == address]
            if len(mine) >= self.limits.per_address and not self._evict_oldest(mine):
                return None
            live = self._live()
            if len(live) >= self.limits.connections and not self._evict_oldest(live):
                return None
            connection = Connection(sock, address, self.limits)
            self._open[sock] = connection
            return connection

    def get(self, sock: socket.socket) -> Connection | None:
        with self._lock:
            return self._open.get(sock)

    def answering(self, connection: Connection, answering: bool) -> None:
        with self._lock:
            connection.answering = answering
            if not answering:
                connection.since = time.monotonic()

    def remove(self, sock: socket.socket) -> None:
        """Forget a connection once it is closed."""
        with self._lock:
            self._open.pop(sock, None)

    def count(self) -> int:
        """Connections open and not being closed to make room."""
        with self._lock:
            return len(self._live())

    def _live(self) -> list[Connection]:
        return [c for c in self._open.values() if not c.evicted]

    def _evict_oldest(self, among: list[Connection]) -> bool:
        waiting = [c for c in among if not c.answering and not c.evicted]
        if not waiting:
            return False
        oldest = min(waiting, key=lambda c: c.since)
        oldest.evicted = True
        with contextlib.suppress(OSError):
            # Wakes its thread from recv() with end-of-file; the thread closes it.
            oldest.sock.shutdown(socket.SHUT_RDWR)
        return True


class DeadlineReader(io.RawIOBase):
    """A socket's bytes, each read bounded by the deadline of the request it belongs to."""

    def __init__(self, sock: socket.socket, limits: Limits) -> None:
        super().__init__()
        self.sock = sock
        self.limits = limits
        self.deadline: float | None = None
        self.waiting = False  # for the first byte of a request

    def wait_for_request(self) -> None:
        self.deadline = time.monotonic() + self.limits.idle
        self.waiting = True

    def request_read(self) -> None:
        self.deadline = None
        self.waiting = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                return self._expired()
            self.sock.settimeout(left)
        try:
            count = self.sock.recv_into(buffer)
        except TimeoutError:
            return self._expired()
        if count and self.waiting:
            self.waiting = False
            self.deadline = time.monotonic() + self.limits.request
        return count

    def _expired(self) -> int:
        if self.waiting:
            return 0  # no request began: close quietly, as a client ending keep-alive would
        raise TimeoutError(f"no whole request within {self.limits.request:g} s")
