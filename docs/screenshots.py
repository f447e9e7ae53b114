"""Make the README's screenshots: the app on the demo organisation, as SVG.

    .venv/bin/python docs/screenshots.py

Writes docs/main-screen.svg, docs/heatmap.svg, docs/who-is-free.svg,
docs/main-screen-zh.svg and docs/rota.svg, on a frozen clock (Wednesday 2026-12-09 10:00,
Asia/Shanghai), so that running it again gives the same pictures.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.pilot import Pilot

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.tui.app import make_app
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.roster import Roster

DOCS = Path(__file__).resolve().parent
NOW = datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
SIZE = (140, 42)


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def main_screen(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def heatmap(pilot: Pilot[None]) -> None:
    await settle(pilot)
    roster = pilot.app.screen.query_one(Roster)
    roster.focus()
    roster.move_cursor(roster.root.children[0].children[1])
    await pilot.press("enter")
    await settle(pilot)


async def rota(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)


async def who_is_free(pilot: Pilot[None]) -> None:
    await heatmap(pilot)
    await pilot.press("enter")
    await settle(pilot)


Steps = Callable[[Pilot[None]], Awaitable[None]]


async def shoot(database: Path, name: str, language: str, steps: Steps) -> None:
    app = make_app(Settings(db_path=database, language=language), clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await steps(pilot)
        app.save_screenshot(f"{name}.svg", path=str(DOCS))
    app.store.close()
    print(DOCS / f"{name}.svg")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder  # choosing the rota here is not the user's choice
        database = Path(folder) / "demo.db"
        store = Store.open(database)
        fill_demo(store, seed=1, members=80, today=date(2026, 12, 9))
        store.close()
        for name, language, steps in (
            ("main-screen", "en", main_screen),
            ("heatmap", "en", heatmap),
            ("who-is-free", "en", who_is_free),
            ("main-screen-zh", "zh", main_screen),
            ("rota", "zh", rota),
        ):
            asyncio.run(shoot(database, name, language, steps))


if __name__ == "__main__":
    main()
