"""A screen reads its people once and every week after from memory, until the data changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from shiftcell.db.store import Store
from shiftcell.scheduling import Member
from shiftcell.tui.views.week import WeekReader
from tests.tui.conftest import TODAY

MONDAY = TODAY - timedelta(days=TODAY.weekday())


def newcomer(store: Store, employee_no: str) -> Member:
    """A member like the first one shown, in the same group, under a new number."""
    first = store.members(groups=[store.groups()[0].name])[0]
    return Member(employee_no, "新同志", first.department, first.post, first.group)


def numbers(reader: WeekReader) -> set[str]:
    return {m.employee_no for m in reader.read(MONDAY).members}


def test_a_member_added_by_another_program_shows_in_the_next_week_read(demo_db: Path) -> None:
    """The app stays open while a secretary imports members from the command line."""
    store, other = Store.open(demo_db), Store.open(demo_db)
    reader = WeekReader(store)
    assert "NEW1" not in numbers(reader)
    other.save(members=[newcomer(other, "NEW1")])
    assert "NEW1" in numbers(reader)


def test_a_member_added_through_the_same_store_shows_in_the_next_week_read(
    demo_db: Path,
) -> None:
    """A screen of the app itself may add members: no stale roster after it."""
    store = Store.open(demo_db)
    reader = WeekReader(store)
    assert "NEW2" not in numbers(reader)
    store.save(members=[newcomer(store, "NEW2")])
    assert "NEW2" in numbers(reader)


def test_weeks_read_one_after_another_share_the_people_read_once(demo_db: Path) -> None:
    """A big branch's thousands of members are not read again for every week."""
    reader = WeekReader(Store.open(demo_db))
    first, second = reader.read(MONDAY), reader.read(MONDAY + timedelta(days=7))
    assert second.by_member is first.by_member
