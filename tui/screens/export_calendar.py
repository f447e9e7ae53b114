"""Export a member's, a group's or a meeting's calendar to a file; show its feed URL.

Proposes a file name in the current folder (or the home folder when that
cannot be written), lets the user change it, writes the .ics (for a group
also the .csv) and says what it wrote and where. A member or a group gets
its subscription URL shown, and issued here when there is none yet (not
for viewers, who change nothing). With nobody chosen, everyone's calendar.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from shiftcell.db.calendars.content import CalendarContent, Scope, ScopeKind, default_range, gather
from shiftcell.db.calendars.feeds import Feed, FeedKind, UnknownTarget
from shiftcell.db.calendars.files import file_stem, write_whole
from shiftcell.db.meetings import MeetingNotFound
from shiftcell.db.store import Store
from shiftcell.tui.feeds.urls import feed_url
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.screens.base import AppModal
from shiftcell.tui.settings import Settings
from shiftcell.tui.words.errors import os_error_text

EXPORT_WORKERS = "export-calendar"


def export_folder() -> Path:
    """The user's documents folder when there is one to write to, else shiftcell's own
    data folder: never wherever the app happened to be started from."""
    from platformdirs import user_data_path, user_documents_path

    documents = user_documents_path()
    if documents.is_dir() and os.access(documents, os.W_OK):
        return documents
    return user_data_path("shiftcell", appauthor=False) / "exports"


class ExportCalendarScreen(AppModal):
    CSS_PATH = "export_calendar.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    @dataclass
    class Loaded(Message):
        content: CalendarContent
        feed: Feed | None

    @dataclass
    class Written(Message):
        path: Path
        shifts: int
        meetings: int

    @dataclass
    class FeedIssued(Message):
        feed: Feed

    @dataclass
    class Failed(Message):
        text: str

    def __init__(
        self,
        store: Store,
        settings: Settings,
        now: datetime,
        *,
        member: str | None = None,
        group: str | None = None,
        meeting: int | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.now = now
        self.scope = _scope(member, group, meeting)
        self.folder = folder or export_folder()
        self.content: CalendarContent | None = None

    @property
    def feed_kind(self) -> FeedKind | None:
        kinds = {ScopeKind.MEMBER: FeedKind.MEMBER, ScopeKind.GROUP: FeedKind.GROUP}
        return kinds.get(self.scope.kind)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("Export a calendar"), id="title")
            yield Static(t("Reading…"), id="what")
            yield Static(t("File:"), classes="label")
            yield Input(id="path", disabled=True)
            with Horizontal(id="buttons"):
                yield Button(t("Write .ics"), id="ics", variant="primary", disabled=True)
                if self.scope.kind is ScopeKind.GROUP:
                    yield Button(t("Write .csv"), id="csv", disabled=True)
                yield Button(t("Close"), id="close")
            yield Static("", id="result")
            if self.feed_kind is not None:
                with Horizontal(id="feed-row"):
                    yield Static("", id="feed")
                    yield Button(t("Issue a feed URL"), id="issue", classes="hidden")

    def on_mount(self) -> None:
        self.query_one("#buttons").display = not self.settings.read_only
        self.query_one("#path").display = not self.settings.read_only
        self.query_one(".label").display = not self.settings.read_only
        self.load()

    # -- reading ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group=EXPORT_WORKERS)
    def load(self) -> None:
        first, last = default_range(self.now.date())
        try:
            content = gather(self.store, self.scope, first, last)
        except (UnknownTarget, MeetingNotFound):
            # Not in the database, or not in this view of it (a group leader's).
            self.post_message(
                self.Failed(t("nothing to export for {target}", target=self.scope.target))
            )
            return
        feed = None
        if self.feed_kind is not None:
            feed = self.store.feeds.active_for(self.feed_kind, str(self.scope.target))
        self.post_message(self.Loaded(content, feed))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.content = content = event.content
        self.query_one("#what", Static).update(_describe(content))
        path = self.query_one("#path", Input)
        path.value = _shown(self.folder / f"{file_stem(content)}.ics")
        path.disabled = False
        for button in self.query("#buttons Button"):
            button.disabled = False
        self._show_feed(event.feed)
        if not self.settings.read_only:
            path.focus()

    def _show_feed(self, feed: Feed | None) -> None:
        if self.feed_kind is None:
            return
        label = self.query_one("#feed", Static)
        issue = self.query_one("#issue", Button)
        if feed is not None:
            label.update(t("Feed URL: {url}", url=feed_url(feed, database=self.settings.database)))
            issue.display = False
        else:
            label.update(t("No feed URL yet."))
            issue.display = not self.settings.read_only
            issue.remove_class("hidden")

    # -- writing ----------------------------------------------------------------

    @on(Input.Submitted, "#path")
    def _submitted(self) -> None:
        self.write_file(".ics")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        match event.button.id:
            case "ics" | "csv":
                self.write_file(f".{event.button.id}")
            case "issue":
                self.issue_feed()
            case "close":
                self.dismiss()

    def write_file(self, suffix: str) -> None:
        if self.content is None or self.settings.read_only:
            return
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self._result(t("Type a file name first."), error=True)
            return
        path = Path(os.path.expanduser(typed))
        if not path.is_absolute():  # a bare name goes where the proposed one would
            path = self.folder / path
        self._result(t("Writing {path} …", path=path.with_suffix(suffix)))
        self._write(path.with_suffix(suffix), suffix)

    @work(thread=True, exclusive=True, group=EXPORT_WORKERS)
    def _write(self, path: Path, suffix: str) -> None:
        from shiftcell.db.calendars.csv import calendar_csv
        from shiftcell.db.calendars.ics import ics_chunks
        from shiftcell.tui.words.calendar import calendar_words

        content = self.content
        assert content is not None
        words = calendar_words()
        chunks: Iterable[bytes]
        if suffix == ".csv":
            chunks = [calendar_csv(content, words)]
        else:
            chunks = ics_chunks(content, words, stamp=datetime.now(UTC))
        try:
            if path.parent == self.folder:  # the proposed folder; a typed one must exist
                self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(path, chunks)
        except OSError as error:
            message = t("cannot write {path}: {error}", path=path, error=os_error_text(error))
            self.post_message(self.Failed(message))
            return
        self.post_message(self.Written(path, len(content.shifts), len(content.meetings)))

    @on(Written)
    def _written(self, event: Written) -> None:
        self._result(
            t(
                "Wrote {shifts} and {meetings} to {path}",
                shifts=tn("{count} shift", "{count} shifts", event.shifts),
                meetings=tn("{count} meeting", "{count} meetings", event.meetings),
                path=event.path,
            )
        )

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        if self.content is None:
            self.query_one("#what", Static).update("")
        self._result(event.text, error=True)

    def _result(self, text: str, *, error: bool = False) -> None:
        result = self.query_one("#result", Static)
        result.update(text)
        result.set_class(error, "error")

    # -- feeds ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group=EXPORT_WORKERS)
    def issue_feed(self) -> None:
        if self.settings.read_only or self.feed_kind is None:
            return
        feed, _ = self.store.feeds.issue(self.feed_kind, str(self.scope.target))
        self.post_message(self.FeedIssued(feed))

    @on(FeedIssued)
    def _feed_issued(self, event: FeedIssued) -> None:
        self._show_feed(event.feed)

    def action_close(self) -> None:
        self.dismiss()


def _scope(member: str | None, group: str | None, meeting: int | None) -> Scope:
    if member is not None:
        return Scope(ScopeKind.MEMBER, member)
    if group is not None:
        return Scope(ScopeKind.GROUP, group)
    if meeting is not None:
        return Scope(ScopeKind.MEETING, meeting)
    return Scope(ScopeKind.ALL)  # the whole branch is selected


def _describe(content: CalendarContent) -> str:
    """Whose calendar, what it holds and over which days."""
    fields = content.title_fields
    match content.scope.kind:
        case ScopeKind.MEMBER:
            whose = f"{fields['name']} ({fields['employee_no']})"
        case ScopeKind.GROUP:
            whose = fields["group"]
        case ScopeKind.ALL:
            whose = t("{organisation}: shifts and meetings", **fields)
        case _:
            whose = fields.get("summary", "")
    held = t(
        "{shifts} and {meetings}, {first} – {last}",
        shifts=tn("{count} shift", "{count} shifts", len(content.shifts)),
        meetings=tn("{count} meeting", "{count} meetings", len(content.meetings)),
        first=f"{content.first:%Y-%m-%d}",
        last=f"{content.last:%Y-%m-%d}",
    )
    return f"{whose}\n{held}"


def _shown(path: Path) -> str:
    """``~/Documents/…`` when inside the home folder: short to read and edit."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
