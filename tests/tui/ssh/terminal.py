"""The client's side of a session: ``ssh`` on its own pty, read off a pyte screen."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pexpect
import pyte


def screen_lines(screen: pyte.Screen) -> list[str]:
    """The screen's rows as text.

    Not ``screen.display``: after a resize cuts a wide character in two, pyte
    leaves its empty second half alone in a cell, and ``display`` fails on it.
    """
    return [
        "".join(screen.buffer[y][x].data for x in range(screen.columns))
        for y in range(screen.lines)
    ]


class Terminal:
    """An ``ssh`` client on its own pty, its output kept on a pyte screen."""

    def __init__(self, command: list[str], columns: int, rows: int) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        self.started = time.monotonic()
        env = {k: v for k, v in os.environ.items() if k not in ("SSH_AUTH_SOCK", "COLORTERM")}
        env["TERM"] = "xterm-256color"
        self.child = pexpect.spawn(
            command[0], command[1:], dimensions=(rows, columns), env=env, timeout=30
        )

    @property
    def text(self) -> str:
        return "\n".join(screen_lines(self.screen))

    def pump(self, seconds: float = 0.1) -> bool:
        """Read what has arrived; False once the client has ended."""
        try:
            data = self.child.read_nonblocking(65536, timeout=seconds)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.raw += data
        try:
            self.stream.feed(data)
        except (TypeError, IndexError):
            # An app killed in the middle of an escape sequence leaves half of
            # it, which pyte cannot parse; the bytes stay in ``raw`` and a
            # fresh parser takes the rest.
            self.stream = pyte.ByteStream(self.screen)
        return True

    def wait_for(self, check: Callable[[str], bool], timeout: float = 30.0) -> str:
        """Read until ``check(screen text)`` holds; the screen text then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self.text):
                return self.text
            if not self.pump():
                break
        if check(self.text):
            return self.text
        raise AssertionError(f"the screen never showed what was expected:\n{self.text}")

    def wait_for_text(self, wanted: str, timeout: float = 30.0) -> str:
        return self.wait_for(lambda text: wanted in text, timeout)

    def settle(self, quiet: float = 0.5, timeout: float = 10.0) -> str:
        """Read until nothing new arrives for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = len(self.raw)
            if not self.pump(quiet) or len(self.raw) == before:
                break
        return self.text

    def resize(self, columns: int, rows: int) -> None:
        self.screen.resize(rows, columns)
        self.child.setwinsize(rows, columns)

    def send(self, keys: str | bytes) -> None:
        self.child.send(keys)

    def finish(self, timeout: float = 15.0) -> int | None:
        """Wait for the client to end; its exit status (None when killed by a signal)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.pump(0.2):
            pass
        self.child.close()
        return self.child.exitstatus

    def hang_up(self) -> None:
        self.child.close(force=True)
