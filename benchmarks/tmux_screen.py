"""Timing a program's first full screen in a real terminal: a detached tmux pane.

Used by bench_first_screen.py and bench_ssh.py. The clock starts just before
tmux is asked to open the pane and stops at the first capture of the pane that
shows everything the caller waits for; the pane is captured every few
milliseconds. Peak memory is the process's own high-water mark (VmHWM, RSS).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

POLL = 0.005  # seconds between two captures of the pane


@dataclass(frozen=True)
class Shown:
    seconds: float
    peak_mib: float
    cpu_seconds: float  # the process's own, user and system, until then


class Tmux:
    """A private tmux server (its own socket) whose panes are COLUMNS x ROWS."""

    def __init__(self, columns: int = 120, rows: int = 40) -> None:
        self.socket = f"shiftcell-bench-{os.getpid()}"
        self.columns = columns
        self.rows = rows
        self._count = 0
        # A pane that stays, so that the server does not exit between runs.
        self._tmux("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "sleep", "86400")
        self._tmux("set-option", "-g", "default-terminal", "xterm-256color")

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def first_screen(
        self,
        command: Sequence[str],
        done: Callable[[str], bool],
        *,
        cwd: Path | None = None,
        timeout: float = 60.0,
    ) -> Shown:
        """Open ``command`` in a fresh pane; time until ``done(pane text)`` holds."""
        self._count += 1
        name = f"run{self._count}"
        size = ["-x", str(self.columns), "-y", str(self.rows)]
        where = ["-c", str(cwd)] if cwd else []
        started = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, *size, *where, *command)
        pid = int(self._tmux("display-message", "-p", "-t", name, "#{pane_pid}"))
        text = ""
        try:
            while time.perf_counter() - started < timeout:
                text = self._tmux("capture-pane", "-p", "-t", name)
                if done(text):
                    seconds = time.perf_counter() - started
                    return Shown(seconds, peak_mib(pid), cpu_seconds(pid))
                time.sleep(POLL)
            raise RuntimeError(f"{command[0]}: the screen never showed what was wanted:\n{text}")
        finally:
            self._tmux("kill-session", "-t", name)
            wait_gone(pid)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False)


def peak_mib(pid: int) -> float:
    """The process's peak resident memory so far, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """CPU time the process has used so far (user and system)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"
