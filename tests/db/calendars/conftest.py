from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shiftcell.db.demo import fill_demo
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType

TODAY = date(2026, 12, 9)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def demo() -> Iterator[Store]:
    """The 80-member demo organisation with two meetings of its first group."""
    store = Store.memory()
    fill_demo(store, seed=1, members=80, today=TODAY)
    group = store.groups()[0].name
    invited = [m.employee_no for m in store.members(groups=[group])]
    start = datetime(2026, 12, 10, 14, 0, tzinfo=SHANGHAI)
    store.meetings.book(
        type=MeetingType.GROUP_MEETING,
        topic="学习贯彻全会精神",
        start=start,
        end=start + timedelta(minutes=45),
        groups=[group],
        invited=invited,
        place="行政楼 302",
    )
    store.meetings.book(
        type=MeetingType.PARTY_LECTURE,
        topic="党课：服务育人",
        start=start + timedelta(days=7),
        end=start + timedelta(days=7, hours=1),
        groups=[group],
        invited=invited[:3],
    )
    yield store
    store.close()
