"""The ledger (台账) as the three sheets a secretary hands on, in the UI language.

``db.ledger`` gathers the facts; this words them into tables that
``db.sheets`` writes as .xlsx, .csv or Markdown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from shiftcell.db.ledger import Ledger, MemberRecord, Outcome, RequirementRecord
from shiftcell.db.sheets import Cell, Mark, Sheet, Tone
from shiftcell.scheduling.meetings import AttendanceState, Meeting, MeetingType
from shiftcell.tui.i18n import join_list, t
from shiftcell.tui.words.attendance import outcome_label
from shiftcell.tui.words.cadence import cadence_label, whom_label
from shiftcell.tui.words.labels import status_label
from shiftcell.tui.words.meetings import meeting_type_label, when_label
from shiftcell.tui.words.votes import purpose_label

# Names in one cell beyond this are counted, not listed: the attendance sheet has everyone.
MOST_NAMES = 200
TONES = {
    Outcome.PRESENT: Tone.GOOD,
    Outcome.GUEST: Tone.GOOD,
    Outcome.MADE_UP: Tone.MADE_UP,
    Outcome.EXCUSED: Tone.WARN,
    Outcome.NOT_RECORDED: Tone.QUIET,
    Outcome.ABSENT: Tone.BAD,
}
# The worst outcome of a month colours its cell.
WORST_FIRST = (
    Outcome.ABSENT,
    Outcome.EXCUSED,
    Outcome.NOT_RECORDED,
    Outcome.MADE_UP,
    Outcome.PRESENT,
    Outcome.GUEST,
)


def ledger_title(ledger: Ledger) -> str:
    """``台账 2026Q4 · 某大学后勤集团`` (with the group, for a group's ledger)."""
    whose = ledger.group or ledger.organisation
    return t("Ledger {period} · {whose}", period=ledger.period.label, whose=whose)


def ledger_lines(ledger: Ledger) -> list[str]:
    """What a reader should know before the tables: the period, when written, the rules."""
    return [
        t(
            "{first} to {last}, written {written}.",
            first=f"{ledger.period.first:%Y-%m-%d}",
            last=f"{ledger.period.last:%Y-%m-%d}",
            written=f"{ledger.written:%Y-%m-%d %H:%M}",
        ),
        t(
            "Meetings held (not cancelled, already begun); a meeting in repeat sessions counts "
            "once; due so far means periods over, and the current one if already held."
        ),
    ]


def ledger_sheets(ledger: Ledger) -> list[Sheet]:
    return [meetings_sheet(ledger), attendance_sheet(ledger), summary_sheet(ledger)]


# -- meetings ----------------------------------------------------------------------


def meetings_sheet(ledger: Ledger) -> Sheet:
    headers = [
        t("ID"),
        t("Date and time"),
        t("Type"),
        t("Topic"),
        t("Place"),
        t("Groups"),
        t("Invited"),
        t("Present"),
        t("Excused (reason)"),
        t("Absent"),
        t("Not recorded"),
        t("Guests"),
        t("Written opinions"),
        t("Make-up sessions (who came)"),
        t("Still owe a make-up"),
        t("Makes up"),
        t("Notes"),
    ]
    by_id = {m.id: m for m in ledger.meetings}
    rows = [_meeting_row(ledger, m, by_id) for m in ledger.meetings]
    widths = [5, 26, 12, 20, 10, 14, 6, 28, 22, 14, 12, 10, 18, 24, 14, 16, 24]
    return Sheet("meetings", t("Meetings"), headers, rows, widths, frozen=2)


def _meeting_row(ledger: Ledger, meeting: Meeting, by_id: dict[int, Meeting]) -> list[Cell]:
    def names(numbers: Iterable[str]) -> str:
        return _names([ledger.name(no) for no in numbers])

    def marked(state: AttendanceState | None) -> list[str]:
        return [a.employee_no for a in meeting.invited if a.state is state]

    excused = [
        f"{ledger.name(a.employee_no)}: {a.reason}" if a.reason else ledger.name(a.employee_no)
        for a in meeting.invited
        if a.state is AttendanceState.EXCUSED
    ]
    first = meeting.id == meeting.head  # a series' make-ups and debts go on its first row
    made_up = ledger.record.made_up_by(meeting.head) if first else {}
    sessions: dict[int, tuple[Meeting, list[str]]] = {}  # by id: a meeting hashes slowly
    for employee_no, session in made_up.items():
        sessions.setdefault(session.id, (session, []))[1].append(employee_no)
    make_ups = "\n".join(
        t(
            "{when} (meeting {id}): {names}",
            when=f"{session.start:%Y-%m-%d %H:%M}",
            id=session.id,
            names=names(nos),
        )
        for session, nos in sessions.values()
    )
    owing = [d.employee_no for d in ledger.record.debts(meeting.head)] if first else []
    return [
        meeting.id,
        when_label(meeting),
        _type(meeting),
        meeting.topic,
        meeting.place,
        join_list(meeting.groups),
        len(meeting.invited),
        names(marked(AttendanceState.PRESENT)),
        _names(excused),
        names(marked(AttendanceState.ABSENT)),
        names(marked(None)),
        names(meeting.guests),
        _written_opinions(ledger, meeting),
        make_ups,
        names(owing),
        _makes_up(meeting, by_id),
        meeting.notes,
    ]


def _type(meeting: Meeting) -> str:
    """``general meeting · vote``: a vote or an election says so."""
    kind = meeting_type_label(meeting.type)
    if meeting.purpose.one_sitting:
        return f"{kind} · {purpose_label(meeting.purpose)}"
    return kind


def _written_opinions(ledger: Ledger, meeting: Meeting) -> str:
    """Absent voters' written opinions received (``王芳: 同意``), one per line."""
    return "\n".join(
        f"{ledger.name(o.employee_no)}: {o.note}" if o.note else ledger.name(o.employee_no)
        for o in meeting.written_opinions
    )


def _makes_up(meeting: Meeting, by_id: dict[int, Meeting]) -> str:
    if meeting.type is not MeetingType.MAKE_UP:
        return ""
    found = []
    for head in meeting.makes_up:
        original = by_id.get(head)
        if original is None:  # held before this ledger's period
            found.append(t("meeting {id}", id=head))
        else:
            found.append(
                t(
                    "{day} {type} (meeting {id})",
                    day=f"{original.start:%Y-%m-%d}",
                    type=meeting_type_label(original.type),
                    id=head,
                )
            )
    return "\n".join(found)


def _names(names: Sequence[str]) -> str:
    if len(names) <= MOST_NAMES:
        return join_list(names)
    return t(
        "{names} and {count} more (see the attendance sheet)",
        names=join_list(names[:MOST_NAMES]),
        count=len(names) - MOST_NAMES,
    )


# -- attendance --------------------------------------------------------------------


def attendance_sheet(ledger: Ledger) -> Sheet:
    months = [f"{p.first:%Y-%m}" for p in ledger.months]
    headers = [
        t("No."),
        t("Name"),
        t("Group"),
        t("Status"),
        *months,
        t("Invited"),
        t("Present or made up"),
        t("Rate"),
    ]
    labels = {o: outcome_label(o) for o in Outcome}  # once, not once a cell
    rows = [_member_row(record, labels) for record in ledger.members]
    widths = [10, 10, 16, 12, *[16] * len(months), 8, 12, 8]
    return Sheet("attendance", t("Attendance"), headers, rows, widths, frozen=2)


def _member_row(record: MemberRecord, labels: dict[Outcome, str]) -> list[Cell]:
    member = record.member
    invited = record.count(*(o for o in Outcome if o is not Outcome.GUEST))
    return [
        member.employee_no,
        member.name,
        member.group or "—",
        status_label(member.status),
        *(_month_cell(outcomes, labels) for outcomes in record.months),
        invited,
        record.count(Outcome.PRESENT, Outcome.MADE_UP),
        record.rate,
    ]


def _month_cell(outcomes: Sequence[Outcome], labels: dict[Outcome, str]) -> Cell:
    """``present``, ``present ×2, absent``: each outcome once, counted; "not invited" if none."""
    if not outcomes:
        return Mark(t("not invited"), Tone.QUIET)
    if len(outcomes) == 1:
        return Mark(labels[outcomes[0]], TONES[outcomes[0]])
    counts = Counter(outcomes)
    text = join_list(
        labels[o] + (f" ×{counts[o]}" if counts[o] > 1 else "") for o in dict.fromkeys(outcomes)
    )
    worst = next(o for o in WORST_FIRST if o in counts)
    return Mark(text, TONES[worst])


# -- summary -----------------------------------------------------------------------


def summary_sheet(ledger: Ledger) -> Sheet:
    headers = [
        t("Group, branch or committee"),
        t("Requirement"),
        t("Cadence"),
        t("Held"),
        t("Due so far"),
        t("Not held in"),
        t("Meetings"),
        t("Attendance rate"),
    ]
    rows = [_requirement_row(r) for r in ledger.requirements]
    widths = [18, 18, 10, 8, 10, 30, 10, 12]
    return Sheet("summary", t("Summary"), headers, rows, widths, frozen=2)


def _requirement_row(standing: RequirementRecord) -> list[Cell]:
    requirement = standing.requirement
    missed = standing.missed
    return [
        whom_label(standing.who, requirement.reach),
        meeting_type_label(requirement.kind),
        cadence_label(requirement.cadence),
        Mark(len(standing.held), Tone.BAD if missed else Tone.GOOD),
        len(standing.due),
        join_list(p.label for p in missed),
        standing.meetings,
        standing.rate,
    ]
