"""What every screen of the app shares: translated bindings, worker failures told once."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from shiftcell.tui.i18n import t
from shiftcell.tui.words.bindings import translate_bindings


def report_failure(screen: Screen[Any], event: Worker.StateChanged) -> None:
    """A worker that failed: tell the user, keep the app running."""
    if event.state is WorkerState.ERROR:
        error = event.worker.error
        # The store's errors carry an English template and its fields.
        template = getattr(error, "template", None)
        fields = getattr(error, "fields", {})
        message = t(template, **fields) if template else str(error)
        screen.notify(
            t("Could not read the data: {error}", error=message), severity="error", timeout=8
        )


class AppScreen(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)


class AppModal(ModalScreen[None]):
    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)
