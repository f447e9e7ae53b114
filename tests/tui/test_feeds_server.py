"""The feed server end to end: a real HTTP client against 127.0.0.1."""

import gzip
import http.client
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from shiftcell.db.calendars.feeds import Feed, FeedKind
from shiftcell.db.calendars.serving import FeedCalendars
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.tui.feeds.server import FeedServer

NOW = datetime(2026, 12, 9, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


class Served:
    def __init__(self, writer: Store, server: FeedServer, feed: Feed, log: list[str]) -> None:
        self.writer, self.server, self.feed, self.log = writer, server, feed, log

    def connect(self) -> http.client.HTTPConnection:
        host, port = self.server.server_address[:2]
        return http.client.HTTPConnection(host, port, timeout=10)

    def get(
        self, path: str, headers: dict[str, str] | None = None, method: str = "GET"
    ) -> tuple[http.client.HTTPResponse, bytes]:
        connection = self.connect()
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    path = tmp_path / "d.db"
    writer = Store.open(path)
    fill_demo(writer, members=40, today=date(2026, 12, 9))
    feed, _ = writer.feeds.issue(FeedKind.MEMBER, "HQ0001")
    reader = Store.open(path, read_only=True)
    log: list[str] = []
    calendars = FeedCalendars(reader, CalendarWords(), lambda: NOW)
    server = FeedServer(("127.0.0.1", 0), calendars, log=log.append)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(writer, server, feed, log)
    server.shutdown()
    server.server_close()
    reader.close()
    writer.close()


def test_a_valid_token_gets_a_parsable_calendar(served: Served) -> None:
    """What a phone gets when it subscribes by URL: exactly the member's shifts."""
    response, body = served.get(served.feed.path)
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/calendar; charset=utf-8"
    assert response.getheader("ETag", "").startswith('"')
    assert int(response.getheader("Content-Length", "0")) == len(body)
    calendar = Calendar.from_ical(body)
    events = recurring_ical_events.of(calendar).between(date(2026, 11, 1), date(2027, 3, 1))
    assert events
    assert {e["DTSTART"].params["TZID"] for e in events} == {"Asia/Shanghai"}


def test_a_wrong_token_gets_a_bare_404(served: Served) -> None:
    """A guessed URL must learn nothing: same answer for unknown, malformed or other paths."""
    answers = set()
    for path in ("/feeds/" + "A" * 43 + ".ics", "/feeds/x.ics", "/", "/feeds/", "/etc/passwd"):
        response, body = served.get(path)
        assert response.status == 404
        answers.add(body)
    assert answers == {b"Not found\n"}


def test_if_none_match_gets_304_without_a_body(served: Served) -> None:
    """Polling clients must cost almost nothing while nothing changed."""
    response, _ = served.get(served.feed.path)
    etag = response.getheader("ETag")
    again, body = served.get(served.feed.path, {"If-None-Match": etag})
    assert again.status == 304
    assert body == b""
    assert again.getheader("ETag") == etag
    other, _ = served.get(served.feed.path, {"If-None-Match": '"stale"'})
    assert other.status == 200


def test_a_revoked_token_gets_404_at_once(served: Served) -> None:
    assert served.get(served.feed.path)[0].status == 200
    served.writer.feeds.revoke(served.feed.token)
    response, body = served.get(served.feed.path)
    assert response.status == 404
    assert body == b"Not found\n"


def test_head_answers_like_get_without_the_body(served: Served) -> None:
    response, body = served.get(served.feed.path, method="HEAD")
    assert response.status == 200
    assert body == b""
    assert int(response.getheader("Content-Length", "0")) > 1000


def test_tokens_never_reach_the_log(served: Served) -> None:
    """Logs get copied around; a token in them would open the feed to whoever reads them."""
    served.get(served.feed.path)
    served.get("/feeds/" + "B" * 43 + ".ics")
    assert len(served.log) == 2
    assert all(served.feed.token not in line and "BBBB" not in line for line in served.log)


def test_two_thousand_requests_from_four_clients_all_succeed(served: Served) -> None:
    """A branch's phones polling at once: bounded load, every answer right, figure printed."""
    served.server.log = None
    etag = served.get(served.feed.path)[0].getheader("ETag")

    def client(index: int) -> Counter:
        seen: Counter = Counter()
        connection = served.connect()  # keep-alive, as calendar clients do
        for n in range(500):
            headers = {"If-None-Match": etag} if n % 2 else {}
            connection.request("GET", served.feed.path, headers=headers)
            response = connection.getresponse()
            response.read()
            seen[response.status] += 1
        connection.close()
        return seen

    began = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(client, range(4)))
    elapsed = time.perf_counter() - began
    total = sum(results, Counter())
    assert total == Counter({200: 1000, 304: 1000})
    assert elapsed < 60
    print(f"\n2000 feed requests from 4 clients: {elapsed:.2f} s, {2000 / elapsed:.0f} requests/s")


def test_a_client_accepting_gzip_gets_the_same_calendar_compressed(served: Served) -> None:
    """Phones on a data plan poll all day: the body shrinks, the calendar must not change."""
    plain, body = served.get(served.feed.path)
    packed, data = served.get(served.feed.path, {"Accept-Encoding": "gzip, deflate"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(data) == body
    assert len(data) < len(body) / 3
    assert packed.getheader("Vary") == "Accept-Encoding"
    assert packed.getheader("ETag") != plain.getheader("ETag")
    again, _ = served.get(
        served.feed.path,
        {"Accept-Encoding": "gzip", "If-None-Match": packed.getheader("ETag")},
    )
    assert again.status == 304
    refused, _ = served.get(served.feed.path, {"Accept-Encoding": "gzip;q=0"})
    assert refused.getheader("Content-Encoding") is None


def test_if_modified_since_gets_304_when_nothing_changed(served: Served) -> None:
    """Some clients send only the date they last fetched."""
    response, _ = served.get(served.feed.path)
    since = response.getheader("Last-Modified")
    again, body = served.get(served.feed.path, {"If-Modified-Since": since})
    assert (again.status, body) == (304, b"")
    old, _ = served.get(served.feed.path, {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})
    assert old.status == 200
