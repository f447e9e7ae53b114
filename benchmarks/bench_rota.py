"""Key press (next week) to repaint of the rota (排班表), on a large demo organisation.

    .venv/bin/python benchmarks/bench_rota.py [--members 10000] [--presses 20]

Driven with Textual's Pilot at 160x48, with the rota on screen. The rota of a
week is worked out from its shifts; measured three ways:

- shiftcell as it is: the rota is worked out in the worker that reads the week,
  and the weeks around it are read ahead;
- baseline: the same read-ahead, but the rota worked out on the UI thread when
  the week is first drawn (what a lazily computed rota does);
- the time grid, the same way as the first, for comparison.
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
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from settle import workers_done

from shiftcell.tui.app import ShiftcellApp, make_app
from shiftcell.tui.preferences import Preferences
from shiftcell.tui.screens.main import MainScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.rota_table import RotaTable
from shiftcell.tui.widgets.week_grid import WeekGrid

NOW = datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
SIZE = (160, 48)


class Drawn:
    """When the rota or the grid last drew a line of a week, and which week."""

    def __init__(self) -> None:
        self.at = 0.0
        rota_line, grid_draw = RotaTable.render_line, WeekGrid._draw

        def rota(table: RotaTable, y: int) -> object:
            strip = rota_line(table, y)
            if table.week is not None:
                self.at = time.perf_counter()
            return strip

        def grid(widget: WeekGrid, width: int) -> object:
            canvas = grid_draw(widget, width)
            if widget.blocks:
                self.at = time.perf_counter()
            return canvas

        RotaTable.render_line = rota  # type: ignore[method-assign]
        WeekGrid._draw = grid  # type: ignore[method-assign]


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
            await workers_done(app)
            await pilot.pause()
            prepare(screen)
            target = screen.monday + timedelta(days=7)
            began = time.perf_counter()
            await pilot.press("right")
            while not (drawn.at > began and screen.monday == target):
                await asyncio.sleep(0.0005)
            timings.append((drawn.at - began) * 1000)
    return timings


def nothing(screen: MainScreen) -> None:
    pass


def rota_on_the_ui_thread(screen: MainScreen) -> None:
    """The baseline: the weeks read ahead carry no rota; drawing works it out."""
    for week in screen._weeks.values():
        week.__dict__.pop("rota", None)


def report(label: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"  {label:<44} median {statistics.median(ordered):7.1f} ms"
        f"   p95 {p95:7.1f} ms   max {ordered[-1]:7.1f} ms   (n={len(ordered)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        members = ["--members", str(args.members)]
        subprocess.run(
            [sys.executable, "-m", "shiftcell", "--db", str(path), "demo", *members],
            check=True,
            capture_output=True,
        )
        os.environ["XDG_CONFIG_HOME"] = folder  # the view chosen below, not the user's own
        settings = Settings(db_path=path, language="en")
        drawn = Drawn()
        print(
            f"next week, key press to repaint, demo --members {args.members}, {SIZE[0]}x{SIZE[1]}"
        )
        for label, view, prepare in (
            ("rota (worked out in the reading worker)", "rota", nothing),
            ("baseline: rota worked out on the UI thread", "rota", rota_on_the_ui_thread),
            ("time grid (for comparison)", "grid", nothing),
        ):
            Preferences(week_view=view).save()
            app = make_app(settings, clock=lambda: NOW)
            report(label, asyncio.run(presses(app, drawn, args.presses, prepare)))
            app.store.close()


if __name__ == "__main__":
    main()
