"""The app's first full screen in a real terminal, against an empty Textual app.

    .venv/bin/python benchmarks/bench_first_screen.py [--runs 9] [--size 120x40]

Both programs are started the same way, `python …` in a fresh tmux pane of
the given size, taking turns; each is timed until its first full screen (see
tmux_screen.py) and its peak memory (RSS high-water mark) and the CPU time it
has used read then (CPU time suffers less than wall time from a busy machine):

- baseline: benchmarks/empty_app.py (Header, Static, Footer), drawn once the
  Static and the footer's key show;
- shiftcell: `python -m shiftcell --db demo.db` on the 80-staff demo, drawn once
  the week's status line ("… shifts this week") and the footer show; with no
  preferences of its own, so that it opens on the time grid as for a new user.

Prints medians and the ratios shiftcell / baseline (time and peak memory).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from empty_app import FOOTER, MARKER
from tmux_screen import Shown, Tmux, load, median

HERE = Path(__file__).resolve().parent


def empty_shown(text: str) -> bool:
    return MARKER in text and FOOTER in text.rstrip().splitlines()[-1]


def app_shown(text: str) -> bool:
    lines = text.rstrip().splitlines()
    return len(lines) > 2 and "shifts this week" in lines[-2] and "Commands" in lines[-1]


def make_demo(folder: Path) -> Path:
    database = folder / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "shiftcell", "--db", str(database), "demo"],
        check=True,
        capture_output=True,
    )
    return database


def report(label: str, shown: list[Shown]) -> tuple[float, float]:
    seconds = median([s.seconds for s in shown])
    peak = median([s.peak_mib for s in shown])
    cpu = median([s.cpu_seconds for s in shown])
    print(
        f"  {label:<40} {seconds * 1000:6.0f} ms   CPU {cpu * 1000:4.0f} ms"
        f"   peak {peak:5.1f} MiB   (n={len(shown)})"
    )
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="120x40", help="terminal, COLUMNSxROWS")
    args = parser.parse_args()
    # Programs run as installed: their bytecode written once and then used.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    columns, rows = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = make_demo(folder)
        # The first screen a new user sees (the time grid), whatever view this user's
        # own preferences remember: the tmux server started below passes this on.
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        empty_command = [sys.executable, str(HERE / "empty_app.py")]
        app_command = [sys.executable, "-m", "shiftcell", "--db", str(database), "--lang", "en"]
        tmux = Tmux(columns, rows)
        print(f"first full screen in tmux {columns}x{rows}; {load()}")
        try:
            # One run of each, not counted: files into the page cache, bytecode written.
            tmux.first_screen(empty_command, empty_shown)
            tmux.first_screen(app_command, app_shown)
            empty: list[Shown] = []
            app: list[Shown] = []
            for _ in range(args.runs):
                empty.append(tmux.first_screen(empty_command, empty_shown))
                app.append(tmux.first_screen(app_command, app_shown))
        finally:
            tmux.close()
        base_s, base_mib = report("baseline: empty Textual app", empty)
        app_s, app_mib = report("shiftcell on the 80-staff demo", app)
        print(
            f"  ratio shiftcell / baseline: time {app_s / base_s:.2f} (goal ≤ 1.6), "
            f"peak memory {app_mib / base_mib:.2f} ({app_mib:.0f} MiB, goal ≤ 45 MiB)"
        )
        print(f"  {load()}")


if __name__ == "__main__":
    main()
