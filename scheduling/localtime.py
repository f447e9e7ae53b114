"""Local wall-clock times to real instants, in one organisation's time zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=65536)
def at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The instant a wall clock in ``zone`` shows ``clock`` on ``day``.

    A time skipped by a DST change (02:30 on a spring-forward night) becomes
    the instant it would have been without the change (03:30 local); a
    repeated one is its first occurrence. The round trip through a timestamp
    makes the result's wall time the one a clock really shows. Cached: a
    roster asks for the same few clock times on the same days thousands of times.
    """
    naive = datetime.combine(day, clock)
    return datetime.fromtimestamp(naive.replace(tzinfo=zone).timestamp(), zone)


def day_start(day: date, zone: ZoneInfo) -> datetime:
    return at(day, time(0), zone)


def days(first: date, last: date) -> Iterator[date]:
    """Every date from ``first`` to ``last`` inclusive."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)
