"""A big branch's week worked out from the shifts' columns gives exactly the plain answers.

The week grid of a branch of thousands is grouped with numpy
(``tui/views/week_columns.py``); a small organisation's with plain Python
(``week_layout.crews``). Both must draw the same grid: the same crews in the same
order, the same names and posts in each, the same hours on shift to the last bit.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shiftcell.db.store import Store
from shiftcell.scheduling import DepartmentKind, Member, Shift
from shiftcell.scheduling import shift_list as shift_list_module
from shiftcell.scheduling.localtime import day_start
from shiftcell.scheduling.shift_list import Kind, ShiftList, encode
from shiftcell.tui.views.week import Week, hours_on_shift, load_week
from shiftcell.tui.views.week_columns import crews_of_columns, hours_of_columns, labels_of_columns
from shiftcell.tui.views.week_layout import crews
from tests.tui.conftest import TODAY

# Mondays of ordinary weeks and of weeks with a clock change (Europe/London: 29 March
# and 25 October 2026; Shanghai has none).
WEEKS = [
    (ZoneInfo("Asia/Shanghai"), date(2026, 12, 7)),
    (ZoneInfo("Europe/London"), date(2026, 3, 23)),
    (ZoneInfo("Europe/London"), date(2026, 10, 19)),
]
NUMBERS = [f"HQ{n}" for n in range(6)]
DEPARTMENTS = ["食堂", "公寓中心", "维修队", "机关"]
KINDS = {
    "食堂": DepartmentKind.CANTEEN,
    "公寓中心": DepartmentKind.DORMITORY,
    "维修队": DepartmentKind.MAINTENANCE,
}
NAMES = {"HQ0": "王伟", "HQ1": "李娜", "HQ2": "张敏", "HQ3": "刘洋", "HQ4": "陈静", "HQ5": "杨帆"}

kinds_table = st.lists(
    st.tuples(
        st.sampled_from([None, "东区公寓", "一食堂", "西区"]),
        st.sampled_from([None, "", "夜班"]),
        st.sampled_from([None, "早", "夜"]),
    ),
    min_size=1,
    max_size=5,
    unique=True,
)
# shifts at the same hours for some members (so that crews form): the members, the
# start (minutes from two days before Monday, often at the usual hours; now and then a
# few seconds past the minute), the length in minutes, and the kind of the first
# member's shift (an index into the table, wrapped), the next members' ``step`` on.
shift_spec = st.tuples(
    st.lists(st.sampled_from(NUMBERS), min_size=1, max_size=len(NUMBERS), unique=True),
    st.builds(
        lambda day, minute: day * 24 * 60 + minute,
        st.integers(0, 10),
        st.one_of(
            st.sampled_from([0, 6 * 60, 8 * 60, 20 * 60, 22 * 60]), st.integers(0, 24 * 60 - 1)
        ),
    ),
    st.sampled_from([0, 0, 0, 30]),
    st.one_of(st.sampled_from([60, 8 * 60, 10 * 60, 12 * 60]), st.integers(1, 36 * 60)),
    st.integers(0, 10),
    st.integers(0, 2),
)
Spec = tuple[list[str], int, int, int, int, int]
# each member's department, or None: not shown (a group the store does not show)
members_shown = st.lists(
    st.one_of(st.none(), st.sampled_from(DEPARTMENTS)), min_size=len(NUMBERS), max_size=len(NUMBERS)
).map(lambda found: {no: d for no, d in zip(NUMBERS, found, strict=True) if d is not None})


def shift_lists(
    zone: ZoneInfo, monday: date, kinds: list[Kind], specs: list[Spec]
) -> tuple[ShiftList, ShiftList]:
    """The same read twice (it remembers how it was decoded): as blocks of up to three
    shifts per member, as the store keeps them week by week."""
    origin = day_start(monday, zone).timestamp() - 2 * 86400
    by_member: dict[str, list[Shift]] = {}
    for numbers, minute, seconds, length, kind, step in specs:
        start = int(origin) + minute * 60 + seconds
        end = start + length * 60
        for place, number in enumerate(numbers):
            post, label, code = kinds[(kind + place * step) % len(kinds)]
            shift = Shift(
                datetime.fromtimestamp(start, zone),
                datetime.fromtimestamp(end, zone),
                number,
                post,
                label,
                code,
                float(start),
                float(end),
            )
            by_member.setdefault(number, []).append(shift)
    kind_of = {kind: number for number, kind in enumerate(dict.fromkeys(kinds))}
    blocks = []
    for number, shifts in by_member.items():
        for first in range(0, len(shifts), 3):
            part = shifts[first : first + 3]
            base = int(min(s.start_ts for s in part))
            blocks.append((number, base, encode(part, base, kind_of)))
    table = list(kind_of)
    low, high = day_start(monday, zone).timestamp(), day_start(monday + timedelta(7), zone)
    made = [ShiftList(zone, table, blocks, low, high.timestamp()) for _ in range(2)]
    return made[0], made[1]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(WEEKS),
    kinds_table,
    st.lists(shift_spec, min_size=1, max_size=20),
    members_shown,
)
def test_the_crews_from_columns_equal_the_plain_crews(
    week: tuple[ZoneInfo, date],
    kinds: list[Kind],
    specs: list[Spec],
    departments: dict[str, str],
) -> None:
    """Crews (order, names, posts, hours), hours on shift and labels: what the grid, the
    roster and the legend show must not depend on the size of the branch."""
    zone, monday = week
    plain_read, column_read = shift_lists(zone, monday, kinds, specs)
    plain = list(plain_read)
    columns = column_read.columns()
    members = {no: Member(no, NAMES[no], department) for no, department in departments.items()}

    assert crews_of_columns(columns, zone, monday, members, KINDS) == crews(
        plain, monday, members, KINDS
    )
    low, high = plain_read._lo, plain_read._hi
    assert hours_of_columns(columns, low, high) == hours_on_shift(plain, low, high)
    assert labels_of_columns(columns) == {shift.label or "" for shift in plain}


@pytest.fixture
def demo_store(demo_db: Path) -> Store:
    return Store.open(demo_db)


def test_a_week_read_as_many_blocks_is_the_week_read_plainly(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's week read both ways: a branch that grows past the threshold must see
    the same grid, roster hours, shift codes and highlighted member as before."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    plain = load_week(demo_store, monday)
    monkeypatch.setattr(shift_list_module, "MANY_BLOCKS", 1)
    many = load_week(demo_store, monday)
    assert isinstance(many.shifts, ShiftList) and many.shifts.many
    assert not (isinstance(plain.shifts, ShiftList) and plain.shifts.many)

    def seen(week: Week) -> tuple[object, ...]:
        return (week.crews, week.hours, week.codes, week.labels, len(week.shifts))

    assert plain.crews and seen(many) == seen(plain)
    for member in plain.members:
        assert many.shifts_of(member.employee_no) == plain.shifts_of(member.employee_no)
    assert many.shifts_of("nobody") == [] == plain.shifts_of("nobody")
