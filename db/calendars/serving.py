"""Feed calendars as a server hands them out: rendered once, then served from memory.

A subscribed phone asks every few minutes. The answer is kept per token
and rebuilt only when the database has changed (SQLite's ``data_version``)
or the day has turned; its ETag is a hash of the body, and the body keeps
its DTSTAMP while its events stay the same, so an unchanged feed keeps its
ETag and a client's ``If-None-Match`` gets a 304.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from shiftcell.db.calendars.content import CalendarContent, Scope, ScopeKind, gather
from shiftcell.db.calendars.feeds import Feed, UnknownTarget
from shiftcell.db.calendars.ics import calendar_ics
from shiftcell.db.calendars.wording import CalendarWords

if TYPE_CHECKING:
    from shiftcell.db.store import Store

WEEKS_BACK = 2
WEEKS_AHEAD = 8
# How often a subscribed calendar should look again (REFRESH-INTERVAL).
REFRESH = timedelta(minutes=30)


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    etag: str  # quoted, as the header carries it
    stamp: datetime  # when these events were last rendered differently
    # The body gzipped once, for clients that accept it: a group's ten weeks
    # shrink about tenfold on a phone's data plan.
    gzipped: bytes = field(default=b"", repr=False)

    @property
    def gzip_etag(self) -> str:
        """Another encoding is another representation: its own strong ETag."""
        return self.etag[:-1] + '-gzip"'


def feed_range(today: date) -> tuple[date, date]:
    """From the Monday two weeks back to the Sunday eight weeks ahead."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=WEEKS_BACK), monday + timedelta(weeks=WEEKS_AHEAD, days=-1)


class FeedCalendars:
    """Thread-safe: one lock around the store, which is one SQLite connection."""

    def __init__(
        self,
        store: Store,
        words: CalendarWords,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.words = words
        self.clock = clock
        self._lock = threading.Lock()
        self._cache: dict[str, RenderedFeed] = {}
        self._version: tuple[int, date] | None = None
        self._known: dict[str, Feed] = {}

    def get(self, token: str) -> RenderedFeed | None:
        """The feed a token opens, or None when the token is unknown or revoked."""
        with self._lock:
            now = self.clock()
            version = (self._data_version(), now.date())
            if version == self._version and token in self._cache:
                return self._cache[token]
            if version != self._version:
                self._version = version
                self._known = {f.token: f for f in self.store.feeds.list()}
            feed = self._known.get(token)
            if feed is None:
                self._cache.pop(token, None)
                return None
            scope = Scope(ScopeKind(feed.kind.value), feed.target)
            first, last = feed_range(now.date())
            try:
                content = gather(self.store, scope, first, last)
            except UnknownTarget:
                return None  # the member or group has since gone
            rendered = self._render(token, content, now)
            self._cache[token] = rendered
            return rendered

    def _render(self, token: str, content: CalendarContent, now: datetime) -> RenderedFeed:
        previous = self._cache.get(token)
        stamp = previous.stamp if previous else now
        body = calendar_ics(content, self.words, stamp=stamp, refresh=REFRESH)
        if previous is not None and _etag(body) != previous.etag:
            stamp = now  # the events changed: stamp them anew
            body = calendar_ics(content, self.words, stamp=stamp, refresh=REFRESH)
        return RenderedFeed(body, _etag(body), stamp, gzip.compress(body, mtime=0))

    def _data_version(self) -> int:
        return int(self.store.conn.execute("PRAGMA data_version").fetchone()[0])


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
