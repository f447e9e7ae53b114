"""Plan a quarter: every meeting that falls due, proposed around everyone's shifts; move any
one to another of its proposals; book them all together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from shiftcell.db.cadence_plan import RangePlan, book_plan, plan_range
from shiftcell.db.store import Store
from shiftcell.scheduling import Proposal
from shiftcell.scheduling.cadence_plan import Due, Entry
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.base import report_failure
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.proposal_list import session_label
from shiftcell.tui.widgets.record_table import RecordTable
from shiftcell.tui.words.bindings import translate_bindings
from shiftcell.tui.words.cadence import (
    conversion_names,
    meeting_topic,
    meetings_and_sessions,
    requirement_label,
    whom_label,
)
from shiftcell.tui.words.votes import purpose_label

TALL = 40  # rows from which more other times are listed


class PlanQuarterScreen(Screen[int | None]):
    """Dismisses with how many meetings were booked (None: went back without booking)."""

    CSS_PATH = "plan_quarter.tcss"
    AUTO_FOCUS = "#calendar"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "book", "Book all"),
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Planned(Message):
        plan: RangePlan

    @dataclass
    class Booked(Message):
        meetings: int
        sessions: int

    def __init__(
        self, store: Store, settings: Settings, now: datetime, first: date, last: date
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.settings = settings
        self.now = now
        self.first, self.last = first, last
        self.plan: RangePlan | None = None
        self.order: list[int] = []  # entry indexes in calendar order

    def compose(self) -> ComposeResult:
        yield Static(
            t(
                "Plan {first} – {last}",
                first=f"{self.first:%Y-%m-%d}",
                last=f"{self.last:%Y-%m-%d}",
            ),
            id="title",
        )
        yield Static(t("Planning meetings …"), id="status")
        yield RecordTable(id="calendar")
        yield Static(
            t("Other times for this meeting · Enter moves it"),
            classes="heading",
            id="options-heading",
        )
        yield OptionList(id="options", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.compute()

    def on_resize(self) -> None:
        """A tall terminal lists more of a meeting's other times."""
        self.set_class(self.size.height >= TALL, "tall")

    @work(thread=True, exclusive=True, group="plan-quarter")
    def compute(self) -> None:
        plan = plan_range(self.store, self.first, self.last, self.now)
        self.post_message(self.Planned(plan))

    @on(Planned)
    def _planned(self, event: Planned) -> None:
        self.plan = event.plan
        self._show_calendar()
        self.refresh_bindings()

    # -- the calendar ----------------------------------------------------------

    def _show_calendar(self) -> None:
        plan = self.plan
        assert plan is not None
        entries = plan.entries
        self.order = sorted(range(len(entries)), key=lambda i: _when_key(entries[i]))
        headers = [t("When"), t("Meeting"), t("For"), t("Attend")]
        rows: list[tuple[str | None, list[str | Text]]] = [
            (str(i), _calendar_cells(entries[i])) for i in self.order
        ]
        self.query_one("#calendar", RecordTable).show(headers, rows)
        self.query_one("#status", Static).update(self._summary())
        self._show_options()

    def _summary(self) -> str:
        plan = self.plan
        assert plan is not None
        if not plan.entries:
            return t("Nothing falls due in these dates that is not held or booked already.")
        placed = [e for e in plan.entries if e.chosen is not None]
        sessions = sum(len(e.chosen.sessions) for e in placed if e.chosen)
        text = t("{what} · b books them all", what=meetings_and_sessions(len(placed), sessions))
        missing = len(plan.entries) - len(placed)
        if missing:
            text += " · " + t("{count} without a time", count=missing)
        return text

    def selected(self) -> int | None:
        key = self.query_one("#calendar", RecordTable).selected_key()
        return int(key) if key is not None else None

    @on(DataTable.RowHighlighted, "#calendar")
    def _show_options(self) -> None:
        options = self.query_one("#options", OptionList)
        options.clear_options()
        index, plan = self.selected(), self.plan
        if index is None or plan is None:
            return
        entry = plan.entries[index]
        heading = t("Other times for this meeting · Enter moves it")
        if entry.due.converts:
            who = conversion_names(entry.due)
            heading = f"{t('vote on the conversion of {who}', who=who)} · {heading}"
        self.query_one("#options-heading", Static).update(heading)
        for number, placed in enumerate(plan.agenda.alternatives(index)):
            options.add_option(
                Option(_option_text(number, placed, entry), id=str(number), disabled=placed is None)
            )
        if entry.option is not None:
            options.highlighted = entry.option

    @on(DataTable.RowSelected, "#calendar")
    def _to_options(self) -> None:
        options = self.query_one("#options", OptionList)
        if options.option_count:
            options.focus()

    @on(OptionList.OptionSelected, "#options")
    def _move(self, event: OptionList.OptionSelected) -> None:
        index, plan = self.selected(), self.plan
        if index is None or plan is None or event.option.id is None:
            return
        entry = plan.entries[index]
        if plan.agenda.move(index, int(event.option.id)) and entry.chosen is not None:
            self.notify(
                t(
                    "Moved: {meeting} for {whom} to {when}",
                    meeting=requirement_label(entry.due.kind),
                    whom=whom_label(entry.due.group, entry.due.requirement.reach),
                    when=session_label(entry.chosen.sessions[0]),
                )
            )
        self._show_calendar()
        table = self.query_one("#calendar", RecordTable)
        table.move_cursor(row=self.order.index(index))
        table.focus()

    # -- booking ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "book":
            plan = self.plan
            can = plan is not None and any(e.chosen for e in plan.entries)
            return (not self.settings.read_only and can) or None
        return True

    def action_book(self) -> None:
        from shiftcell.tui.screens.book_plan import BookPlanScreen

        plan = self.plan
        if plan is None or self.settings.read_only:
            return
        placed = [e for e in plan.entries if e.chosen is not None]
        sessions = sum(len(e.chosen.sessions) for e in placed if e.chosen)
        if not placed:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.query_one("#status", Static).update(t("Booking…"))
                self.book(plan)

        self.app.push_screen(BookPlanScreen(len(placed), sessions), confirmed)

    @work(thread=True, group="plan-quarter-book")
    def book(self, plan: RangePlan) -> None:
        from shiftcell.db.meetings import MeetingClash

        try:
            ids = book_plan(self.store, plan, meeting_topic)
        except MeetingClash:
            self.app.call_from_thread(self._booked_meanwhile)
            return
        meetings = sum(1 for e in plan.entries if e.chosen is not None)
        self.post_message(self.Booked(meetings, len(ids)))

    def _booked_meanwhile(self) -> None:
        """Someone booked a meeting at a planned time since the plan was made: plan again."""
        self.notify(
            t("A meeting was booked meanwhile at a planned time; nothing was booked."),
            severity="error",
        )
        self.query_one("#status", Static).update(t("Planning meetings …"))
        self.compute()

    @on(Booked)
    def _booked(self, event: Booked) -> None:
        self.app.notify(
            t("Booked {what}.", what=meetings_and_sessions(event.meetings, event.sessions))
        )
        self.dismiss(event.meetings)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)


def _when_key(entry: Entry) -> tuple[int, float]:
    """Planned meetings in time order, those without a time last."""
    if entry.chosen is None:
        return (1, 0.0)
    return (0, entry.chosen.sessions[0].start.timestamp())


def _calendar_cells(entry: Entry) -> list[str | Text]:
    due, chosen = entry.due, entry.chosen
    meeting = requirement_label(due.kind)
    if due.purpose.one_sitting:
        meeting = f"{meeting} · {purpose_label(due.purpose)}"
    whom = whom_label(due.group, due.requirement.reach)
    if chosen is None:
        missing = t("no time in {period}", period=due.period.label)
        return [Text(missing, style="bold red"), meeting, whom, ""]
    when = session_label(chosen.sessions[0])
    more = len(chosen.sessions) - 1
    if more:
        when += f" +{more}"
    attend = _attend(chosen)
    if due.purpose.one_sitting:
        attend += " ✓" if chosen.quorum else " ✗"  # the quorum, as propose marks it
    return [when, meeting, whom, attend]


def _attend(proposal: Proposal, due: Due | None = None) -> str:
    """``30/33``; with a vote's ``due``, its entitled voters too: ``30/33 · voters 20/25 ✓``."""
    members = len(proposal.covered) + len(proposal.uncovered)
    text = f"{len(proposal.covered)}/{members}"
    if due is not None and due.purpose.one_sitting:
        voters = t(
            "voters {present}/{voters}", present=proposal.voters_present, voters=proposal.voters
        )
        text += f" · {voters} {'✓' if proposal.quorum else '✗'}"
    return text


def _option_text(number: int, placed: Proposal | None, entry: Entry) -> Text:
    """``● Tue 12-15 18:00–19:00 · Mon 12-21 20:15–21:15 · 33/33 100%``; the pick marked."""
    mark = "● " if number == entry.option else "  "
    proposal = placed or entry.options[number]
    text = Text(mark, style="bold")
    text.append(" · ".join(session_label(s) for s in proposal.sessions))
    text.append(f" · {_attend(proposal, entry.due)} {proposal.coverage:.0%}", style="dim")
    if placed is None:
        text.append(" · " + t("clashes with another meeting"), style="red")
    return text
