"""What a meeting's page shows, read in one go and drawn by ``screens.meeting``.

``read_meeting_page`` gathers the meeting, its sessions, its make-up sessions,
the members it names and who is free at its time (run in a worker); the
functions below turn that into the page's heading, details, summary and the
rows of the invited and the guests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rich.table import Table
from rich.text import Text

from shiftcell.db.planning import Planner
from shiftcell.db.store import Store
from shiftcell.scheduling import Member, Reason, votes
from shiftcell.scheduling.make_ups import MakeUps
from shiftcell.scheduling.meetings import Attendance, AttendanceState, Meeting
from shiftcell.tui.i18n import join_list, t
from shiftcell.tui.words.attendance import made_up_lines, makes_up_label
from shiftcell.tui.words.labels import status_label as member_status_label
from shiftcell.tui.words.meetings import (
    attendance_label,
    meeting_type_label,
    status_label,
    when_label,
)
from shiftcell.tui.words.reasons import describe
from shiftcell.tui.words.votes import away_reason, mobility_mark, purpose_label, vote_summary

STATE_STYLES = {
    AttendanceState.PRESENT: "green",
    AttendanceState.EXCUSED: "yellow",
    AttendanceState.ABSENT: "bold red",
    None: "dim",
}
GUEST_STYLE = "cyan"


@dataclass
class MeetingPage:
    meeting: Meeting
    series: list[Meeting]
    members: dict[str, Member]
    outlook: dict[str, Reason | None] = field(default_factory=dict)
    # make-up sessions for this meeting, and the meetings this one makes up
    make_ups: list[Meeting] = field(default_factory=list)
    makes_up: list[Meeting] = field(default_factory=list)
    count: votes.Count | None = None  # a vote's entitled voters, free at its time
    record_of: MakeUps = field(init=False)
    owing: tuple[str, ...] = field(init=False)  # who still owes a make-up session

    def __post_init__(self) -> None:
        self.record_of = MakeUps([*self.series, *self.make_ups])
        self.owing = tuple(d.employee_no for d in self.record_of.debts(self.meeting.head))

    def name(self, employee_no: str) -> str:
        return member_name(self.members, employee_no)


def read_meeting_page(store: Store, meeting_id: int) -> MeetingPage | None:
    """The page of this meeting; None when there is no such meeting in the store's view."""
    from shiftcell.db.meetings import MeetingNotFound

    try:
        meeting = store.meetings.get(meeting_id)
    except MeetingNotFound:
        return None
    book = store.meetings
    series = book.series(meeting_id)
    make_ups = book.make_ups_for(meeting_id)
    makes_up = [book.get(i) for i in meeting.makes_up]
    wanted = sorted(
        {a.employee_no for s in series for a in s.invited}
        | set(meeting.guests)
        | {no for m in make_ups for no in m.present}
    )
    members = {m.employee_no: m for m in store.members(employee_nos=wanted)}
    planner = Planner(store)
    free = {} if meeting.cancelled else planner.outlook(meeting)
    count = None if meeting.cancelled or meeting.recorded else planner.vote_count(meeting)
    return MeetingPage(meeting, series, members, free, make_ups, makes_up, count)


def member_name(members: dict[str, Member], employee_no: str) -> str:
    member = members.get(employee_no)
    return member.name if member else employee_no


def title(page: MeetingPage) -> str:
    return f"{meeting_type_label(page.meeting.type)} · {page.meeting.topic}"


def details(page: MeetingPage, now: datetime) -> Table:
    meeting, series = page.meeting, page.series
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    state = status_label(meeting, now)
    if len(series) > 1:
        index = [s.id for s in series].index(meeting.id) + 1
        state += " · " + t("session {index} of {count}", index=index, count=len(series))
    grid.add_row(t("When"), when_label(meeting), t("Place"), meeting.place or "—")
    grid.add_row(t("Groups"), " ".join(meeting.groups) or "—", t("State"), state)
    if page.makes_up:
        grid.add_row(t("Makes up"), join_list(map(makes_up_label, page.makes_up)))
    if meeting.purpose.one_sitting:
        opinions = ", ".join(page.name(o.employee_no) for o in meeting.written_opinions)
        grid.add_row(
            t("Purpose"), purpose_label(meeting.purpose), t("Written opinions"), opinions or "—"
        )
    if meeting.notes:
        grid.add_row(t("Notes"), meeting.notes)
    return grid


def summary(page: MeetingPage, now: datetime) -> Text:
    meeting = page.meeting
    counts = {state: 0 for state in STATE_STYLES}
    for attendance in meeting.invited:
        counts[attendance.state] += 1
    text = Text()
    if meeting.cancelled:
        text.append(t("This meeting was cancelled."), style="bold red")
        return text
    if not meeting.recorded:
        free = sum(reason is None for reason in page.outlook.values())
        if page.outlook:
            text.append(
                t(
                    "{count} invited, {free} free at that time.",
                    count=len(meeting.invited),
                    free=free,
                )
                + " "
            )
        else:
            text.append(t("{count} invited.", count=len(meeting.invited)) + " ")
        if meeting.start.timestamp() > now.timestamp():
            text.append(t("Attendance is recorded once the meeting has begun."))
        else:
            text.append(t("Nothing recorded yet."))
        _guests(meeting, text)
        if page.count is not None:
            text.append("\n" + vote_summary(page.count, meeting, page.members))
        return text
    rate = meeting.attendance_rate or 0.0
    text.append(
        t(
            "{present} of {invited} present ({rate:.0%})",
            present=counts[AttendanceState.PRESENT],
            invited=len(meeting.invited),
            rate=rate,
        ),
        style="bold",
    )
    text.append(" · " + t("{count} excused", count=counts[AttendanceState.EXCUSED]))
    text.append(" · " + t("{count} absent", count=counts[AttendanceState.ABSENT]))
    if counts[None]:
        text.append(" · " + t("{count} not recorded", count=counts[None]), style="dim")
    _guests(meeting, text)
    names = join_list(map(page.name, page.owing)) if page.owing else t("nobody")
    text.append("\n" + t("Needs a make-up session: {members}", members=names))
    for line in made_up_lines(page.record_of.made_up_by(meeting.head), page.name):
        text.append("\n" + line, style="green")
    return text


def _guests(meeting: Meeting, text: Text) -> None:
    if meeting.guests:
        text.append(" · " + t("guests: {count}", count=len(meeting.guests)), style=GUEST_STYLE)


def record_headers() -> list[str]:
    return [
        t("No."),
        t("Name"),
        t("Attendance"),
        t("Reason"),
        t("At that time"),
        t("Group"),
        t("Status"),
    ]


def record_rows(page: MeetingPage) -> list[tuple[str, list[str | Text]]]:
    """The invited, then the guests, each by employee number."""
    rows = [(a.employee_no, _row(page, a)) for a in page.meeting.invited]
    rows += [(no, _guest_row(page, no)) for no in page.meeting.guests]
    return rows


def _row(page: MeetingPage, attendance: Attendance) -> list[str | Text]:
    member = page.members.get(attendance.employee_no)
    return [
        attendance.employee_no,
        member.name if member else "?",
        Text(attendance_label(attendance.state), style=STATE_STYLES[attendance.state]),
        attendance.reason,
        _at_that_time(page, attendance.employee_no),
        (member.group or "—") if member else "",
        _status(member),
    ]


def _guest_row(page: MeetingPage, employee_no: str) -> list[str | Text]:
    """Someone who came without an invitation: present, apart from the invited."""
    member = page.members.get(employee_no)
    return [
        employee_no,
        member.name if member else "?",
        Text(t("guest"), style=GUEST_STYLE),
        "",
        "",
        (member.group or "—") if member else "",
        _status(member),
    ]


def _at_that_time(page: MeetingPage, employee_no: str) -> Text:
    """Free, or the shift, rest or leave that keeps the member away; or away itself."""
    member = page.members.get(employee_no)
    if member is not None and votes.is_away(member):
        return Text(away_reason(), style="yellow")
    if employee_no not in page.outlook:
        return Text("")
    reason = page.outlook[employee_no]
    if reason is None:
        return Text(t("free"), style="green")
    return Text(describe(reason, page.meeting.start.date()), style="yellow")


def _status(member: Member | None) -> str:
    """The member's status; a mobile member's direction beside it (votes depend on both)."""
    if member is None:
        return ""
    mobile = f" · {mobility_mark(member.mobile)}" if member.mobile else ""
    return member_status_label(member.status) + mobile
