"""Bounds on what clients can take: failed logins per address, connections waiting to log in."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

C = TypeVar("C", bound=Hashable)
# Enough for thousands of sessions; far more would only let a flood go further.
MAX_OPEN_FILES = 65536
_started_with: int | None = None
# Open files a session takes: its connection, its terminal (both sides while
# its process starts) and a handle on its process.
FILES_PER_SESSION = 4
# The server's own: listening sockets, the database, the event loop, the warm parent…
FILES_RESERVED = 32
MIN_WAITING = 8


class TooFewFiles(Exception):
    """The limit of open files cannot hold the sessions asked for."""

    def __init__(self, limit: int, needed: int) -> None:
        super().__init__(f"{limit} open files allowed, {needed} needed")
        self.limit = limit
        self.needed = needed


class FailureLimiter:
    """At most ``failures`` failed logins per address within ``window`` seconds.

    An address over the limit is turned away without a look at its keys until
    its oldest failure in the window has aged out.
    """

    def __init__(self, failures: int, window: float, clock: Callable[[], float]) -> None:
        self.failures = failures
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}

    def blocked(self, address: str) -> bool:
        return len(self._recent(address)) >= self.failures

    def failed(self, address: str) -> None:
        self._forget_idle()
        self._seen.setdefault(address, deque()).append(self.clock())

    def _recent(self, address: str) -> deque[float]:
        seen = self._seen.get(address, deque())
        horizon = self.clock() - self.window
        while seen and seen[0] <= horizon:
            seen.popleft()
        return seen

    def _forget_idle(self) -> None:
        # Keep the table as small as the set of addresses failing right now.
        for address in [a for a in self._seen if not self._recent(a)]:
            del self._seen[address]


class WaitingRoom(Generic[C]):
    """Connections that have not logged in yet: at most ``total``, and ``per_address`` from one.

    A connection over either bound makes room by letting the longest-waiting one
    go (from its own address first when that address is over its share): a
    client that connected and went silent has waited longest, one logging in
    right now has just arrived. Those already offering a key go last.
    """

    def __init__(self, total: int, per_address: int) -> None:
        self.total = total
        self.per_address = per_address
        # Oldest first, in each of the two: not yet authenticating, authenticating.
        self._silent: dict[C, str] = {}
        self._authenticating: dict[C, str] = {}

    def __len__(self) -> int:
        return len(self._silent) + len(self._authenticating)

    def arrived(self, connection: C, address: str) -> list[C]:
        """Take ``connection`` in; the connections to close to make room for it."""
        self._silent[connection] = address
        let_go: list[C] = []
        if self._count(address) > self.per_address:
            let_go.append(self._oldest(address))
            self.left(let_go[-1])
        if len(self) > self.total:
            let_go.append(self._oldest(None))
            self.left(let_go[-1])
        return let_go

    def authenticating(self, connection: C) -> None:
        """``connection`` has asked to log in: it goes to the back of the queue to let go."""
        address = self._silent.pop(connection, None)
        if address is not None:
            self._authenticating[connection] = address

    def left(self, connection: C) -> None:
        """``connection`` has logged in or gone."""
        self._silent.pop(connection, None)
        self._authenticating.pop(connection, None)

    def _count(self, address: str) -> int:
        return sum(1 for waiting in (self._silent, self._authenticating)
                   for a in waiting.values() if a == address)  # fmt: skip

    def _oldest(self, address: str | None) -> C:
        for waiting in (self._silent, self._authenticating):
            for connection, where in waiting.items():
                if address is None or where == address:
                    return connection
        raise LookupError(address)


def fit_waiting_room(
    open_files: int, max_sessions: int, total: int, per_address: int
) -> tuple[int, int]:
    """Bounds for the waiting room that leave ``max_sessions`` their files within the limit.

    Without such bounds a flood of idle connections takes every file the
    process may open, and a real client's connection cannot even be accepted.
    """
    room = open_files - FILES_RESERVED - FILES_PER_SESSION * max_sessions
    if room < MIN_WAITING:
        needed = FILES_RESERVED + FILES_PER_SESSION * max_sessions + MIN_WAITING
        raise TooFewFiles(open_files, needed)
    total = min(total, room)
    return total, min(per_address, total)


def open_files_limit() -> int:
    import resource

    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def raise_open_files_limit() -> int:
    """Raise this process's limit of open files as far as allowed; the limit it had.

    Each session holds a socket, its terminal and a handle on its process;
    systemd's default of 1,024 would bound the server well below what the
    machine can take. The limit this process started with is kept for the
    sessions' processes.
    """
    import resource

    global _started_with
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if _started_with is None:
        _started_with = soft
    wanted = MAX_OPEN_FILES if hard == resource.RLIM_INFINITY else min(hard, MAX_OPEN_FILES)
    if wanted > soft:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return _started_with
