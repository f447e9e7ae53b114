"""An empty database: load the demo organisation, or import members and shifts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Input, Static

from shiftcell.db.store import Store
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings


class WelcomeScreen(AppScreen):
    CSS_PATH = "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+d", "demo", "Load the demo")]

    @dataclass
    class Done(Message):
        """The import or the demo worked: ``message`` says what was written."""

        message: str
        ready: bool  # members exist now: the main screen can open

    @dataclass
    class Refused(Message):
        """The file was refused; nothing was written. One line per problem."""

        lines: list[str]

    class Ready(Message):
        """Members and shifts are in: the app opens the main screen."""

    def __init__(self, store: Store, settings: Settings, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.now = now

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome"):
            yield Static(t("Welcome to shiftcell"), id="heading")
            yield Static(
                t(
                    "This database is empty. Try shiftcell on a demo logistics branch, "
                    "or bring in your own members and shifts from a .csv or .xlsx file."
                ),
                classes="text",
            )
            if self.settings.read_only:
                yield Static(
                    t("It is open read-only: ask the secretary to fill it first."),
                    classes="problem",
                )
                return
            yield Button(t("Load the demo organisation"), id="demo", variant="primary")
            with Vertical(id="import"):
                yield Static(t("File to import (members first, then shifts):"))
                yield Input(placeholder=t("path/to/roster.xlsx"), id="path")
                with Horizontal(id="buttons"):
                    yield Button(t("Import members"), id="members")
                    yield Button(t("Import shifts"), id="shifts")
            yield Static("", id="outcome", markup=False)
        yield Footer()

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        if not self.settings.read_only:
            self._busy(t("Creating the demo organisation…"))
            self.load_demo()

    @on(Button.Pressed, "#members")
    def _import_members(self) -> None:
        self._import("members")

    @on(Button.Pressed, "#shifts")
    def _import_shifts(self) -> None:
        self._import("shifts")

    def _import(self, kind: str) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._show([t("Type the path of a .csv or .xlsx file first.")], error=True)
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._show([t("{path}: no such file", path=path)], error=True)
            return
        self._busy(t("Checking {file}…", file=path.name))
        self.import_file(kind, path)

    @work(thread=True, exclusive=True, group="welcome")
    def load_demo(self) -> None:
        from shiftcell.db.demo import fill_demo

        today = self.now().date()
        with self.store.transaction():
            count = fill_demo(self.store, today=today)
        self.post_message(self.Done(t("Demo organisation: {count} staff", count=count), True))

    @work(thread=True, exclusive=True, group="welcome")
    def import_file(self, kind: str, path: Path) -> None:
        from shiftcell.db.importing import ImportFailed, import_members, import_shifts

        run = import_members if kind == "members" else import_shifts
        try:
            result = run(self.store, path)
        except ImportFailed as failed:
            lines = [f"{p.where()}: {p.message(t)}" for p in failed.problems]
            lines.append(t("Nothing was imported: {count} problem(s).", count=len(lines)))
            self.post_message(self.Refused(lines))
            return
        count = result.rows
        message = t("{file}: imported {count} rows.", file=path.name, count=count)
        self.post_message(self.Done(message, kind == "shifts"))

    @on(Done)
    def _done(self, event: Done) -> None:
        if event.ready and not self.store.is_empty():
            self.notify(event.message)
            self.post_message(self.Ready())
        else:
            self._show([event.message, t("Now import the shifts file.")])

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self._show(event.lines, error=True)

    def _busy(self, text: str) -> None:
        self._show([text])

    def _show(self, lines: list[str], *, error: bool = False) -> None:
        outcome = self.query_one("#outcome", Static)
        outcome.set_class(error, "problem")
        outcome.update("\n".join(lines))
