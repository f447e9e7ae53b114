"""The feed token book and the feed calendars a server hands out."""

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from shiftcell.db.calendars.feeds import FeedKind, FeedNotFound, UnknownTarget
from shiftcell.db.calendars.serving import FeedCalendars, feed_range
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store, StoreError
from shiftcell.scheduling.meetings import MeetingType

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 9, 10, 0, tzinfo=SHANGHAI)


def test_a_token_is_long_random_and_url_safe(demo: Store) -> None:
    """A feed URL is the only lock on a member's whereabouts: it must not be guessable."""
    feed, new = demo.feeds.issue(FeedKind.MEMBER, "HQ0001")
    other, _ = demo.feeds.issue(FeedKind.MEMBER, "HQ0002")
    assert new
    assert len(feed.token) >= 43
    assert feed.token != other.token
    assert all(c.isalnum() or c in "-_" for c in feed.token)
    assert feed.path == f"/feeds/{feed.token}.ics"


def test_issuing_again_gives_the_same_feed_unless_replaced(demo: Store) -> None:
    """A secretary asking twice must not leave two live URLs for one member."""
    first, _ = demo.feeds.issue(FeedKind.MEMBER, "HQ0001")
    again, new = demo.feeds.issue(FeedKind.MEMBER, "HQ0001")
    assert (again.token, new) == (first.token, False)
    replaced, new = demo.feeds.issue(FeedKind.MEMBER, "HQ0001", replace=True)
    assert new and replaced.token != first.token
    assert demo.feeds.find_active(first.token) is None
    assert [f.token for f in demo.feeds.list()] == [replaced.token]
    assert len(demo.feeds.list(include_revoked=True)) == 2


def test_a_feed_for_someone_unknown_is_refused(demo: Store) -> None:
    with pytest.raises(UnknownTarget):
        demo.feeds.issue(FeedKind.MEMBER, "NOPE")
    with pytest.raises(UnknownTarget):
        demo.feeds.issue(FeedKind.GROUP, "没有这个小组")
    assert demo.feeds.list(include_revoked=True) == []


def test_revoking_stops_a_feed_for_good(demo: Store) -> None:
    feed, _ = demo.feeds.issue(FeedKind.GROUP, demo.groups()[0].name)
    revoked = demo.feeds.revoke(feed.token)
    assert revoked.revoked is not None and not revoked.active
    assert demo.feeds.find_active(feed.token) is None
    with pytest.raises(FeedNotFound):
        demo.feeds.revoke("no-such-token")


def test_a_read_only_store_issues_no_feeds(tmp_path: Path) -> None:
    """Group leaders look over SSH read-only: they must not hand out URLs."""
    path = tmp_path / "d.db"
    writer = Store.open(path)
    fill_demo(writer, members=10, today=date(2026, 12, 9))
    writer.close()
    reader = Store.open(path, read_only=True)
    with pytest.raises(StoreError):
        reader.feeds.issue(FeedKind.MEMBER, "HQ0001")


def test_the_feed_range_runs_from_two_weeks_back_to_eight_ahead() -> None:
    first, last = feed_range(date(2026, 12, 9))
    assert (first, last) == (date(2026, 11, 23), date(2027, 1, 31))


@pytest.fixture
def served(tmp_path: Path) -> tuple[Store, Store]:
    """A writer (the secretary) and a separate read-only connection (the server)."""
    path = tmp_path / "d.db"
    writer = Store.open(path)
    fill_demo(writer, members=40, today=date(2026, 12, 9))
    return writer, Store.open(path, read_only=True)


def test_an_unchanged_feed_keeps_its_etag_and_body(served: tuple[Store, Store]) -> None:
    """Clients polling every few minutes must get 304s, so the ETag must not drift."""
    writer, reader = served
    feed, _ = writer.feeds.issue(FeedKind.MEMBER, "HQ0001")
    clock = [NOW]
    calendars = FeedCalendars(reader, CalendarWords(), lambda: clock[0])
    first = calendars.get(feed.token)
    assert first is not None
    clock[0] = NOW + timedelta(minutes=5)
    assert calendars.get(feed.token) == first
    # Another member's change touches the database but not this feed.
    writer.feeds.issue(FeedKind.MEMBER, "HQ0002")
    again = calendars.get(feed.token)
    assert again is not None and again.etag == first.etag and again.body == first.body
    Calendar.from_ical(first.body)


def test_a_change_to_the_feed_gives_a_new_etag(served: tuple[Store, Store]) -> None:
    """A meeting booked for the member must reach their phone at the next poll."""
    writer, reader = served
    feed, _ = writer.feeds.issue(FeedKind.MEMBER, "HQ0001")
    calendars = FeedCalendars(reader, CalendarWords(), lambda: NOW)
    before = calendars.get(feed.token)
    start = NOW + timedelta(days=1)
    writer.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="交接班时的小组会",
        start=start,
        end=start + timedelta(minutes=30),
        groups=[],
        invited=["HQ0001"],
    )
    after = calendars.get(feed.token)
    assert before is not None and after is not None
    assert after.etag != before.etag
    assert "交接班时的小组会" in after.body.decode()


def test_a_revoked_or_unknown_token_opens_nothing(served: tuple[Store, Store]) -> None:
    writer, reader = served
    feed, _ = writer.feeds.issue(FeedKind.MEMBER, "HQ0001")
    calendars = FeedCalendars(reader, CalendarWords(), lambda: NOW)
    assert calendars.get(feed.token) is not None
    assert calendars.get("x" * 43) is None
    writer.feeds.revoke(feed.token)
    assert calendars.get(feed.token) is None


def test_a_group_feed_shows_its_members_shifts_by_name(served: tuple[Store, Store]) -> None:
    """A leader subscribing to the group's feed sees who works when, ten weeks of it."""
    writer, reader = served
    group = writer.groups()[0].name
    members = {m.name for m in writer.members(groups=[group])}
    feed, _ = writer.feeds.issue(FeedKind.GROUP, group)
    rendered = FeedCalendars(reader, CalendarWords(), lambda: NOW).get(feed.token)
    assert rendered is not None
    events = Calendar.from_ical(rendered.body).walk("VEVENT")
    first, last = feed_range(NOW.date())
    assert {str(e["SUMMARY"]).split(":")[0] for e in events} == members
    assert min(e["DTSTART"].dt.date() for e in events) <= first + timedelta(days=1)
    assert max(e["DTSTART"].dt.date() for e in events) >= last - timedelta(days=1)
