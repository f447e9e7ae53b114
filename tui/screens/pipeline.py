"""The pipeline: applicants, activists, development targets and probationary members,
each with what falls due next and when; and the conversions due next quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Static

from shiftcell.db.store import Store
from shiftcell.scheduling.cadence import Cadence, period_of
from shiftcell.scheduling.pipeline import (
    Conversion,
    Entry,
    conversions_due,
    pipeline,
)
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.record_table import Cell, RecordTable
from shiftcell.tui.words.labels import status_short_label
from shiftcell.tui.words.votes import due_label, flag_label, mobility_mark, step_label


class PipelineScreen(AppScreen):
    CSS_PATH = "pipeline.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back")]

    @dataclass
    class Loaded(Message):
        entries: list[Entry]
        conversions: list[Conversion]

    def __init__(self, store: Store, settings: Settings, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.today = now.date()
        self.quarter = period_of(self.today, Cadence.QUARTERLY).next()

    def compose(self) -> ComposeResult:
        scope = self.settings.scope_group
        title = t("Pipeline as of {day}", day=f"{self.today:%Y-%m-%d}")
        yield Static(f"{title} · {scope}" if scope else title, id="title")
        yield RecordTable(id="entries")
        yield Static(id="conversions")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="pipeline")
    def load(self) -> None:
        members = self.store.members()
        first, last = self.quarter.first, self.quarter.last
        self.post_message(
            self.Loaded(pipeline(members, self.today), conversions_due(members, first, last))
        )

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        # What falls due, and when, first: at 80 columns the rest scrolls into view.
        # The stage in its short form (积极分子, not 入党积极分子), so that the screen's
        # edge never leaves half of it (入党) to be read as a word.
        headers = [
            t("Name"),
            t("Stage"),
            t("Next"),
            t("Due"),
            t("Note"),
            t("Since"),
            t("Group"),
            t("No."),
        ]
        rows: list[tuple[str | None, list[Cell]]] = [
            (e.member.employee_no, self._row(e)) for e in event.entries
        ] or [(None, [Text(t("Nobody is in the pipeline."), style="dim"), *[""] * 7])]
        self.query_one(RecordTable).show(headers, rows)
        self.query_one("#conversions", Static).update(self._conversions(event.conversions))

    def _row(self, entry: Entry) -> list[Cell]:
        member = entry.member
        name = Text(member.name)
        if member.mobile:
            name.append(f" {mobility_mark(member.mobile)}", "#d7afff")
        due = Text(due_label(entry, self.today))
        if entry.overdue(self.today):
            due.stylize("bold red")
        elif self._soon(entry.next.on):
            due.stylize("bold")
        return [
            name,
            status_short_label(entry.stage),
            step_label(entry.next.step),
            due,
            Text(flag_label(entry), style="yellow"),
            f"{entry.since:%Y-%m-%d}" if entry.since else "—",
            member.group or "—",
            member.employee_no,
        ]

    def _soon(self, day: date | None) -> bool:
        return day is not None and day <= self.quarter.last

    def _conversions(self, due: list[Conversion]) -> Text:
        first, last = self.quarter.first, self.quarter.last
        text = Text(
            t(
                "Conversions due next quarter ({first} – {last}):",
                first=f"{first:%Y-%m-%d}",
                last=f"{last:%Y-%m-%d}",
            ),
            style="bold",
        )
        if not due:
            text.append(" " + t("none"), style="dim")
        for conversion in due:
            member = conversion.member
            text.append(f"\n  {conversion.due:%Y-%m-%d}  {member.name} {member.employee_no}")
            if member.group:
                text.append(f"  {member.group}", style="dim")
        return text

    def action_close(self) -> None:
        self.dismiss()
