"""Writers wait their turn: nothing lost while another program writes, one clear refusal
when the wait runs out.

A deferred transaction that reads before it writes cannot wait for the write lock
(SQLite fails it at once to avoid a deadlock); every write of the store starts
``BEGIN IMMEDIATE`` instead, and so queues for up to the busy timeout.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from shiftcell.db import store as store_module
from shiftcell.db.access import StoreBusy
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType
from tests.db.cadence_fixtures import ONE, at, fill_small_branch

START = at(date(2031, 1, 6), 18)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "branch.db"
    store = Store.open(path)
    fill_small_branch(store)
    store.close()
    return path


def _book(store: Store, number: int, topic: str = "学习") -> int:
    start = START + timedelta(hours=number)
    return store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic=topic,
        start=start,
        end=start + timedelta(minutes=45),
        groups=[ONE],
        invited=["A1", "A2"],
        allow_clash=True,
    ).id


def _hold_lock(path: Path, seconds: float, held: threading.Event) -> threading.Thread:
    """Another program writing: the write lock taken and kept for ``seconds``."""

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        other.execute("ROLLBACK")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    return thread


def test_a_booking_waits_for_another_writer_instead_of_failing(path: Path) -> None:
    """The issue's reproduction: a lock held for a while, then a booking. Before, it
    failed at once with `database is locked`; now it waits and is saved."""
    store = Store.open(path)
    held = threading.Event()
    holder = _hold_lock(path, 1.0, held)
    began = time.monotonic()
    meeting_id = _book(store, 0)
    waited = time.monotonic() - began
    holder.join()
    assert waited >= 0.5  # it queued behind the other writer
    assert [m.id for m in store.meetings.list()] == [meeting_id]
    store.close()


def test_a_wait_that_runs_out_is_store_busy_and_writes_nothing(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    store = Store.open(path)
    held = threading.Event()
    holder = _hold_lock(path, 1.5, held)
    try:
        with pytest.raises(StoreBusy):
            _book(store, 0)
    finally:
        holder.join()
    assert store.meetings.list() == []
    _book(store, 1)  # the store is usable again once the other is done
    assert len(store.meetings.list()) == 1
    store.close()


def test_long_lived_writers_and_readers_side_by_side_lose_nothing(path: Path) -> None:
    """Three long-lived writers (as the app, a server and a script would be) and two
    readers on one file for a while: every write is saved, nobody sees an error."""
    writers, rounds = 3, 25
    errors: list[BaseException] = []
    booked: list[list[int]] = [[] for _ in range(writers)]
    done = threading.Event()

    def write(index: int) -> None:
        store = Store.open(path)
        try:
            for number in range(rounds):
                meeting_id = _book(store, index * rounds + number, topic=f"写者{index}")
                booked[index].append(meeting_id)
                with store.transaction():  # a read, then a write, in one transaction
                    seen = store.meetings.get(meeting_id)
                    store.meetings.cancel(seen.id)
        except BaseException as error:  # any failure is the finding
            errors.append(error)
        finally:
            store.close()

    def read() -> None:
        store = Store.open(path, read_only=True)
        try:
            while not done.is_set():
                store.meetings.list()
                store.members()
        except BaseException as error:
            errors.append(error)
        finally:
            store.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in [*threads, *readers]:
        thread.start()
    for thread in threads:
        thread.join(60)
    done.set()
    for thread in readers:
        thread.join(10)
    assert errors == []
    store = Store.open(path, read_only=True)
    meetings = store.meetings.list()
    assert sorted(m.id for m in meetings) == sorted(i for ids in booked for i in ids)
    assert len(meetings) == writers * rounds and all(m.cancelled for m in meetings)
    store.close()
