"""The first screen loads what it draws and nothing more."""

import subprocess
import sys
from pathlib import Path

FIRST_SCREEN = """
import asyncio, sys
from shiftcell.tui.app import make_app
from shiftcell.tui.settings import Settings
from tests.tui.steady import workers_done

app = make_app(Settings(db_path=sys.argv[1], language="en"))

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(app)
        await pilot.pause()
        print(app.screen.query_one("#status").render())
        print(" ".join(m for m in ("numpy", "pandas", "importlib.metadata") if m in sys.modules))

asyncio.run(main())
"""


def test_the_week_is_read_and_drawn_without_numpy_or_package_metadata(demo_db: Path) -> None:
    """numpy (for a group's heatmap) and sqlite-utils' plugin search cost a first screen
    about a tenth of a second and 15 MiB; the week grid needs neither."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, str(demo_db)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    status, loaded = result.stdout.splitlines()
    assert "shifts this week" in status
    assert loaded == ""
