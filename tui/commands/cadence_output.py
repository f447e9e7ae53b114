"""A range plan as JSON (one entry per group, requirement and period) and as a calendar in text."""

from __future__ import annotations

import json
from collections.abc import Sequence

from shiftcell.db.cadence_plan import RangePlan
from shiftcell.scheduling import Proposal, Session, votes
from shiftcell.scheduling.cadence import Reach
from shiftcell.scheduling.cadence_plan import Entry
from shiftcell.tui.commands.proposal_output import READABLE, absentees_json
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.words.cadence import (
    conversions_line,
    meetings_and_sessions,
    requirement_label,
    whom_label,
)
from shiftcell.tui.words.labels import weekday_label
from shiftcell.tui.words.reasons import describe
from shiftcell.tui.words.textwidth import render_table
from shiftcell.tui.words.votes import vote_line

NAMED = 3  # members who cannot come named under a meeting in text; --json lists all


def plan_json(plan: RangePlan) -> str:
    payload = [_entry_json(entry) for entry in plan.entries]
    # Indented for a group's plan; compact for thousands of invitations, which only a program reads.
    indent = 2 if len(plan.members) <= READABLE else None
    return json.dumps(payload, ensure_ascii=False, indent=indent)


def _entry_json(entry: Entry) -> dict[str, object]:
    due, chosen = entry.due, entry.chosen
    return {
        "group": due.group,
        "requirement": due.kind.value,
        "period": due.period.label,
        "sessions": [
            {
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "attendees": list(s.attendees),
                "absentees": absentees_json(s.absentees, s.start.date()),
            }
            for s in (chosen.sessions if chosen else ())
        ],
        "coverage": round(chosen.coverage, 4) if chosen else 0.0,
        "purpose": due.purpose.value,
        "converts": [
            {"employee_no": c.member.employee_no, "due": c.due.isoformat()} for c in due.converts
        ],
        **(_vote_json(chosen) if due.purpose.one_sitting else {}),
    }


def _vote_json(chosen: Proposal | None) -> dict[str, object]:
    """A vote's count at its pick, as ``propose --json`` gives it."""
    return {
        "voters": chosen.voters if chosen else 0,
        "voters_present": chosen.voters_present if chosen else 0,
        "quorum": chosen.quorum if chosen else False,
        "missing_voters": list(chosen.missing_voters) if chosen else [],
    }


def plan_text(plan: RangePlan, booked: Sequence[int] | None) -> str:
    """A title, the planned meetings in time order (one row per session, who cannot come
    below), the meetings without a time, and what was (or would be) booked."""
    placed = sorted(
        (e for e in plan.entries if e.chosen is not None),
        key=lambda e: e.chosen.sessions[0].start.timestamp() if e.chosen else 0,
    )
    lines = [
        t(
            "Plan {first} – {last}: {meetings}",
            first=f"{plan.first:%Y-%m-%d}",
            last=f"{plan.last:%Y-%m-%d}",
            meetings=tn("{count} meeting", "{count} meetings", len(plan.entries)),
        )
    ]
    if not plan.entries:
        lines.append(t("Nothing falls due in these dates that is not held or booked already."))
        return "\n".join(lines)
    if placed:
        lines += ["", *_calendar(plan, placed)]
    lines += _unplaced(plan, [e for e in plan.entries if e.chosen is None])
    lines.append("")
    sessions = sum(len(e.chosen.sessions) for e in placed if e.chosen)
    if booked is None:
        lines.append(
            t(
                "Nothing was booked: add --book to book these {what}.",
                what=meetings_and_sessions(len(placed), sessions),
            )
        )
    else:
        lines.append(t("Booked {what}.", what=meetings_and_sessions(len(placed), len(booked))))
    return "\n".join(lines)


def _calendar(plan: RangePlan, placed: list[Entry]) -> list[str]:
    headers = [t("When"), t("Meeting"), t("For"), t("Period"), t("Attend")]
    rows: list[list[str]] = []
    notes: dict[int, list[str]] = {}
    for entry in placed:
        proposal = entry.chosen
        assert proposal is not None
        for number, session in enumerate(proposal.sessions):
            first = number == 0
            rows.append(
                [
                    _when(session),
                    requirement_label(entry.due.kind)
                    if first
                    else "  " + t("session {number}", number=number + 1),
                    whom_label(entry.due.group, entry.due.requirement.reach) if first else "",
                    entry.due.period.label if first else "",
                    _attend(proposal) if first else "",
                ]
            )
        notes[len(rows) - 1] = _vote_notes(entry, proposal) + _who_cannot_come(plan, proposal)
    table = render_table(headers, rows).split("\n")
    lines = table[:2]
    for index, line in enumerate(table[2:]):
        lines.append(line)
        lines.extend(notes.get(index, []))
    return lines


def _unplaced(plan: RangePlan, entries: list[Entry]) -> list[str]:
    lines: list[str] = []
    for entry in entries:
        due = entry.due
        what = t(
            "{requirement} for {whom}, {period}",
            requirement=requirement_label(due.kind),
            whom=whom_label(due.group, due.requirement.reach),
            period=due.period.label,
        )
        if due.requirement.reach is Reach.COMMITTEE and not plan.committee:
            why = t("no committee members recorded: `shiftcell cadence committee --set …`")
        elif not entry.invited:
            why = t("nobody to invite")
        else:
            why = t(
                "no time found from {first} to {last}",
                first=f"{due.first:%m-%d}",
                last=f"{due.last:%m-%d}",
            )
        lines.append(t("Not planned: {what}: {why}", what=what, why=why))
    return ["", *lines] if lines else []


def _vote_notes(entry: Entry, proposal: Proposal) -> list[str]:
    """Under a vote: whose conversion it decides, and whether its quorum is reached."""
    due = entry.due
    if not due.purpose.one_sitting:
        return []
    needed = votes.needed(due.purpose, proposal.voters)
    lines = [f"   ⚑ {conversions_line(due)}"] if due.converts else []
    lines.append(
        "   "
        + vote_line(due.purpose, proposal.voters, needed)
        + " · "
        + t(
            "{present} can attend: {verdict}",
            present=proposal.voters_present,
            verdict=t("quorum") if proposal.quorum else t("no quorum"),
        )
    )
    return lines


def _who_cannot_come(plan: RangePlan, proposal: Proposal) -> list[str]:
    if not proposal.uncovered:
        return []
    on = proposal.sessions[0].start.date()
    lines = [
        f"   ✗ {no} {plan.name(no)}  {describe(reason, on)}"
        for no, reason in proposal.uncovered[:NAMED]
    ]
    more = len(proposal.uncovered) - NAMED
    if more > 0:
        lines.append("     " + t("… and {count} more (--json lists everyone)", count=more))
    return lines


def _attend(proposal: Proposal) -> str:
    members = len(proposal.covered) + len(proposal.uncovered)
    return f"{len(proposal.covered)}/{members} {proposal.coverage:.0%}"


def _when(session: Session) -> str:
    start, end = session.start, session.end
    return (
        f"{start:%Y-%m-%d} {weekday_label(start.weekday())} "
        f"{start.hour:02d}:{start.minute:02d}–{end.hour:02d}:{end.minute:02d}"
    )
