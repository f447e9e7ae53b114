"""``fill_demo`` tells how far it is, for the bar of ``shiftcell demo --members N``."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store

MONDAY = date(2026, 12, 7)


def test_the_demo_reports_steady_progress_up_to_the_end() -> None:
    """A bar that stops at two thirds, or runs backwards, reads as a hang."""
    told: list[tuple[int, int]] = []
    store = Store.memory()
    fill_demo(
        store, seed=1, members=2500, today=MONDAY, progress=lambda done, of: told.append((done, of))
    )
    assert told[-1] == (7500, 7500)
    assert {of for _, of in told} == {7500}
    done = [d for d, _ in told]
    assert done == sorted(done)
    assert len(set(done)) >= 7  # made up, saved, patterns saved: each in several steps
    assert any(2500 < d < 5000 for d in done) and any(5000 < d < 7500 for d in done)


def test_being_watched_changes_nothing_in_the_demo() -> None:
    """The same seed must give the same organisation, with a bar or without."""
    watched, plain = Store.memory(), Store.memory()
    fill_demo(watched, seed=4, members=1200, today=MONDAY, progress=lambda done, of: None)
    fill_demo(plain, seed=4, members=1200, today=MONDAY)
    assert watched.members() == plain.members()
    zone = ZoneInfo("Asia/Shanghai")
    start, end = datetime(2026, 12, 7, tzinfo=zone), datetime(2026, 12, 14, tzinfo=zone)
    assert watched.shifts(start, end) == plain.shifts(start, end)
