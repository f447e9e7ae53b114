"""Where subscribers reach the feed server, for the commands and the app alike."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shiftcell.db.calendars.feeds import Feed

DEFAULT_FEEDS_URL = "http://127.0.0.1:8080"


def feeds_base_url(given: str | None = None) -> str:
    """Given, else $SHIFTCELL_FEEDS_URL, else this machine's default port."""
    return (given or os.environ.get("SHIFTCELL_FEEDS_URL") or DEFAULT_FEEDS_URL).rstrip("/")


def feed_url(feed: Feed, base_url: str | None = None) -> str:
    return feeds_base_url(base_url) + feed.path
