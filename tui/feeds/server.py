"""Subscribable calendar feeds over HTTP: ``shiftcell serve-feeds``.

The standard library's threading HTTP server is enough here: the feeds are
small, read-only and mostly answered from memory with a 304, and TLS and
public exposure belong to a reverse proxy in front of it. A framework would
add a dependency without serving these few GET requests any better.

Every answer that is not a live feed is the same bare 404, so that a
guessed, revoked or mistyped token reveals nothing; tokens never reach the log
(tui/feeds/redact.py). Connections and their time are bounded
(tui/feeds/connections.py), so that idle or slow clients cannot starve real ones.
"""

from __future__ import annotations

import contextlib
import io
import re
import socket
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from shiftcell.db.calendars.serving import FeedCalendars, RenderedFeed
from shiftcell.tui.feeds.connections import Connection, Connections, Limits
from shiftcell.tui.feeds.redact import redacted

FEED_PATH = re.compile(r"^/feeds/([A-Za-z0-9_-]{20,100})\.ics$")
CONTENT_TYPE = "text/calendar; charset=utf-8"
NOT_FOUND = b"Not found\n"
BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 10\r\n"
    b"Content-Length: 0\r\nConnection: close\r\n\r\n"
)


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    # A burst of phones polling on the half hour must not find the door shut.
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        calendars: FeedCalendars,
        log: Callable[[str], None] | None = None,
        limits: Limits | None = None,
    ) -> None:
        super().__init__(address, FeedHandler)
        self.calendars = calendars
        self.log = log
        self.limits = limits or Limits()
        self.connections = Connections(self.limits)

    @property
    def base_url(self) -> str:
        host, port = self.socket.getsockname()[:2]  # what server_address holds once bound
        return f"http://{host}:{port}"

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        address = str(client_address[0])  # type: ignore[index]
        if self.connections.admit(request, address) is None:
            with contextlib.suppress(OSError):
                request.setblocking(False)
                request.send(BUSY)
            self.shutdown_request(request)
            self.note(address, f"turned away: {self.connections.count()} connections busy")
            return
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]
        self.connections.remove(request)
        super().shutdown_request(request)

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            # A client gone mid-answer, or closed to make room: a line, not a traceback.
            self.note(str(client_address[0]), f"connection ended: {error!r}")  # type: ignore[index]
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    def note(self, address: str, message: str) -> None:
        if self.log is not None:
            stamp = datetime.now().strftime("%d/%b/%Y %H:%M:%S")
            self.log(redacted(f"{stamp} {address} {message}"))


class FeedHandler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"  # keep-alive: a poller reuses its connection
    # Headers and body go out in two writes; with Nagle's algorithm the second
    # waits for the client's delayed ACK, some 40 ms a request.
    disable_nagle_algorithm = True
    _state: Connection

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.limits.answer)
        state = self.server.connections.get(self.connection)
        if state is None:  # served without admission (a test calling the handler)
            state = Connection(self.connection, self.client_address[0], self.server.limits)
        self._state = state
        # Reads go through the request's deadline, not a timeout per read.
        self.rfile.close()
        self.rfile = io.BufferedReader(state.reader)

    def handle_one_request(self) -> None:
        state = self._state
        if state.evicted:
            self.close_connection = True
            return
        if state.answering:  # the last answer is out: waiting again from now
            self.server.connections.answering(state, False)
        state.reader.wait_for_request()
        super().handle_one_request()

    def parse_request(self) -> bool:
        ok = super().parse_request()
        self._state.reader.request_read()
        if self._state.evicted:
            self.close_connection = True
            return False
        if ok:
            self.server.connections.answering(self._state, True)
            self.connection.settimeout(self.server.limits.answer)
        return ok

    def version_string(self) -> str:
        return "shiftcell-feeds"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        match = FEED_PATH.match(self.path.split("?", 1)[0])
        feed = self.server.calendars.get(match.group(1)) if match else None
        if feed is None:
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND, "text/plain; charset=utf-8", send_body)
            return
        gzipped = self._accepts_gzip()
        etag = feed.gzip_etag if gzipped else feed.etag
        body = feed.gzipped if gzipped else feed.body
        unchanged = self._unchanged(feed, etag)
        self.send_response(HTTPStatus.NOT_MODIFIED if unchanged else HTTPStatus.OK)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", format_datetime(_whole_seconds(feed.stamp), usegmt=True))
        self.send_header("Cache-Control", "private, no-cache")
        self.send_header("Vary", "Accept-Encoding")
        if unchanged:
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_header("Content-Type", CONTENT_TYPE)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _accepts_gzip(self) -> bool:
        for coding in self.headers.get("Accept-Encoding", "").split(","):
            name, _, quality = coding.strip().partition(";")
            if name.strip().lower() == "gzip":
                return quality.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
        return False

    def _unchanged(self, feed: RenderedFeed, etag: str) -> bool:
        wanted = self.headers.get("If-None-Match")
        if wanted is not None:
            tags = [tag.strip().removeprefix("W/") for tag in wanted.split(",")]
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since is not None:
            try:
                return _whole_seconds(feed.stamp) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.log is not None:
            line = f"{self.log_date_time_string()} {self.address_string()} {format % args}"
            self.server.log(redacted(line))


def _whole_seconds(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def log_to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
