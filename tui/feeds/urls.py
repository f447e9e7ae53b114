"""Where subscribers reach the feed server, for the commands and the app alike.

``serve-feeds`` leaves the address it listens on beside the database
(``shiftcell.db.feeds-url``), so that ``feeds issue`` afterwards prints URLs
with the host and port that really answer, not a default that does not.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shiftcell.db.calendars.feeds import Feed

DEFAULT_FEEDS_URL = "http://127.0.0.1:8080"
# Listening on every interface: the URL names this machine instead.
EVERY_INTERFACE = {"", "0.0.0.0", "::"}


def served_url_file(database: Path) -> Path:
    return database.with_name(database.name + ".feeds-url")


def feeds_base_url(given: str | None = None, database: Path | None = None) -> str:
    """Given (--base-url), else $SHIFTCELL_FEEDS_URL, else where serve-feeds last
    listened for this database, else this machine's default port."""
    served = None
    if database is not None:
        try:
            served = served_url_file(database).read_text(encoding="utf-8").strip() or None
        except OSError:
            served = None
    chosen = given or os.environ.get("SHIFTCELL_FEEDS_URL") or served or DEFAULT_FEEDS_URL
    return chosen.rstrip("/")


def feed_url(feed: Feed, base_url: str | None = None, database: Path | None = None) -> str:
    return feeds_base_url(base_url, database) + feed.path


def listening_url(host: str, port: int) -> str:
    """The address a server bound to ``host``:``port`` is reached at."""
    if host in EVERY_INTERFACE:
        host = socket.getfqdn() or socket.gethostname()
    if ":" in host:  # an IPv6 address goes in brackets
        host = f"[{host}]"
    return f"http://{host}:{port}"


def remember_served_url(database: Path, url: str) -> None:
    """Leave ``url`` beside the database; a folder the server may not write to is no error."""
    with contextlib.suppress(OSError):
        served_url_file(database).write_text(url + "\n", encoding="utf-8")
