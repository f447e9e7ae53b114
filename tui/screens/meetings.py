"""Upcoming and past meetings; open one, or cancel one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import Meeting
from shiftcell.tui.i18n import t
from shiftcell.tui.screens.base import AppScreen
from shiftcell.tui.settings import Settings
from shiftcell.tui.widgets.record_table import RecordTable
from shiftcell.tui.words.meetings import meeting_type_label, status_label, when_label


class MeetingsScreen(AppScreen):
    """Two lists: what is coming (soonest first) and what was held (latest first)."""

    CSS_PATH = "meetings.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", priority=True),
        Binding("c", "cancel_meeting", "Cancel meeting"),
        Binding("escape", "close", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        meetings: list[Meeting]
        notice: str = ""

    def __init__(self, store: Store, settings: Settings, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.now = now
        self.meetings: dict[int, Meeting] = {}

    def compose(self) -> ComposeResult:
        scope = self.settings.scope_group
        yield Static(t("Meetings · {group}", group=scope) if scope else t("Meetings"), id="title")
        yield Static(t("Upcoming"), classes="heading")
        yield RecordTable(id="upcoming")
        yield Static(t("Past"), classes="heading")
        yield RecordTable(id="past")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    def _reread(self, _: object) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="meetings")
    def load(self) -> None:
        self.post_message(self.Loaded(self._read()))

    def _read(self) -> list[Meeting]:
        return self.store.meetings.list()

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.meetings = {m.id: m for m in event.meetings}
        now = self.now.timestamp()
        upcoming = [m for m in event.meetings if m.end.timestamp() > now]
        past = [m for m in reversed(event.meetings) if m.end.timestamp() <= now]
        headers = [t("When"), t("State"), t("Type"), t("Topic"), t("Groups"), t("Place")]
        for table_id, found, empty in (
            ("#upcoming", upcoming, t("No upcoming meetings.")),
            ("#past", past, t("No past meetings.")),
        ):
            rows: list[tuple[str | None, list[Text]]] = [
                (str(m.id), self._cells(m)) for m in found
            ] or [(None, [Text(empty, style="dim"), *[Text("")] * 5])]
            self.query_one(table_id, RecordTable).show(headers, rows)
        self.refresh_bindings()
        if event.notice:
            self.notify(event.notice)

    def _cells(self, meeting: Meeting) -> list[Text]:
        style = "dim strike" if meeting.cancelled else ""
        values = [
            when_label(meeting),
            status_label(meeting, self.now),
            meeting_type_label(meeting.type),
            meeting.topic,
            " ".join(meeting.groups),
            meeting.place,
        ]
        cells = [Text(v, style=style) for v in values]
        if meeting.cancelled:
            cells[1] = Text(values[1], style="bold red")
        return cells

    # -- actions -------------------------------------------------------------

    def selected(self) -> Meeting | None:
        table = self.focused if isinstance(self.focused, RecordTable) else None
        key = table.selected_key() if table is not None else None
        return self.meetings.get(int(key)) if key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_meeting":
            if self.settings.read_only:
                return False
            meeting = self.selected()
            if meeting is not None and not self.store.access.may_change(meeting.groups):
                return None  # another group's meeting, seen by a group's leader
            return (meeting is not None and not meeting.cancelled) or None
        if action == "open":
            return self.selected() is not None or None
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from shiftcell.tui.screens.meeting import MeetingScreen

        meeting = self.selected()
        if meeting is not None:
            screen = MeetingScreen(self.store, self.settings, meeting.id, self.now)
            # Attendance may have been recorded or the meeting cancelled there.
            self.app.push_screen(screen, self._reread)

    def action_cancel_meeting(self) -> None:
        from shiftcell.tui.screens.cancel_meeting import CancelMeetingScreen

        meeting = self.selected()
        if meeting is None or meeting.cancelled or not self.store.access.may_change(meeting.groups):
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.cancel(meeting.id)

        self.app.push_screen(CancelMeetingScreen(meeting), confirmed)

    @work(thread=True, group="meetings-write")
    def cancel(self, meeting_id: int) -> None:
        self.store.meetings.cancel(meeting_id)
        self.post_message(self.Loaded(self._read(), notice=t("Meeting cancelled.")))

    def action_close(self) -> None:
        self.dismiss()
