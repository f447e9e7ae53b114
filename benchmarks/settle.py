"""Waiting for an app's workers in a benchmark, as the tests do (tests/tui/steady.py)."""

from __future__ import annotations

from textual.app import App
from textual.worker import WorkerCancelled


async def workers_done(app: App[object]) -> None:
    """Every worker finished, or cancelled: a read-ahead replaced by a newer read is done."""
    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        return
