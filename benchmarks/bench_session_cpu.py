"""The CPU an SSH session's process spends on its first screen, beside an empty Textual app's.

    .venv/bin/python benchmarks/bench_session_cpu.py [--runs 31]

What bounds many leaders logging in at once on a small server is each
session's CPU (bench_ssh.py, row 2). This measures it without SSH: the script
warms itself as the server's warm parent does (tui/ssh/zygote.py), then forks
each session from itself onto a pty of 120x40, as the server does, and runs
the app a leader runs (the 80-staff demo, one group) until its week's status
line and footer are on the pty, and 0.3 s after. The baseline is the empty
Textual app (benchmarks/empty_app.py) forked the same way. The CPU is the
kernel's run time of every thread of the process (/proc/PID/task/*/schedstat),
read to the nanosecond; the two are forked in turn.
"""

from __future__ import annotations

import argparse
import fcntl
import gc
import os
import runpy
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte
from bench_first_screen import app_shown, empty_shown
from ssh_server import setup
from tmux_screen import load

from shiftcell.tui.ssh import zygote

HERE = Path(__file__).resolve().parent
COLUMNS, ROWS = 120, 40
SETTLE = 0.3  # seconds after the screen is shown: what it reads and draws next
TIMEOUT = 20.0


def run_time_ms(pid: int) -> float:
    """Run time of every thread of ``pid`` so far, in milliseconds."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[0])
        except (OSError, IndexError, ValueError):
            continue  # a thread that ended meanwhile
    return total / 1e6


def run_forked(argv: list[str], module: str | None, home: Path) -> None:
    """In the forked child: a terminal of its own, a fresh environment, then the program."""
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    os.environ.clear()
    os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": str(home)})
    os.environ["PATH"] = "/usr/bin:/bin"
    gc.enable()
    sys.argv = argv
    try:
        if module is not None:
            runpy.run_module(module, run_name="__main__")
        else:
            runpy.run_path(argv[0], run_name="__main__")
    finally:
        os._exit(0)


def screen_cpu(
    argv: list[str], module: str | None, shown: Callable[[str], bool], home: Path
) -> float:
    """CPU (ms) of one forked process to its first full screen and SETTLE after."""
    pid, fd = os.forkpty()
    if pid == 0:
        run_forked(argv, module, home)
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.ByteStream(screen)
    started = time.monotonic()
    seen: float | None = None
    try:
        while time.monotonic() - started < TIMEOUT:
            if select.select([fd], [], [], 0.02)[0]:
                try:
                    stream.feed(os.read(fd, 65536))
                except OSError:
                    break
            if seen is None and shown("\n".join(screen.display)):
                seen = time.monotonic()
            if seen is not None and time.monotonic() - seen >= SETTLE:
                return run_time_ms(pid)
        raise SystemExit(f"{argv[0]}: no full screen within {TIMEOUT:.0f} s")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database, _key, group = setup(folder)
        home = folder / "home"  # no preferences: the time grid a new user sees
        home.mkdir()
        app = ["shiftcell", "--db", str(database), "--lang", "en", "--group", group, "open"]
        empty = [str(HERE / "empty_app.py")]
        zygote.warm_up()
        import empty_app  # noqa: F401  # its widgets imported here, as the app's are

        print(f"{load()}; forked warm onto a pty {COLUMNS}x{ROWS}, screen and {SETTLE} s after")
        ours: list[float] = []
        base: list[float] = []
        for _ in range(args.runs):
            base.append(screen_cpu(empty, None, empty_shown, home))
            ours.append(screen_cpu(app, "shiftcell", app_shown, home))
        for label, figures in (("baseline: empty Textual app", base), ("a leader's session", ours)):
            print(
                f"  {label:<30} CPU median {statistics.median(figures):6.1f} ms"
                f"   min {min(figures):6.1f}   max {max(figures):6.1f}   (n={len(figures)})"
            )
        print(
            f"  ratio session / empty app: {statistics.median(ours) / statistics.median(base):.2f}"
        )
        print(f"  {load()}")


if __name__ == "__main__":
    main()
