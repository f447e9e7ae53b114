"""The last step of planning: topic, place and notes, and the exact start of each session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Select, Static

from shiftcell.scheduling import Proposal, Session
from shiftcell.tui.i18n import t
from shiftcell.tui.widgets.proposal_list import coverage_text, session_label
from shiftcell.tui.words.bindings import translate_bindings

STEP = 15  # minutes between the start times offered


@dataclass(frozen=True)
class Booking:
    starts: list[datetime]
    topic: str
    place: str
    notes: str


class BookMeetingScreen(ModalScreen[Booking | None]):
    CSS_PATH = "book_meeting.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "book", "Book", priority=True),
        Binding("escape", "dismiss_none", "Back"),
    ]

    def __init__(
        self,
        proposal: Proposal,
        members: int,
        plan_title: str,
        earlier: Booking | None = None,
        *,
        voting: bool = False,
        opinions: str = "",
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.proposal = proposal
        self.members = members
        self.plan_title = plan_title
        # What was typed before a refused booking: given back, never typed twice.
        self.earlier = earlier
        self.voting = voting
        # For a vote: the entitled voters who cannot attend, whose opinions to collect.
        self.opinions = opinions

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.plan_title, id="heading")
            yield Static(coverage_text(self.proposal, self.members, self.voting), id="coverage")
            if self.opinions:
                yield Static(self.opinions, id="opinions")
            with Grid(id="fields"):
                for number, session in enumerate(self.proposal.sessions):
                    yield Static(t("Session {number}", number=number + 1), classes="label")
                    yield self._start_choice(number, session)
                earlier = self.earlier
                yield Static(t("Topic"), classes="label")
                yield Input(
                    earlier.topic if earlier else "",
                    placeholder=t("required"),
                    id="topic",
                    compact=True,
                )
                yield Static(t("Place"), classes="label")
                yield Input(earlier.place if earlier else "", id="place", compact=True)
                yield Static(t("Remarks"), classes="label")
                yield Input(earlier.notes if earlier else "", id="notes", compact=True)
            yield Static(t("Enter or Ctrl+S books it, Escape goes back."), id="hint")
        yield Footer(compact=True)

    def _start_choice(self, number: int, session: Session) -> Static | Select[int]:
        """A fixed time, or a choice of starts that keep the same attendees."""
        if session.latest_start <= session.start:
            return Static(session_label(session), id=f"start-{number}")
        length = session.end - session.start
        options = []
        start = session.start
        while start <= session.latest_start:
            end = start + length
            options.append((f"{start:%m-%d %H:%M}–{end:%H:%M}", int(start.timestamp())))
            start += timedelta(minutes=STEP)
        chosen = options[0][1]
        if self.earlier is not None and number < len(self.earlier.starts):
            before = int(self.earlier.starts[number].timestamp())
            chosen = before if any(value == before for _, value in options) else chosen
        return Select(
            options,
            value=chosen,
            allow_blank=False,
            id=f"start-{number}",
            compact=True,
        )

    def on_mount(self) -> None:
        self.query_one("#topic", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_book()

    def action_book(self) -> None:
        topic = self.query_one("#topic", Input).value.strip()
        if not topic:
            self.query_one("#hint", Static).update(t("A meeting needs a topic."))
            self.query_one("#topic", Input).focus()
            return
        self.dismiss(
            Booking(
                starts=self._starts(),
                topic=topic,
                place=self.query_one("#place", Input).value.strip(),
                notes=self.query_one("#notes", Input).value.strip(),
            )
        )

    def _starts(self) -> list[datetime]:
        starts = []
        for number, session in enumerate(self.proposal.sessions):
            widget = self.query_one(f"#start-{number}")
            if isinstance(widget, Select):
                chosen = widget.value
                assert isinstance(chosen, int)  # a start is always chosen: no blank allowed
                starts.append(datetime.fromtimestamp(chosen, session.start.tzinfo))
            else:
                starts.append(session.start)
        return starts

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
