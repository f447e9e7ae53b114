"""Plan a meeting: whom, what, how long, when; proposals to choose from; book one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Select, SelectionList, Static
from textual.worker import Worker

from shiftcell.db.meetings import MeetingClash
from shiftcell.db.planning import (
    LONGEST_RANGE,
    Plan,
    Planner,
    PlanRequest,
    parse_words,
)
from shiftcell.db.store import Store
from shiftcell.scheduling import Invitation, Proposal, Purpose
from shiftcell.scheduling.meetings import Meeting, MeetingType
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.screens.base import report_failure
from shiftcell.tui.screens.book_meeting import Booking
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.proposal_list import ProposalList, absentee_text
from shiftcell.tui.words.bindings import translate_bindings
from shiftcell.tui.words.meetings import meeting_type_label
from shiftcell.tui.words.votes import opinions_hint, purpose_label, vote_line

DURATIONS = (30, 45, 60, 90, 120)
MOST_SESSIONS = 3

T = TypeVar("T")


class PlanMeetingScreen(Screen[list[Meeting] | None]):
    """Dismisses with the booked sessions, or None when the user goes back."""

    CSS_PATH = "plan_meeting.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "propose", "Propose"),
        Binding("ctrl+b", "book", "Book"),
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Planned(Message):
        plan: Plan

    @dataclass
    class Booked(Message):
        meetings: list[Meeting]

    @dataclass
    class Clashed(Message):
        """Someone invited is already in another meeting then: nothing was booked."""

        plan: Plan
        booking: Booking
        clashes: tuple[Invitation, ...]

    def __init__(
        self,
        store: Store,
        settings: Settings,
        now: datetime,
        groups: Sequence[str],
        first: date | None = None,
        *,
        make_up_for: Sequence[str] = (),
        making_up: Sequence[int] = (),
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.store = store
        self.settings = settings
        self.now = now
        self.chosen_groups = list(groups)
        self.first = max(first or now.date(), now.date())
        # Employee numbers of those who missed a meeting: plan their make-up session.
        self.make_up_for = tuple(make_up_for)
        self.making_up = tuple(making_up)  # the meetings a make-up session is for
        self.plan: Plan | None = None
        self.asked = 0  # requests sent; an answer to an older one is dropped

    def compose(self) -> ComposeResult:
        yield Static(
            tn(
                "Plan a make-up session for {count} member",
                "Plan a make-up session for {count} members",
                len(self.make_up_for),
            )
            if self.make_up_for
            else t("Plan a meeting"),
            id="title",
        )
        with Horizontal(id="form"):
            yield SelectionList[str](id="groups", compact=True)
            with Vertical(id="fields"):
                with Horizontal(classes="row"):
                    yield Static(t("Type"), classes="label")
                    yield Select(
                        [(meeting_type_label(k), k) for k in MeetingType],
                        value=MeetingType.MAKE_UP
                        if self.make_up_for
                        else MeetingType.GROUP_MEETING,
                        allow_blank=False,
                        id="kind",
                        compact=True,
                    )
                with Horizontal(classes="row"):
                    yield Static(t("Purpose"), classes="label")
                    yield Select(
                        [(purpose_label(p), p) for p in Purpose],
                        value=Purpose.STUDY,
                        allow_blank=False,
                        id="purpose",
                        compact=True,
                    )
                    yield Static(id="purpose-hint", classes="hint")
                with Horizontal(classes="row"):
                    yield Static(t("Minutes"), classes="label")
                    yield Select(
                        [(str(m), m) for m in DURATIONS],
                        value=45,
                        allow_blank=False,
                        id="duration",
                        compact=True,
                    )
                    yield Static(t("Sessions"), classes="label")
                    yield Select(
                        [(str(n), n) for n in range(1, MOST_SESSIONS + 1)],
                        value=1,
                        allow_blank=False,
                        id="sessions",
                        compact=True,
                    )
                with Horizontal(classes="row"):
                    yield Static(t("From"), classes="label")
                    yield Input(f"{self.first:%Y-%m-%d}", id="first", compact=True)
                    yield Static(t("To"), classes="label")
                    last = self.first + timedelta(days=6)
                    yield Input(f"{last:%Y-%m-%d}", id="last", compact=True)
                with Horizontal(classes="row"):
                    yield Static(t("Required"), classes="label")
                    yield Input(
                        placeholder=t("names or numbers of members who must come"),
                        id="require",
                        compact=True,
                    )
        yield Static(id="status")
        yield ProposalList(id="proposals", compact=True)
        yield Static(id="absentees")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load_groups()

    # -- reading (in workers) ------------------------------------------------

    @work(thread=True, exclusive=True, group="plan-groups")
    def load_groups(self) -> None:
        names = [g.name for g in self.store.groups()]
        self.app.call_from_thread(self._show_groups, names)

    def _show_groups(self, names: list[str]) -> None:
        groups = self.query_one("#groups", SelectionList)
        shown = names
        if self.make_up_for:
            shown = [name for name in shown if name in self.chosen_groups]
        with self.prevent(SelectionList.SelectedChanged):
            groups.add_options((name, name, name in self.chosen_groups) for name in shown)
        groups.disabled = len(shown) <= 1 or bool(self.make_up_for)
        self.action_propose()
        self.query_one("#proposals").focus()

    @work(thread=True, exclusive=True, group="plan")
    def compute(self, request: PlanRequest) -> None:
        self.post_message(self.Planned(Planner(self.store).plan(request, self.now)))

    @work(thread=True, group="plan-book")
    def book(self, plan: Plan, booking: Booking, allow_clash: bool = False) -> None:
        try:
            ids = Planner(self.store).book(
                plan,
                booking.starts,
                topic=booking.topic,
                place=booking.place,
                notes=booking.notes,
                allow_clash=allow_clash,
            )
        except MeetingClash as clash:
            self.post_message(self.Clashed(plan, booking, clash.clashes))
            return
        self.post_message(self.Booked([self.store.meetings.get(i) for i in ids]))

    # -- the form ------------------------------------------------------------

    def read_form(self) -> PlanRequest | str:
        """The request the form describes, or what is wrong with it, named."""
        groups = tuple(self.query_one("#groups", SelectionList).selected)
        if not groups:
            return t("Choose at least one group.")
        first = _date(self.query_one("#first", Input).value)
        last = _date(self.query_one("#last", Input).value)
        if first is None:
            return t("From: {value!r} is not a date like 2026-12-07", value=self._text("#first"))
        if last is None:
            return t("To: {value!r} is not a date like 2026-12-07", value=self._text("#last"))
        if last < first:
            return t("To is before From.")
        if (last - first).days >= LONGEST_RANGE:
            return tn(
                "Plan at most {count} day at a time.",
                "Plan at most {count} days at a time.",
                LONGEST_RANGE,
            )
        if last < self.now.date():
            return t("These dates are past: choose dates from today on.")
        self.asked += 1
        purpose = self._picked("#purpose", Purpose)
        return PlanRequest(
            groups=groups,
            kind=self._picked("#kind", MeetingType),
            first=first,
            last=last,
            duration=self._picked("#duration", int),
            sessions=1 if purpose.one_sitting else self._picked("#sessions", int),
            require=parse_words(self._text("#require")),
            number=self.asked,
            invitees=self.make_up_for,
            makes_up=self.making_up,
            purpose=purpose,
        )

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def _picked(self, selector: str, kind: type[T]) -> T:
        value = self.query_one(selector, Select).value
        assert isinstance(value, kind)  # these selects allow no blank
        return value

    @on(Select.Changed, "#purpose")
    def _purpose_changed(self) -> None:
        """A vote or an election is one sitting: no repeat sessions to choose."""
        purpose = self._picked("#purpose", Purpose)
        sessions = self.query_one("#sessions", Select)
        if purpose.one_sitting:
            with self.prevent(Select.Changed):
                sessions.value = 1
        sessions.disabled = purpose.one_sitting
        hint = {
            Purpose.STUDY: t("repeat sessions allowed"),
            Purpose.VOTE: t("one sitting, > 1/2 voters"),
            Purpose.ELECTION: t("one sitting, > 4/5 voters"),
        }[purpose]
        self.query_one("#purpose-hint", Static).update(hint)

    @on(Input.Submitted)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _form_changed(self) -> None:
        if self.query_one("#groups", SelectionList).option_count:
            self.action_propose()

    def action_propose(self) -> None:
        request = self.read_form()
        if isinstance(request, str):
            self._status(request, error=True)
            self.plan = None
            self.query_one(ProposalList).clear_options()
            self.query_one("#absentees", Static).update("")
            return
        self._status(t("Looking for times…"))
        self.compute(request)

    @on(Planned)
    def _planned(self, event: Planned) -> None:
        plan = event.plan
        if plan.request.number != self.asked:
            return
        self.plan = plan
        self.query_one(ProposalList).show(plan)
        self._status(*self._summary(plan))
        self._show_absentees()
        self.refresh_bindings()

    def _summary(self, plan: Plan) -> tuple[str, bool]:
        if plan.unknown:
            return t("Required: not in these groups: {who}", who=", ".join(plan.unknown)), True
        if not plan.members:
            return t("These groups have no members."), True
        if plan.blocked_by:
            who = ", ".join(plan.name(no) for no in plan.blocked_by)
            return t("No time suits every required member: {who}", who=who), True
        if not plan.proposals:
            return t("No time found in these dates; try other dates or a shorter meeting."), True
        summary = t(
            "{proposals} for {members} · Enter chooses one",
            proposals=tn("{count} proposal", "{count} proposals", len(plan.proposals)),
            members=tn("{count} member", "{count} members", plan.here),
        )
        if plan.request.purpose.one_sitting:
            summary = vote_line(plan.request.purpose, plan.voters, plan.needed)
            if not plan.proposals[0].quorum:
                best = plan.proposals[0]
                return summary + " · " + t(
                    "no time reaches it: at best {present}",
                    present=best.voters_present,
                ), True
        held = max(len(p.sessions) for p in plan.proposals)
        if held < plan.request.sessions:
            summary += " · " + tn(
                "{count} session already reaches as many members as {sessions} would.",
                "{count} sessions already reach as many members as {sessions} would.",
                held,
                sessions=plan.request.sessions,
            )
        return summary, False

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(error, "error")

    @on(OptionList.OptionHighlighted)
    def _show_absentees(self) -> None:
        proposal = self.highlighted()
        pane = self.query_one("#absentees", Static)
        pane.update(absentee_text(proposal, self.plan) if proposal and self.plan else "")

    def highlighted(self) -> Proposal | None:
        index = self.query_one(ProposalList).highlighted
        if self.plan is None or index is None or index >= len(self.plan.proposals):
            return None
        return self.plan.proposals[index]

    # -- booking -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "book":
            return (not self.settings.read_only and self.highlighted() is not None) or None
        return True

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_book()

    def action_book(self, earlier: Booking | None = None) -> None:
        """The booking dialog for the highlighted proposal (filled in as before, if it was)."""
        from shiftcell.tui.screens.book_meeting import BookMeetingScreen

        proposal, plan = self.highlighted(), self.plan
        if proposal is None or plan is None or self.settings.read_only:
            return
        title = f"{meeting_type_label(plan.request.kind)} · {' '.join(plan.request.groups)}"
        if plan.request.purpose.one_sitting:
            title += f" · {purpose_label(plan.request.purpose)}"

        def booked(booking: Booking | None) -> None:
            if booking is not None:
                self._status(t("Booking…"))
                self.book(plan, booking)

        screen = BookMeetingScreen(
            proposal,
            plan.here,
            title,
            earlier,
            voting=plan.request.purpose.one_sitting,
            opinions=_opinions_hint(proposal, plan),
        )
        self.app.push_screen(screen, booked)

    @on(Clashed)
    def _clashed(self, event: Clashed) -> None:
        """Say who is already where, and ask; back means the dialog again, as it was."""
        from shiftcell.tui.screens.meeting_clash import MeetingClashScreen

        def answered(anyway: bool | None) -> None:
            if anyway:
                self._status(t("Booking…"))
                self.book(event.plan, event.booking, allow_clash=True)
            else:
                self._status(t("Not booked: choose another time or proposal."))
                self.action_book(event.booking)

        self.app.push_screen(MeetingClashScreen(event.clashes, event.plan.name), answered)

    @on(Booked)
    def _booked(self, event: Booked) -> None:
        first = event.meetings[0]
        self.app.notify(
            tn(
                "Booked: {topic}, {count} session from {day}",
                "Booked: {topic}, {count} sessions from {day}",
                len(event.meetings),
                topic=first.topic,
                day=f"{first.start:%Y-%m-%d %H:%M}",
            )
        )
        self.dismiss(event.meetings)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)


def _opinions_hint(proposal: Proposal, plan: Plan) -> str:
    """For a vote: the entitled voters who cannot attend, whose written opinions to collect."""
    if not plan.request.purpose.one_sitting or not proposal.missing_voters:
        return ""
    return opinions_hint(proposal.missing_voters, {m.employee_no: m for m in plan.members})


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
