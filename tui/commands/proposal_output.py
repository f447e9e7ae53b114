"""Proposals as JSON (one shape for any number of sessions) and as a compact text table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from shiftcell.scheduling import (
    Member,
    Proposal,
    Proposals,
    Reason,
    ReasonKind,
    Role,
    Rules,
    Session,
)
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.words.labels import role_label, weekday_label
from shiftcell.tui.words.reasons import describe
from shiftcell.tui.words.textwidth import cells, pad
from shiftcell.tui.words.votes import away_reason, missing_text, vote_line, voters_cell

BAR = 12
LISTED = 10  # absentees named per proposal in text; --json lists all
READABLE = 500  # members up to which JSON is indented


def render_json(proposals: Proposals, members: Sequence[Member] = ()) -> str:
    """``members``: whom the proposals were asked for, to name those away."""
    names = {m.employee_no: m.name for m in members}
    said: Said = {}
    payload: dict[str, object] = {
        "members": proposals.members,
        "purpose": proposals.purpose.value,
        "voters": proposals.voters,
        "needed": proposals.needed,
        "quorum_reached": proposals.quorum_reached,
        "away": [
            {
                "employee_no": no,
                "name": names.get(no, ""),
                "reason": away_reason(),
                "cause": {"kind": "away"},  # like an absentee's: the same in every language
            }
            for no in proposals.away
        ],
        "proposals": [_proposal_json(p, said) for p in proposals.proposals],
    }
    if proposals.blocked_by:
        payload["blocked_by"] = list(proposals.blocked_by)
    # Indented for a person reading a group's answer; compact (and several times
    # faster to write) for thousands of members, which only a program reads.
    indent = 2 if proposals.members <= READABLE else None
    return json.dumps(payload, ensure_ascii=False, indent=indent)


def _proposal_json(proposal: Proposal, said: Said) -> dict[str, object]:
    on = proposal.sessions[0].start.date()
    return {
        "sessions": [
            {
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "latest_start": s.latest_start.isoformat(),
                "attendees": list(s.attendees),
                "absentees": absentees_json(s.absentees, s.start.date(), said),
            }
            for s in proposal.sessions
        ],
        "covered": list(proposal.covered),
        "uncovered": absentees_json(proposal.uncovered, on, said),
        "coverage": round(proposal.coverage, 4),
        "voters": proposal.voters,
        "voters_present": proposal.voters_present,
        "quorum": proposal.quorum,
        "missing_voters": list(proposal.missing_voters),
    }


# Each reason in words and as data, said once: thousands of members share a few
# hundred shifts' hours, and a large proposal names them all.
Said = dict[tuple[Reason, date], tuple[str, dict[str, object]]]


def absentees_json(
    absent: Sequence[tuple[str, Reason]], on: date, said: Said | None = None
) -> list[dict[str, object]]:
    """Who cannot come: ``reason`` for a person, in the UI language; ``cause`` for a
    program, the same in every language."""
    said = {} if said is None else said
    found: list[dict[str, object]] = []
    for no, reason in absent:
        words = said.get((reason, on))
        if words is None:
            words = said[reason, on] = (describe(reason, on), cause(reason))
        found.append({"employee_no": no, "reason": words[0], "cause": words[1]})
    return found


def cause(reason: Reason) -> dict[str, object]:
    """What keeps a member away, as data: its kind, when (ISO, with offset), where;
    for a meeting, which one (``meeting``: its id, ``topic``)."""
    found: dict[str, object] = {
        "kind": reason.kind.value,
        "start": reason.start.isoformat(),
        "end": reason.end.isoformat(),
        "post": reason.post,
    }
    if reason.kind is ReasonKind.MEETING:
        found.update(meeting=reason.meeting, topic=reason.label)
    return found


def render_text(
    proposals: Proposals,
    members: Sequence[Member],
    title: str,
    first: date,
    last: date,
    rules: Rules,
    sessions: int = 1,
) -> str:
    """A header line, notes, then the table of proposals with who cannot come and why."""
    # A leader who cannot come is worth noticing: their role goes beside the name.
    names = {
        m.employee_no: f"{m.name} ({role_label(m.role)})" if m.role is Role.LEADER else m.name
        for m in members
    }
    lines = [
        t(
            "{title} · {members} · {first} – {last} · {duration} min",
            title=title,
            members=tn("{count} member", "{count} members", proposals.members),
            first=f"{first:%Y-%m-%d}",
            last=f"{last:%Y-%m-%d}",
            duration=rules.duration,
        )
    ]
    voting = proposals.purpose.one_sitting
    if voting:
        lines.append(vote_line(proposals.purpose, proposals.voters, proposals.needed))
    if proposals.away:
        away = ", ".join(f"{names.get(no, '')} {no}".strip() for no in proposals.away)
        lines.append(
            t("Away, mobile members ({count}): {who}", count=len(proposals.away), who=away)
        )
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
            tn(
                "{count} session already reaches as many members as {sessions} would.",
                "{count} sessions already reach as many members as {sessions} would.",
                held,
                sessions=sessions,
            )
        )
    if not proposals.proposals:
        # Past times and those within the lead time are never proposed: say so plainly.
        lines.append(t("No time found in these dates; try other dates or a shorter meeting."))
        return "\n".join(lines)
    lines.append("")
    lines.extend(_table(proposals, names))
    if voting and not proposals.quorum_reached:
        lines.extend(["", no_quorum_text(proposals, {m.employee_no: m for m in members})])
    return "\n".join(lines)


def no_quorum_text(proposals: Proposals, members: dict[str, Member]) -> str:
    """No time reaches the quorum: said plainly, with the best reachable and who is missing."""
    if proposals.voters == 0 or not proposals.proposals:
        return t("No time in these dates reaches a quorum.")
    best = proposals.proposals[0]
    return t(
        "No time in these dates reaches a quorum: {needed} of {voters} entitled voters must "
        "be present; the best time, {when}, has {present}. Missing: {who}",
        needed=proposals.needed,
        voters=proposals.voters,
        when=_when(best.sessions[0]),
        present=best.voters_present,
        who=missing_text(best.missing_voters, members),
    )


def _table(proposals: Proposals, names: dict[str, str]) -> list[str]:
    """One row per session, the proposal's coverage on its first; who cannot come below."""
    voting = proposals.purpose.one_sitting
    headers = ["#", t("When"), t("Latest start"), t("Attend"), t("Coverage")]
    headers += [t("Voters"), t("Quorum")] if voting else [t("Quorum")]
    blocks: list[tuple[list[list[str]], list[str]]] = []
    for rank, proposal in enumerate(proposals.proposals, start=1):
        rows = [
            [
                str(rank) if number == 0 else "",
                _when(session),
                _hm(session.latest_start) if session.latest_start > session.start else "",
                str(len(session.attendees)),
                _coverage(proposal, proposals.members) if number == 0 else "",
                *(
                    [voters_cell(proposal.voters_present, proposal.voters) if number == 0 else ""]
                    if voting
                    else []
                ),
                ("✓" if proposal.quorum else "✗") if number == 0 else "",
            ]
            for number, session in enumerate(proposal.sessions)
        ]
        blocks.append((rows, _absentees(proposal, names)))
    widths = [cells(h) for h in headers]
    for rows, _ in blocks:
        for row in rows:
            widths = [max(w, cells(v)) for w, v in zip(widths, row, strict=True)]

    def line(values: list[str]) -> str:
        return "  ".join(pad(v, w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(headers), "  ".join("─" * w for w in widths)]
    for rows, absent in blocks:
        lines.extend(line(row) for row in rows)
        lines.extend(absent)
    return lines


def _coverage(proposal: Proposal, members: int) -> str:
    filled = round(BAR * proposal.coverage)
    count = len(proposal.covered)
    return f"{'█' * filled}{'░' * (BAR - filled)} {count}/{members} {proposal.coverage:.0%}"


def _absentees(proposal: Proposal, names: dict[str, str]) -> list[str]:
    """Who cannot come to any session, and why: at most ``LISTED`` of them."""
    shown = proposal.uncovered[:LISTED]
    if not shown:
        return []
    on = proposal.sessions[0].start.date()
    width = max(len(no) for no, _ in shown)
    name_width = max(cells(names.get(no, "")) for no, _ in shown)
    lines = [
        f"   ✗ {no:<{width}} {pad(names.get(no, ''), name_width)}  {describe(reason, on)}"
        for no, reason in shown
    ]
    more = len(proposal.uncovered) - LISTED
    if more > 0:
        lines.append("     " + t("… and {count} more (--json lists everyone)", count=more))
    return lines


def _when(session: Session) -> str:
    day = session.start.date()
    return f"{weekday_label(day.weekday())} {day:%m-%d} {_hm(session.start)}–{_hm(session.end)}"


def _hm(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"
