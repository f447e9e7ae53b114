"""Pictures of the app that do not depend on when they are taken."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, TextArea


async def steady_cursors(pilot: Pilot[object]) -> None:
    """Stop text cursors blinking: a picture taken on the off beat of the blink (a loaded
    machine makes that likely) shows no cursor and differs from the stored one."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()
