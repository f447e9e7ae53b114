"""One meeting: who is invited, when and where; afterwards, who came and who owes a 补课."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from shiftcell.db.planning import Planner
from shiftcell.db.store import Store
from shiftcell.scheduling import Member, Reason, votes
from shiftcell.scheduling.make_ups import MakeUps
from shiftcell.scheduling.meetings import Attendance, AttendanceState, Meeting
from shiftcell.tui.i18n import join_list, t
from shiftcell.tui.screens.add_guest import find_guest
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.key_footer import KeyFooter
from shiftcell.tui.widgets.record_table import Cell, RecordTable
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
RECORDING = {"present", "excused", "absent", "all_present", "notes", "guest"}


class MeetingScreen(AppScreen):
    CSS_PATH = "meeting.tcss"
    # esc first: the footer keeps whole keys in this order as far as the width goes
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("p", "present", "Present"),
        Binding("x", "excused", "Excused"),
        Binding("a", "absent", "Absent"),
        Binding("P", "all_present", "All present"),
        Binding("n", "notes", "Notes"),
        Binding("u", "make_up", "Make-up"),
        Binding("w", "written_opinion", "Written opinion"),
        Binding("c", "cancel_meeting", "Call off"),
        Binding("e", "export", "Export"),
        # Last: at 80 columns the footer drops it before the keys used at every meeting.
        Binding("g", "guest", "Guest"),
    ]

    @dataclass
    class Loaded(Message):
        meeting: Meeting | None  # None: no such meeting within the scope shown
        series: list[Meeting]
        members: dict[str, Member]
        notice: str = ""
        outlook: dict[str, Reason | None] = field(default_factory=dict)
        # make-up sessions for this meeting, and the meetings this one makes up
        make_ups: list[Meeting] = field(default_factory=list)
        makes_up: list[Meeting] = field(default_factory=list)
        count: votes.Count | None = None  # a vote's entitled voters, free at its time

    def __init__(self, store: Store, settings: Settings, meeting_id: int, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.meeting_id = meeting_id
        self.now = now
        self.meeting: Meeting | None = None
        self.members: dict[str, Member] = {}
        self.outlook: dict[str, Reason | None] = {}
        self.count: votes.Count | None = None
        self.owing: tuple[str, ...] = ()
        self.record_of = MakeUps([])
        self.makes_up: list[Meeting] = []
        self._writing = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Static(t("Loading…"), id="title")
        yield Static(id="details")
        yield Static(id="summary")
        yield RecordTable(id="invited")
        # The palette (ctrl+p) still works; its label would push keys off 80 columns.
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load()

    # -- reading and writing (in workers) --------------------------------------

    @work(thread=True, exclusive=True, group="meeting")
    def load(self) -> None:
        self.post_message(self._read())

    # Writes are never exclusive (a second key must not drop the first one's
    # record); the lock keeps them, and the pages they send back, in key order.
    @work(thread=True, group="meeting-write")
    def record(
        self, entries: dict[str, tuple[AttendanceState, str]], notes: str | None = None
    ) -> None:
        with self._writing:
            self.store.attendance.record(self.meeting_id, entries, notes=notes)
            self.post_message(self._read(t("Saved.")))

    @work(thread=True, group="meeting-write")
    def record_opinion(self, employee_no: str, give: bool) -> None:
        with self._writing:
            opinions = self.store.attendance.record_opinions
            if give:
                opinions(self.meeting_id, {employee_no: ""})
            else:
                opinions(self.meeting_id, {}, [employee_no])
            self.post_message(self._read(t("Saved.")))

    @work(thread=True, group="meeting-write")
    def add_guest(self, who: str) -> None:
        """Record someone not invited as a guest, found by employee number or name."""
        with self._writing:
            found, problem = find_guest(self.store.members(), self.meeting, who)
            if found is None:
                self.app.call_from_thread(self.notify, problem, severity="error")
                return
            self.store.attendance.record(self.meeting_id, {}, guests=[found.employee_no])
            self.post_message(self._read(t("{name} recorded as a guest.", name=found.name)))

    @work(thread=True, group="meeting-write")
    def remove_guest(self, employee_no: str, name: str) -> None:
        with self._writing:
            self.store.attendance.record(self.meeting_id, {}, not_guests=[employee_no])
            self.post_message(self._read(t("{name} is no longer recorded as a guest.", name=name)))

    @work(thread=True, group="meeting-write")
    def cancel(self) -> None:
        with self._writing:
            self.store.meetings.cancel(self.meeting_id)
            self.post_message(self._read(t("Meeting cancelled.")))

    def _read(self, notice: str = "") -> Loaded:
        from shiftcell.db.meetings import MeetingNotFound

        try:
            meeting = self.store.meetings.get(self.meeting_id)
        except MeetingNotFound:
            return self.Loaded(None, [], {})
        book = self.store.meetings
        series = book.series(self.meeting_id)
        make_ups = book.make_ups_for(self.meeting_id)
        makes_up = [book.get(i) for i in meeting.makes_up]
        wanted = sorted(
            {a.employee_no for s in series for a in s.invited}
            | set(meeting.guests)
            | {no for m in make_ups for no in m.present}
        )
        members = {m.employee_no: m for m in self.store.members(employee_nos=wanted)}
        planner = Planner(self.store)
        free = {} if meeting.cancelled else planner.outlook(meeting)
        count = None if meeting.cancelled or meeting.recorded else planner.vote_count(meeting)
        return self.Loaded(meeting, series, members, notice, free, make_ups, makes_up, count)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.meeting is None:
            self.query_one("#title", Static).update(
                t("no meeting with ID {id}", id=self.meeting_id)
            )
            return
        self.meeting, self.members, self.outlook = event.meeting, event.members, event.outlook
        self.record_of = MakeUps([*event.series, *event.make_ups])
        self.owing = tuple(d.employee_no for d in self.record_of.debts(event.meeting.head))
        self.makes_up = event.makes_up
        self.count = event.count
        self._show(event.meeting, event.series)
        self.refresh_bindings()
        if event.notice:
            self.notify(event.notice)

    # -- drawing -------------------------------------------------------------

    def _show(self, meeting: Meeting, series: list[Meeting]) -> None:
        title = f"{meeting_type_label(meeting.type)} · {meeting.topic}"
        self.query_one("#title", Static).update(title)
        self.query_one("#details", Static).update(self._details(meeting, series))
        self.query_one("#summary", Static).update(self._summary(meeting, series))
        headers = [
            t("No."),
            t("Name"),
            t("Attendance"),
            t("Reason"),
            t("At that time"),
            t("Group"),
            t("Status"),
        ]
        rows = [(a.employee_no, self._row(a)) for a in meeting.invited]
        rows += [(no, self._guest_row(no)) for no in meeting.guests]
        self.query_one(RecordTable).show(headers, rows)

    def _details(self, meeting: Meeting, series: list[Meeting]) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        state = status_label(meeting, self.now)
        if len(series) > 1:
            index = [s.id for s in series].index(meeting.id) + 1
            state += " · " + t("session {index} of {count}", index=index, count=len(series))
        grid.add_row(t("When"), when_label(meeting), t("Place"), meeting.place or "—")
        grid.add_row(t("Groups"), " ".join(meeting.groups) or "—", t("State"), state)
        if self.makes_up:
            grid.add_row(t("Makes up"), join_list(map(makes_up_label, self.makes_up)))
        if meeting.purpose.one_sitting:
            opinions = ", ".join(self._member_name(o.employee_no) for o in meeting.written_opinions)
            grid.add_row(
                t("Purpose"), purpose_label(meeting.purpose), t("Written opinions"), opinions or "—"
            )
        if meeting.notes:
            grid.add_row(t("Notes"), meeting.notes)
        return grid

    def _summary(self, meeting: Meeting, series: list[Meeting]) -> Text:
        counts = {state: 0 for state in STATE_STYLES}
        for attendance in meeting.invited:
            counts[attendance.state] += 1
        text = Text()
        if meeting.cancelled:
            text.append(t("This meeting was cancelled."), style="bold red")
            return text
        if not meeting.recorded:
            free = sum(reason is None for reason in self.outlook.values())
            if self.outlook:
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
            if meeting.start.timestamp() > self.now.timestamp():
                text.append(t("Attendance is recorded once the meeting has begun."))
            else:
                text.append(t("Nothing recorded yet."))
            self._guests(meeting, text)
            if self.count is not None:
                text.append("\n" + vote_summary(self.count, meeting, self.members))
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
        self._guests(meeting, text)
        names = join_list(map(self._member_name, self.owing)) if self.owing else t("nobody")
        text.append("\n" + t("Needs a make-up session: {members}", members=names))
        for line in made_up_lines(self.record_of.made_up_by(meeting.head), self._member_name):
            text.append("\n" + line, style="green")
        return text

    def _away(self, employee_no: str) -> bool:
        member = self.members.get(employee_no)
        return member is not None and votes.is_away(member)

    @staticmethod
    def _guests(meeting: Meeting, text: Text) -> None:
        if meeting.guests:
            text.append(" · " + t("guests: {count}", count=len(meeting.guests)), style=GUEST_STYLE)

    def _row(self, attendance: Attendance) -> list[Cell]:
        member = self.members.get(attendance.employee_no)
        return [
            attendance.employee_no,
            member.name if member else "?",
            Text(attendance_label(attendance.state), style=STATE_STYLES[attendance.state]),
            attendance.reason,
            self._at_that_time(attendance.employee_no),
            (member.group or "—") if member else "",
            _status(member),
        ]

    def _guest_row(self, employee_no: str) -> list[Cell]:
        """Someone who came without an invitation: present, apart from the invited."""
        member = self.members.get(employee_no)
        return [
            employee_no,
            member.name if member else "?",
            Text(t("guest"), style=GUEST_STYLE),
            "",
            "",
            (member.group or "—") if member else "",
            _status(member),
        ]

    def _at_that_time(self, employee_no: str) -> Text:
        """Free, or the shift, rest or leave that keeps the member away; or away itself."""
        if self._away(employee_no):
            return Text(away_reason(), style="yellow")
        if self.meeting is None or employee_no not in self.outlook:
            return Text("")
        reason = self.outlook[employee_no]
        if reason is None:
            return Text(t("free"), style="green")
        return Text(describe(reason, self.meeting.start.date()), style="yellow")

    def _member_name(self, employee_no: str) -> str:
        member = self.members.get(employee_no)
        return member.name if member else employee_no

    # -- actions -------------------------------------------------------------

    def may_change(self) -> bool:
        """This view may change this meeting: not read-only, and a group's leader only
        their own group's (the store would refuse the rest anyway)."""
        meeting = self.meeting
        return (
            meeting is not None
            and not self.settings.read_only
            and self.store.access.may_change(meeting.groups)
        )

    def can_record(self) -> bool:
        meeting = self.meeting
        return (
            meeting is not None
            and self.may_change()
            and not meeting.cancelled
            and meeting.start.timestamp() <= self.now.timestamp()
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in RECORDING:
            return self.can_record()
        if action == "make_up":
            return (
                bool(self.owing)
                and not self.settings.read_only
                and self.store.access.may_change(self._make_up_groups())
            )
        if action == "written_opinion":
            meeting = self.meeting
            voting = meeting is not None and meeting.purpose.one_sitting and not meeting.cancelled
            return voting and self.may_change()
        if action == "cancel_meeting":
            meeting = self.meeting
            return self.may_change() and meeting is not None and not meeting.cancelled
        if action == "export":
            return not self.settings.read_only
        return True

    def _make_up_groups(self) -> tuple[str, ...]:
        """A make-up session is held for the meeting's groups; a group's leader holds one
        for their own group's members."""
        group = self.store.access.group
        if group is not None:
            return (group,)
        return self.meeting.groups if self.meeting else ()

    def selected(self) -> str | None:
        return self.query_one(RecordTable).selected_key()

    def _mark(self, state: AttendanceState, reason: str = "") -> None:
        employee_no = self.selected()
        if employee_no is None or not self.can_record():
            return
        if self.meeting is not None and employee_no in self.meeting.guests:
            # A guest came, or is no guest: "absent" takes them off the record.
            if state is AttendanceState.ABSENT:
                self.remove_guest(employee_no, self._member_name(employee_no))
            return
        table = self.query_one(RecordTable)
        table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1))
        self.record({employee_no: (state, reason)})

    def action_present(self) -> None:
        self._mark(AttendanceState.PRESENT)

    def action_absent(self) -> None:
        self._mark(AttendanceState.ABSENT)

    def action_excused(self) -> None:
        from shiftcell.tui.screens.excuse_reason import ExcuseReasonScreen

        employee_no = self.selected()
        if employee_no is None or self.meeting is None or not self.can_record():
            return
        if employee_no in self.meeting.guests:
            return  # a guest came: there is nothing to excuse
        previous = next(
            (a.reason for a in self.meeting.invited if a.employee_no == employee_no), ""
        )

        def given(reason: str | None) -> None:
            if reason:
                self._mark(AttendanceState.EXCUSED, reason)

        self.app.push_screen(ExcuseReasonScreen(self._member_name(employee_no), previous), given)

    def action_written_opinion(self) -> None:
        """The selected voter's written opinion received, or taken back when it was."""
        from shiftcell.scheduling.meetings import opinion_refused

        meeting, employee_no = self.meeting, self.selected()
        if meeting is None or employee_no is None or self.settings.read_only:
            return
        given = any(o.employee_no == employee_no for o in meeting.written_opinions)
        if not given:
            refused = opinion_refused(meeting, employee_no, self.members.get(employee_no))
            if refused is not None:
                self.notify(t(refused, id=meeting.id, value=employee_no), severity="warning")
                return
        self.record_opinion(employee_no, not given)

    def action_all_present(self) -> None:
        """Everyone not yet recorded was there: the common case, in one key."""
        if self.meeting is None or not self.can_record():
            return
        rest = {
            a.employee_no: (AttendanceState.PRESENT, "")
            for a in self.meeting.invited
            if a.state is None
        }
        if rest:
            self.record(rest)

    def action_notes(self) -> None:
        from shiftcell.tui.screens.meeting_notes import MeetingNotesScreen

        if self.meeting is None or not self.can_record():
            return

        def written(notes: str | None) -> None:
            if notes is not None:
                self.record({}, notes)

        self.app.push_screen(MeetingNotesScreen(self.meeting.notes), written)

    def action_guest(self) -> None:
        """Someone came who was not invited (a mobile member from elsewhere)."""
        from shiftcell.tui.screens.add_guest import AddGuestScreen

        if self.meeting is None or not self.can_record():
            return

        def given(who: str | None) -> None:
            if who:
                self.add_guest(who)

        self.app.push_screen(AddGuestScreen(), given)

    def action_make_up(self) -> None:
        """Plan the 补课 for those who still owe it, linked to this meeting: once they are
        recorded present there, they owe it no more."""
        from shiftcell.tui.screens.plan_meeting import PlanMeetingScreen

        if self.meeting is None or not self.check_action("make_up", ()):
            return
        screen = PlanMeetingScreen(
            self.store,
            self.settings,
            self.now,
            self._make_up_groups(),
            make_up_for=self.owing,
            making_up=(self.meeting.head,),
        )
        self.app.push_screen(screen, self._reload)

    def _reload(self, _: object) -> None:
        self.load()

    def action_cancel_meeting(self) -> None:
        from shiftcell.tui.screens.cancel_meeting import CancelMeetingScreen

        meeting = self.meeting
        if meeting is None or meeting.cancelled or not self.may_change():
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.cancel()

        self.app.push_screen(CancelMeetingScreen(meeting), confirmed)

    def action_export(self) -> None:
        if self.settings.read_only:
            return
        from shiftcell.tui.screens.export_calendar import ExportCalendarScreen

        self.app.push_screen(
            ExportCalendarScreen(self.store, self.settings, self.now, meeting=self.meeting_id)
        )

    def action_close(self) -> None:
        self.dismiss()


def _status(member: Member | None) -> str:
    """The member's status; a mobile member's direction beside it (votes depend on both)."""
    if member is None:
        return ""
    mobile = f" · {mobility_mark(member.mobile)}" if member.mobile else ""
    return member_status_label(member.status) + mobile
