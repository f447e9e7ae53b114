"""How long calendar exports take, and how many feed requests a second the server answers.

    .venv/bin/python benchmarks/bench_calendars.py [--members 10000] [--requests 2000]
        [--runs 3] [--reference-runs 1]

The organisation is the demo of that size, built for the week of 2026-12-09,
with one 45-minute group meeting per group in the first week; exports cover
four weeks from Monday 2026-12-07.

The row ``export ics --all`` times the whole command (a fresh process, as a
user runs it: start-up, reading, writing the file), median of ``--runs``,
beside the same command writing every event through the icalendar library
(``--reference-serialiser``, how exports were written before), median of
``--reference-runs`` (0 leaves it out: it takes a minute or more). The
machine is shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from shiftcell.db.calendars.content import Scope, ScopeKind, gather
from shiftcell.db.calendars.feeds import FeedKind
from shiftcell.db.calendars.ics import ics_chunks
from shiftcell.db.calendars.serving import FeedCalendars
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.scheduling.localtime import at
from shiftcell.scheduling.meetings import MeetingType
from shiftcell.tui.feeds.server import FeedServer

TODAY = date(2026, 12, 9)
FIRST, LAST = date(2026, 12, 7), date(2027, 1, 3)
GOAL = 15.0  # seconds for the whole `export ics --all` of 10,000 members over four weeks
T = TypeVar("T")


def timed(label: str, action: Callable[[], T]) -> T:
    began = time.perf_counter()
    result = action()
    print(f"  {label:<58} {time.perf_counter() - began:8.2f} s", flush=True)
    return result


def build(path: Path, members: int) -> None:
    store = Store.open(path)
    fill_demo(store, seed=1, members=members, today=TODAY)
    zone = store.timezone
    for n, group in enumerate(store.groups()):
        start = at(FIRST + timedelta(days=n % 5), datetime.min.time().replace(hour=14), zone)
        store.meetings.book(
            type=MeetingType.GROUP_MEETING,
            topic="学习",
            start=start,
            end=start + timedelta(minutes=45),
            groups=[group.name],
            invited=[m.employee_no for m in store.members(groups=[group.name])],
        )
    store.close()


def exports(path: Path) -> tuple[int, int]:
    """In-process figures; how many members and events everyone's calendar has."""
    store = Store.open(path, read_only=True)
    stamp = datetime.now(UTC)
    content = timed(
        "gather everyone's shifts and meetings",
        lambda: gather(store, Scope(ScopeKind.ALL), FIRST, LAST),
    )
    size = timed(
        "render them as iCalendar (text writer)",
        lambda: sum(len(chunk) for chunk in ics_chunks(content, stamp=stamp)),
    )
    events = len(content.shifts) + len(content.meetings)
    print(f"  {len(content.shifts)} shifts, {len(content.meetings)} meetings, {size / 1e6:.1f} MB")
    members = store.members()[:: max(1, len(store.members()) // 50)][:50]
    began = time.perf_counter()
    for member in members:
        b"".join(
            ics_chunks(
                gather(store, Scope(ScopeKind.MEMBER, member.employee_no), FIRST, LAST), stamp=stamp
            )
        )
    each = (time.perf_counter() - began) / len(members)
    print(f"  {'one member, gathered and rendered (mean of 50)':<58} {each * 1000:8.1f} ms")
    group = store.groups()[0].name
    timed(
        f"one group ({len(store.members(groups=[group]))} members)",
        lambda: b"".join(
            ics_chunks(gather(store, Scope(ScopeKind.GROUP, group), FIRST, LAST), stamp=stamp)
        ),
    )
    members_count = len(store.members())
    store.close()
    return members_count, events


def whole_command(path: Path, members: int, events: int, runs: int, reference_runs: int) -> None:
    """The command as a user runs it, beside the old path."""
    print(f"export ics --all, {members:,} members, 4 weeks ({events:,} events)")
    out = path.parent / "all.ics"
    command = [sys.executable, "-m", "shiftcell", "--db", str(path), "export", "ics", "--all"]
    command += ["--from", f"{FIRST}", "--to", f"{LAST}", "-o", str(out)]
    rows = [("text writer", command, runs)]
    if reference_runs:
        rows.append(("icalendar reference", [*command, "--reference-serialiser"], reference_runs))
    load = os.getloadavg()[0]
    medians = []
    for label, argv, count in rows:
        took = []
        for _ in range(count):
            began = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            took.append(time.perf_counter() - began)
        median = statistics.median(took)
        medians.append(median)
        spread = f"{min(took):.2f}–{max(took):.2f} s" if count > 1 else "one run"
        print(
            f"  {'whole command, ' + label:<58} {median:8.2f} s  {events / median:>9,.0f} events/s"
            f"  (median of {count}: {spread})",
            flush=True,
        )
    if len(medians) == 2:
        print(f"  {'ratio: reference / text writer':<58} {medians[1] / medians[0]:8.1f} ×")
    if members == 10_000:
        verdict = "meets" if medians[0] <= GOAL else "misses"
        print(f"  {'goal for 10,000 members':<58} {GOAL:8.2f} s  ({verdict} it)")
    print(f"  load average (1 min) before / after: {load:.2f} / {os.getloadavg()[0]:.2f}")


def feeds(path: Path, requests: int, clients: int = 4) -> None:
    writer = Store.open(path)
    feed, _ = writer.feeds.issue(FeedKind.MEMBER, writer.members()[0].employee_no)
    group_feed, _ = writer.feeds.issue(FeedKind.GROUP, writer.groups()[0].name)
    writer.close()
    reader = Store.open(path, read_only=True)
    calendars = FeedCalendars(reader, CalendarWords(), lambda: datetime.now(reader.timezone))
    timed("first answer of a member feed (10 weeks, cold)", lambda: calendars.get(feed.token))
    timed("first answer of a group feed (10 weeks, cold)", lambda: calendars.get(group_feed.token))
    server = FeedServer(("127.0.0.1", 0), calendars)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]

    def client(conditional: bool) -> int:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        etag = None
        for _ in range(requests // clients):
            headers = {"If-None-Match": etag} if conditional and etag else {}
            connection.request("GET", feed.path, headers=headers)
            response = connection.getresponse()
            response.read()
            etag = response.getheader("ETag")
        connection.close()
        return requests // clients

    for conditional, label in ((False, "200 with the body"), (True, "304 Not Modified")):
        began = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            done = sum(pool.map(client, [conditional] * clients))
        elapsed = time.perf_counter() - began
        print(
            f"  {done} requests, {clients} keep-alive clients, {label}: "
            f"{elapsed:.2f} s, {done / elapsed:,.0f} requests/s"
        )
    server.shutdown()
    server.server_close()
    reader.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the whole command")
    parser.add_argument(
        "--reference-runs", type=int, default=1, help="runs of the old path (0: none)"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        print(f"demo --members {options.members}, four weeks {FIRST} – {LAST}")
        timed("build the demo and book a meeting per group", lambda: build(path, options.members))
        members, events = exports(path)
        whole_command(path, members, events, options.runs, options.reference_runs)
        print("feeds")
        feeds(path, options.requests)


if __name__ == "__main__":
    main()
