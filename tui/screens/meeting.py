"""One meeting: who is invited, when and where; afterwards, who came and who owes a 补课."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from shiftcell.db.store import Store
from shiftcell.scheduling import Invitation, Member
from shiftcell.scheduling.meetings import AttendanceState, Meeting
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.add_guest import find_guest
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.views.meeting_page import (
    MeetingPage,
    details,
    member_name,
    read_meeting_page,
    record_headers,
    record_rows,
    summary,
    title,
)
from shiftcell.tui.widgets.key_footer import KeyFooter
from shiftcell.tui.widgets.record_table import RecordTable

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
        Binding("m", "move_meeting", "Move"),
        Binding("e", "export", "Export"),
        # Last: at 80 columns the footer drops it before the keys used at every meeting.
        Binding("g", "guest", "Guest"),
    ]

    @dataclass
    class Clashed(Message):
        start: datetime
        clashes: tuple[Invitation, ...]

    @dataclass
    class Loaded(Message):
        page: MeetingPage | None  # None: no such meeting within the scope shown
        notice: str = ""

    def __init__(self, store: Store, settings: Settings, meeting_id: int, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.meeting_id = meeting_id
        self.now = now
        self.meeting: Meeting | None = None
        self.members: dict[str, Member] = {}
        self.owing: tuple[str, ...] = ()
        self._writing = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Static(t("Loading…"), id="title")
        yield Static(id="details")
        yield Static(id="summary")
        yield RecordTable(id="invited")
        # The palette (ctrl+p) still works; its label would push keys off 80 columns.
        yield KeyFooter(show_command_palette=False)

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
    def move(self, start: datetime, allow_clash: bool = False) -> None:
        from shiftcell.db.meetings import MeetingClash

        with self._writing:
            try:
                self.store.meetings.move(self.meeting_id, start, allow_clash=allow_clash)
            except MeetingClash as clash:
                self.post_message(self.Clashed(start, clash.clashes))
                return
            self.post_message(self._read(t("Meeting moved.")))

    @work(thread=True, group="meeting-write")
    def cancel(self) -> None:
        with self._writing:
            self.store.meetings.cancel(self.meeting_id)
            self.post_message(self._read(t("Meeting cancelled.")))

    def _read(self, notice: str = "") -> Loaded:
        return self.Loaded(read_meeting_page(self.store, self.meeting_id), notice)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        page = event.page
        if page is None:
            self.query_one("#title", Static).update(
                t("no meeting with ID {id}", id=self.meeting_id)
            )
            return
        self.meeting, self.members, self.owing = page.meeting, page.members, page.owing
        self._show(page)
        self.refresh_bindings()
        if event.notice:
            self.notify(event.notice)

    # -- drawing -------------------------------------------------------------

    def _show(self, page: MeetingPage) -> None:
        self.query_one("#title", Static).update(title(page))
        self.query_one("#details", Static).update(details(page, self.now))
        self.query_one("#summary", Static).update(summary(page, self.now))
        self.query_one(RecordTable).show(record_headers(), record_rows(page))

    def _member_name(self, employee_no: str) -> str:
        return member_name(self.members, employee_no)

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
        if action == "move_meeting":
            meeting = self.meeting
            return (
                self.may_change()
                and meeting is not None
                and not meeting.cancelled
                and meeting.start.timestamp() > self.now.timestamp()
            )
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

    def action_move_meeting(self) -> None:
        """Another start, the same length: refused as a booking is when it would clash."""
        from shiftcell.tui.screens.move_meeting import MoveMeetingScreen

        meeting = self.meeting
        if meeting is None or not self.check_action("move_meeting", ()):
            return

        def chosen(start: datetime | None) -> None:
            if start is not None:
                self.move(start)

        screen = MoveMeetingScreen(meeting, self.now, self.store.timezone)
        self.app.push_screen(screen, chosen)

    @on(Clashed)
    def _clashed(self, event: Clashed) -> None:
        """Say who is already where at the new time, and ask."""
        from shiftcell.tui.screens.meeting_clash import MeetingClashScreen

        def answered(anyway: bool | None) -> None:
            if anyway:
                self.move(event.start, allow_clash=True)

        screen = MeetingClashScreen(event.clashes, self._member_name, moving=True)
        self.app.push_screen(screen, answered)

    def action_export(self) -> None:
        if self.settings.read_only:
            return
        from shiftcell.tui.screens.export_calendar import ExportCalendarScreen

        self.app.push_screen(
            ExportCalendarScreen(self.store, self.settings, self.now, meeting=self.meeting_id)
        )

    def action_close(self) -> None:
        self.dismiss()
