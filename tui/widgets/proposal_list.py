"""Proposed meeting times as a list: coverage bar, quorum, who cannot come and why."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from shiftcell.db.planning import Plan
from shiftcell.scheduling import Proposal, Session
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.words.labels import weekday_label
from shiftcell.tui.words.reasons import describe
from shiftcell.tui.words.votes import away_reason

BAR = 12
# Non-breaking, so that wrapping keeps the indent of a proposal's second line.
INDENT = "\u00a0" * 3
NAMED = 2  # absentees named in a proposal's line; the detail pane lists them all


def session_label(session: Session) -> str:
    """``Thu 12-10 14:00–14:45``."""
    start, end = session.start, session.end
    return f"{weekday_label(start.weekday())} {start:%m-%d} {start:%H:%M}–{end:%H:%M}"


def slide_label(session: Session) -> str:
    """How late the start may slide with the same attendees, when it may."""
    if session.latest_start <= session.start:
        return ""
    return t("any start until {time}", time=_clock(session.latest_start))


def coverage_text(proposal: Proposal, members: int, voting: bool = False) -> Text:
    """The bar, the count, and the quorum; for a vote, the entitled voters present too."""
    filled = round(proposal.coverage * BAR)
    text = Text()
    text.append("█" * filled, style="green")
    text.append("░" * (BAR - filled), style="dim")
    text.append(f" {len(proposal.covered)}/{members} {proposal.coverage:.0%} ")
    if voting:
        text.append(
            t(
                "voters {present}/{voters}",
                present=proposal.voters_present,
                voters=proposal.voters,
            )
            + " "
        )
    if proposal.quorum:
        text.append(t("quorum"), style="bold green")
    else:
        text.append(t("no quorum"), style="bold red")
    return text


def proposal_text(index: int, proposal: Proposal, plan: Plan) -> Text:
    members = plan.here
    voting = plan.request.purpose.one_sitting
    text = Text(f"{index}. ", style="bold")
    sessions = proposal.sessions
    notes = []
    if len(sessions) == 1:
        text.append(session_label(sessions[0]), style="bold")
        text.append("  ")
        text.append_text(coverage_text(proposal, members, voting))
        notes.append(slide_label(sessions[0]))
    else:
        text.append_text(coverage_text(proposal, members, voting))
        for number, session in enumerate(sessions, 1):
            text.append(f"\n{INDENT}{number}) ", style="bold")
            text.append(session_label(session))
            text.append(
                " · " + tn("{count} attends", "{count} attend", len(session.attendees)), style="dim"
            )
    text.append("\n" + INDENT)
    slide = " · ".join(n for n in notes if n)
    if slide:
        text.append(slide + " · ", style="dim")
    if proposal.uncovered:
        named = [
            f"{plan.name(no)} ({describe(reason, sessions[0].start.date())})"
            for no, reason in proposal.uncovered[:NAMED]
        ]
        more = len(proposal.uncovered) - NAMED
        line = "; ".join(named) + (" " + t("and {count} more", count=more) if more > 0 else "")
        text.append(t("Cannot come: {who}", who=line), style="yellow")
    else:
        text.append(t("Everyone can come."), style="green")
    return text


def absentee_text(proposal: Proposal, plan: Plan) -> Text:
    """Every member the proposal misses, with the reason, for the detail pane; then
    our mobile members away, who are not expected here."""
    if proposal.uncovered:
        text = Text(t("Cannot come ({count}):", count=len(proposal.uncovered)), style="bold")
        on = proposal.sessions[0].start.date()
        for no, reason in proposal.uncovered:
            text.append(f"\n  {plan.name(no)} {no} — {describe(reason, on)}")
    else:
        text = Text(t("Everyone can come."), style="green")
    if plan.away:
        # apart, under a count of their own: they are not among those who cannot come
        count = len(plan.away)
        text.append("\n" + t("Away, mobile members ({count}):", count=count), style="bold dim")
        for no in plan.away:
            text.append(f"\n  {plan.name(no)} {no} — {away_reason()}", style="dim")
    return text


class ProposalList(OptionList):
    """One option per proposal, best first; its index is the option's id."""

    def show(self, plan: Plan) -> None:
        self.clear_options()
        self.add_options(
            Option(proposal_text(i, p, plan), id=str(i - 1))
            for i, p in enumerate(plan.proposals, 1)
        )
        if plan.proposals:
            self.highlighted = 0


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"
