"""Key press (next week) to repaint of the week grid, on a large demo organisation.

    .venv/bin/python benchmarks/bench_navigation.py [--members 10000] [--presses 20]

Driven with Textual's Pilot at 160x48. Four ways are measured:

- shiftcell as it is: the week is read in a worker and its neighbours are read
  ahead, so the next week is usually drawn from memory;
- cold: the same worker, with nothing read ahead (the first visit to a week):
  the figure that matters (goal: 100 ms at most);
- cold, expanding afresh: the same, with every shift expanded from the
  patterns again instead of read as the store keeps them (the old path);
- baseline: the week read and drawn synchronously on the UI thread, as a first,
  obvious implementation does (no input is handled meanwhile).

The load average is printed before and after: the machine may be shared.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from settle import workers_done

from shiftcell.tui.app import ShiftcellApp, make_app
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.views.week import load_week
from shiftcell.tui.widgets.week_grid import WeekGrid

NOW = datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
SIZE = (160, 48)
GIVE_UP = 60  # seconds: a week never drawn is a failure, not a wait for ever


class Drawn:
    """When the grid last drew itself, and for which week."""

    def __init__(self) -> None:
        self.at = 0.0
        original = WeekGrid._draw

        def recording(grid: WeekGrid, width: int) -> object:
            canvas = original(grid, width)
            if grid.blocks:
                self.at = time.perf_counter()
            return canvas

        WeekGrid._draw = recording  # type: ignore[method-assign]


async def presses(
    app: ShiftcellApp, drawn: Drawn, count: int, prepare: Callable[[MainScreen], None]
) -> list[float]:
    timings = []
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(count):
            prepare(screen)
            await workers_done(app)
            await pilot.pause()
            target = screen.monday + timedelta(days=7)
            began = time.perf_counter()
            await pilot.press("right")
            while not (drawn.at > began and screen.monday == target):
                if time.perf_counter() - began > GIVE_UP:
                    raise TimeoutError(f"the week of {target} was not drawn in {GIVE_UP} s")
                await asyncio.sleep(0.0005)
            timings.append((drawn.at - began) * 1000)
    return timings


def forget_weeks(screen: MainScreen) -> None:
    screen._weeks.clear()


def forget_weeks_and_expand(screen: MainScreen) -> None:
    """Cold, and the store expands every shift afresh instead of reading it as kept."""
    book = getattr(screen.store, "shift_book", None)
    if book is not None:
        book.use_kept = False
    screen._weeks.clear()


def read_synchronously(screen: MainScreen) -> None:
    """The baseline: reading happens in the key handler itself, on the UI thread."""
    screen._weeks.clear()

    def load(monday: date) -> None:
        week = load_week(screen.store, monday)
        screen._weeks[week.monday] = week
        screen._draw(week)

    screen.load = load  # type: ignore[method-assign]


def report(label: str, timings: list[float]) -> float:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    middle = statistics.median(ordered)
    print(
        f"  {label:<40} median {middle:7.1f} ms"
        f"   p95 {p95:7.1f} ms   max {ordered[-1]:7.1f} ms   (n={len(ordered)})"
    )
    return middle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "shiftcell",
                "--db",
                str(path),
                "demo",
                "--members",
                str(args.members),
            ],
            check=True,
            capture_output=True,
        )
        # The week grid, whatever view this user's own preferences remember.
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        settings = Settings(db_path=path, language="en")
        drawn = Drawn()
        print(
            f"next week, key press to repaint, demo --members {args.members}, {SIZE[0]}x{SIZE[1]};"
            f" load average {os.getloadavg()[0]:.2f}"
        )
        medians: dict[Callable[[MainScreen], None], float] = {}
        for label, prepare in (
            ("shiftcell (worker, weeks read ahead)", lambda screen: None),
            ("cold (worker, nothing read ahead)", forget_weeks),
            ("cold, expanding afresh (the old path)", forget_weeks_and_expand),
            ("baseline (read on the UI thread)", read_synchronously),
        ):
            app = make_app(settings, clock=lambda: NOW)
            medians[prepare] = report(
                label, asyncio.run(presses(app, drawn, args.presses, prepare))
            )
            app.store.close()
        print(
            "  ratio cold / cold expanding afresh (same run):"
            f" {medians[forget_weeks] / medians[forget_weeks_and_expand]:.2f}"
        )
        print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
