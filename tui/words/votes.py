"""How purposes, mobile members, votes and the pipeline's steps read in the UI language."""

from __future__ import annotations

from datetime import date

from shiftcell.scheduling import Member, Mobility, Purpose, Status
from shiftcell.scheduling.meetings import Meeting
from shiftcell.scheduling.pipeline import Entry, Step
from shiftcell.scheduling.votes import Count
from shiftcell.tui.i18n import t


def purpose_label(purpose: Purpose) -> str:
    return {
        Purpose.STUDY: t("study"),
        Purpose.VOTE: t("vote"),
        Purpose.ELECTION: t("election"),
    }[purpose]


def mobility_label(mobility: Mobility) -> str:
    """A roster's badge: ours and away, or from elsewhere."""
    return {Mobility.OUT: t("mobile, away"), Mobility.IN: t("mobile, from elsewhere")}[mobility]


def mobility_mark(mobility: Mobility) -> str:
    """The short form, for the app's roster."""
    return {Mobility.OUT: t("out"), Mobility.IN: t("in")}[mobility]


def away_reason() -> str:
    """Why a member away is not asked about, beside the reasons of those on shift."""
    return t("away, mobile member")


def vote_line(purpose: Purpose, voters: int, needed: int) -> str:
    """``vote · 9 entitled voters, 5 present make a quorum``."""
    if voters == 0:
        return t(
            "{purpose} · nobody here is entitled to vote (full members; not probationary "
            "members or members from elsewhere)",
            purpose=purpose_label(purpose),
        )
    return t(
        "{purpose} · {voters} entitled voters, {needed} present make a quorum",
        purpose=purpose_label(purpose),
        voters=voters,
        needed=needed,
    )


def voters_cell(present: int, voters: int) -> str:
    return f"{present}/{voters}"


def missing_text(missing: tuple[str, ...], members: dict[str, Member]) -> str:
    """``王芳 HQ0003, 李强 HQ0007 (away, mobile member)``: entitled voters who cannot come."""
    parts = []
    for no in missing:
        member = members.get(no)
        name = f"{member.name} {no}" if member else no
        if member is not None and member.mobile is Mobility.OUT:
            name = t("{name} ({reason})", name=name, reason=away_reason())
        parts.append(name)
    return ", ".join(parts)


def opinions_hint(missing: tuple[str, ...], members: dict[str, Member]) -> str:
    """Who cannot attend a vote: collect their written opinions before it."""
    return t(
        "Entitled voters who cannot attend ({count}): {who}. Collect their written "
        "opinions before the meeting.",
        count=len(missing),
        who=missing_text(missing, members),
    )


def vote_summary(count: Count, meeting: Meeting, members: dict[str, Member]) -> str:
    """Before a vote: entitled voters free at its time, and whose opinions are still to come."""
    line = t(
        "{present} of {voters} entitled voters can attend: {verdict}.",
        present=count.present,
        voters=count.voters,
        verdict=t("quorum") if count.quorum else t("no quorum"),
    )
    given = {o.employee_no for o in meeting.written_opinions}
    pending = tuple(no for no in count.missing if no not in given)
    if pending:
        line += " " + opinions_hint(pending, members)
    return line


def step_label(step: Step) -> str:
    return {
        Step.TALK: t("talk with the applicant"),
        Step.NAME_ACTIVIST: t("may be named an activist"),
        Step.REVIEW: t("six-monthly review"),
        Step.BECOME_TARGET: t("may become a development target"),
        Step.ADMISSION: t("admission vote"),
        Step.CONVERSION: t("conversion vote"),
    }[step]


def due_label(entry: Entry, as_of: date) -> str:
    """When the next step falls due: a date, "overdue since", "open since", or none."""
    due = entry.next
    if due.on is None:
        dated = due.step in (Step.BECOME_TARGET, Step.CONVERSION)
        return t("date unknown") if dated else "—"
    if due.on >= as_of:
        return f"{due.on:%Y-%m-%d}"
    if entry.overdue(as_of):
        return t("overdue since {day}", day=f"{due.on:%Y-%m-%d}")
    return t("from {day}", day=f"{due.on:%Y-%m-%d}")


def stage_label(status: Status) -> str:
    from shiftcell.tui.words.labels import status_label

    return status_label(status)


def flag_label(entry: Entry) -> str:
    """细则 art. 19: a contract ending too soon for an admission."""
    ends = entry.member.contract_ends
    if not entry.contract_ends_soon or ends is None:
        return ""
    return t("contract ends {day}", day=f"{ends:%Y-%m-%d}")
