"""Proposals as JSON (one shape for any number of sessions) and as a compact text table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from scheduling import Member, Proposal, Proposals, Reason, Rules, Session
from tui.i18n import t
from tui.labels import weekday_label
from tui.reasons import describe
from tui.textwidth import pad

BAR = 12
LISTED = 10  # absentees named per proposal in text; --json lists all
READABLE = 500  # members up to which JSON is indented


def render_json(proposals: Proposals) -> str:
    payload: dict[str, object] = {
        "members": proposals.members,
        "proposals": [_proposal_json(p) for p in proposals.proposals],
    }
    if proposals.blocked_by:
        payload["blocked_by"] = list(proposals.blocked_by)
    # Indented for a person reading a group's answer; compact (and several times
    # faster to write) for thousands of members, which only a program reads.
    indent = 2 if proposals.members <= READABLE else None
    return json.dumps(payload, ensure_ascii=False, indent=indent)


def _proposal_json(proposal: Proposal) -> dict[str, object]:
    on = proposal.sessions[0].start.date()
    return {
        "sessions": [
            {
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "latest_start": s.latest_start.isoformat(),
                "attendees": list(s.attendees),
                "absentees": _absentees_json(s.absentees, s.start.date()),
            }
            for s in proposal.sessions
        ],
        "covered": list(proposal.covered),
        "uncovered": _absentees_json(proposal.uncovered, on),
        "coverage": round(proposal.coverage, 4),
        "quorum": proposal.quorum,
    }


def _absentees_json(absent: Sequence[tuple[str, Reason]], on: date) -> list[dict[str, str]]:
    return [{"employee_no": no, "reason": describe(reason, on)} for no, reason in absent]


def render_text(
    proposals: Proposals,
    members: Sequence[Member],
    title: str,
    first: date,
    last: date,
    rules: Rules,
    sessions: int = 1,
) -> str:
    """A header, then one block per proposal: coverage bar, quorum, sessions, who cannot come."""
    names = {m.employee_no: m.name for m in members}
    lines = [
        t(
            "{title} · {members} members · {first} – {last} · {duration} min",
            title=title,
            members=proposals.members,
            first=f"{first:%Y-%m-%d}",
            last=f"{last:%Y-%m-%d}",
            duration=rules.duration,
        )
    ]
    if proposals.blocked_by:
        blockers = ", ".join(f"{no} {names.get(no, '')}".strip() for no in proposals.blocked_by)
        lines.append(t("No time suits every required member; blocked by: {who}", who=blockers))
        return "\n".join(lines)
    if not proposals.exact:
        lines.append(
            t(
                "Repeat sessions chosen greedily: at least 63% of the best possible coverage "
                "(too large for the exact search)."
            )
        )
    held = max((len(p.sessions) for p in proposals.proposals), default=sessions)
    if held < sessions:
        lines.append(
            t(
                "{held} session(s) already reach as many members as {sessions} would.",
                held=held,
                sessions=sessions,
            )
        )
    for rank, proposal in enumerate(proposals.proposals, start=1):
        lines.append("")
        lines.extend(_proposal_text(rank, proposal, proposals.members, names))
    return "\n".join(lines)


def _proposal_text(rank: int, proposal: Proposal, members: int, names: dict[str, str]) -> list[str]:
    count = len(proposal.covered)
    filled = round(BAR * proposal.coverage)
    quorum = t("quorum") if proposal.quorum else t("no quorum")
    lines = [
        f"{rank}. {'█' * filled}{'░' * (BAR - filled)} {count}/{members} "
        f"({proposal.coverage:.0%}) · {quorum}"
    ]
    several = len(proposal.sessions) > 1
    for number, session in enumerate(proposal.sessions, start=1):
        prefix = t("Session {number}: ", number=number) if several else ""
        lines.append(f"   {prefix}{_when(session)}")
    if proposal.uncovered:
        lines.append("   " + (t("Cannot attend any session:") if several else t("Cannot attend:")))
        on = proposal.sessions[0].start.date()
        width = max(len(no) for no, _ in proposal.uncovered[:LISTED])
        name_width = max(_cells(names.get(no, "")) for no, _ in proposal.uncovered[:LISTED])
        for no, reason in proposal.uncovered[:LISTED]:
            who = f"{no:<{width}} {pad(names.get(no, ''), name_width)}"
            lines.append(f"     {who}  {describe(reason, on)}")
        more = len(proposal.uncovered) - LISTED
        if more > 0:
            lines.append("     " + t("… and {count} more (--json lists everyone)", count=more))
    return lines


def _when(session: Session) -> str:
    day = session.start.date()
    text = f"{weekday_label(day.weekday())} {day:%m-%d} {_hm(session.start)}–{_hm(session.end)}"
    if session.latest_start > session.start:
        text += " · " + t("any start until {time}", time=_hm(session.latest_start))
    return text + " · " + t("{count} attend", count=len(session.attendees))


def _hm(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def _cells(text: str) -> int:
    from tui.textwidth import cells

    return cells(text)
