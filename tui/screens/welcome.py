"""An empty database: the organisation's name and time zone, then its files; or the demo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Input, Label, Static

from shiftcell.db.importing.shifts import ShiftsImport
from shiftcell.db.store import Store
from shiftcell.scheduling import Shift
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings


class WelcomeScreen(AppScreen):
    CSS_PATH = "welcome.tcss"
    AUTO_FOCUS = "#name"
    # priority: the fields would take ctrl+d as "delete to the right"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+d", "demo", "Load the demo", priority=True)
    ]

    @dataclass
    class Done(Message):
        """The import or the demo worked: ``message`` says what was written."""

        message: str
        ready: bool  # members exist now: the main screen can open
        week: date | None = None  # the week to open on: the shifts just imported

    @dataclass
    class Refused(Message):
        """The file was refused; nothing was written. One line per problem."""

        lines: list[str]

    @dataclass
    class Ready(Message):
        """Members and shifts are in: the app opens the main screen, on ``week``."""

        week: date | None = None

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
            name, zone = self._organisation()
            with Vertical(id="import"):
                with Horizontal(classes="row"):
                    yield Label(t("Organisation"), classes="label")
                    yield Input(name, placeholder=t("e.g. 某大学后勤集团"), id="name")
                    yield Label(t("Time zone"), classes="label")
                    yield Input(zone, placeholder=t("e.g. Asia/Shanghai"), id="zone")
                with Horizontal(classes="row"):
                    yield Label(t("File"), classes="label")
                    yield Input(
                        placeholder=t("path/to/roster.xlsx: members first, then shifts"), id="path"
                    )
                with Horizontal(id="buttons"):
                    yield Button(t("Import members"), id="members")
                    yield Button(t("Import shifts"), id="shifts")
            yield Button(t("Load the demo organisation"), id="demo", variant="primary")
            yield Static("", id="outcome", markup=False)
        yield Footer()

    def _organisation(self) -> tuple[str, str]:
        """What the fields start with: the stored organisation, or a suggested zone."""
        from shiftcell.tui.words.timezones import suggested_timezone

        if self.store.has_organisation():
            return self.store.organisation_name, self.store.timezone.key
        return "", suggested_timezone(self.settings.language) or ""

    # -- the demo, after asking ------------------------------------------------

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        if self.settings.read_only:
            return
        from shiftcell.tui.screens.demo_question import DemoQuestionScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._busy(t("Creating the demo organisation…"))
                self.load_demo()

        self.app.push_screen(DemoQuestionScreen(self.settings.database), answered)

    @work(thread=True, exclusive=True, group="welcome")
    def load_demo(self) -> None:
        from shiftcell.db.demo import fill_demo

        today = self.now().date()
        with self.store.transaction():
            count = fill_demo(self.store, today=today)
        self.post_message(self.Done(t("Demo organisation: {count} staff", count=count), True))

    # -- importing the organisation's own files ----------------------------------

    @on(Input.Submitted, "#name")
    def _name_given(self) -> None:
        self.query_one("#zone", Input).focus()

    @on(Input.Submitted, "#zone")
    def _zone_given(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _path_given(self) -> None:
        """Enter imports: members into an empty organisation, shifts once there are members."""
        self._import("members" if self.store.is_empty() else "shifts")

    @on(Button.Pressed, "#members")
    def _import_members(self) -> None:
        self._import("members")

    @on(Button.Pressed, "#shifts")
    def _import_shifts(self) -> None:
        self._import("shifts")

    def _import(self, kind: str) -> None:
        from shiftcell.tui.words.timezones import UnknownZone, check_timezone

        zone_input = self.query_one("#zone", Input)
        try:
            zone = check_timezone(zone_input.value)
        except UnknownZone as error:
            zone_input.add_class("-invalid")
            zone_input.focus()
            self._show([str(error)], error=True)
            return
        zone_input.remove_class("-invalid")
        zone_input.value = zone
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._show([t("Type the path of a .csv or .xlsx file first.")], error=True)
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._show([t("{path}: no such file", path=path)], error=True)
            return
        self._busy(t("Checking {file}…", file=path.name))
        self.import_file(kind, path, self.query_one("#name", Input).value.strip(), zone)

    @work(thread=True, exclusive=True, group="welcome")
    def import_file(self, kind: str, path: Path, name: str, zone: str) -> None:
        from shiftcell.db.importing import ImportFailed, import_members, import_shifts
        from shiftcell.tui.words.imports import (
            outcome_line,
            problem_line,
            refusal_line,
            warning_line,
        )

        # The zone first: the shifts' local times are read in it.
        self.store.change_timezone(zone)
        self.store.set_organisation(name, zone)
        run = import_members if kind == "members" else import_shifts
        try:
            result = run(self.store, path)
        except ImportFailed as failed:
            lines = [problem_line(p) for p in failed.problems]
            lines.append(refusal_line(len(failed.problems)))
            self.post_message(self.Refused(lines))
            return
        lines = [warning_line(w) for w in result.warnings]
        lines.append(outcome_line(path.name, kind, result.changes))
        week = self._week_to_open(result.shifts) if isinstance(result, ShiftsImport) else None
        self.post_message(self.Done("\n".join(lines), kind == "shifts", week))

    def _week_to_open(self, shifts: Sequence[Shift]) -> date | None:
        """This week if the file has shifts in it, else the first week it has."""
        from shiftcell.tui.views.week import monday_of

        days = sorted({s.start.date() for s in shifts})
        if not days:
            return None
        this_week = monday_of(self.now().date())
        weeks = {monday_of(day) for day in days}
        return this_week if this_week in weeks else monday_of(days[0])

    @on(Done)
    def _done(self, event: Done) -> None:
        if event.ready and not self.store.is_empty():
            self.notify(event.message)
            self.post_message(self.Ready(event.week))
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
