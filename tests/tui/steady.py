"""Waiting for the app in tests without depending on how busy the machine is."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled


async def steady_cursors(pilot: Pilot[object]) -> None:
    """Stop text cursors blinking: a picture taken on the off beat of the blink (a loaded
    machine makes that likely) shows no cursor and differs from the stored one."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


async def workers_done(app: App[object]) -> None:
    """Every worker finished, or cancelled: an exclusive worker replaced by a newer one (the
    next week asked for, a heatmap instead of a read-ahead) is done, not a failure."""
    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue  # the others may still be running: wait for them too
        return


async def settle(app: App[object], pilot: Pilot[object], rounds: int = 1) -> None:
    """Workers done and their messages handled, ``rounds`` times over: a message
    handled may start another worker (a week drawn reads its neighbours)."""
    for _ in range(rounds):
        await workers_done(app)
        await pilot.pause()
