"""The first screen is painted once, whole: what a user sees first is what stays.

Each frame the app sends to the terminal is noted as it goes out (what the
status line says, where the roster's cursor and the time grid are). A frame
drawn without the week, at the top of the day, or without the cursor, and
redrawn a moment later, costs a session over SSH as much as the frame itself;
on a slow link it is a flicker too.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.geometry import Size

from shiftcell.tui.app import ShiftcellApp
from shiftcell.tui.screens.main import MainScreen
from tests.tui.conftest import AppFactory
from tests.tui.steady import workers_done


async def settle(app: ShiftcellApp, pilot: Any) -> None:
    await workers_done(app)
    await pilot.pause()


async def test_the_size_reported_again_at_start_lays_nothing_out_again(
    make: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terminal's driver reports the size the app started at once more; a
    resize, and the same size reported later (after a suspended app is resumed),
    still reach the screen."""
    resizes: list[Size] = []
    resized = MainScreen.on_resize

    def counted(self: MainScreen) -> None:
        resizes.append(self.size)
        resized(self)

    monkeypatch.setattr(MainScreen, "on_resize", counted)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert resizes == [Size(120, 40)]
        app.post_message(events.Resize(app.size, app.size))
        await settle(app, pilot)
        assert resizes == [Size(120, 40)] * 2
        await pilot.resize_terminal(100, 30)
        await settle(app, pilot)
        assert resizes[-1] == Size(100, 30)
