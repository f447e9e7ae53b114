"""Slowing down whoever keeps failing to log in from one address."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable


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
