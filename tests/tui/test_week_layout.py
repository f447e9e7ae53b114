"""Where shifts go in the week grid: cut at midnight, grouped in crews, side by side in lanes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from shiftcell.scheduling import DepartmentKind, Member, Shift
from shiftcell.tui.views.week_layout import Block, assign_lanes, blocks, pieces
from tests.tui.conftest import ZONE

MONDAY = date(2026, 12, 7)
START = datetime(2026, 12, 7, tzinfo=ZONE)


def shift(employee_no: str, start_minute: int, minutes: int, post: str = "东区公寓") -> Shift:
    begin = START + timedelta(minutes=start_minute)
    return Shift(begin, begin + timedelta(minutes=minutes), employee_no, post, "夜班")


@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 1439), st.integers(1, 600), st.booleans()),
        max_size=40,
    )
)
def test_blocks_in_one_lane_never_overlap(spans: list[tuple[int, int, int, bool]]) -> None:
    """Two blocks drawn on the same cells would hide one of them."""
    found = [
        Block(
            day,
            start,
            min(1440, start + length),
            DepartmentKind.CANTEEN,
            "",
            "",
            "",
            ("x",),
            ("x",),
            False,
            highlighted,
        )
        for day, start, length, highlighted in spans
    ]
    placed = assign_lanes(found)
    assert sorted((b.day, b.start, b.end) for b in placed) == sorted(
        (b.day, b.start, b.end) for b in found
    )
    for one in placed:
        for other in placed:
            if one is not other and (one.day, one.lane) == (other.day, other.lane):
                assert one.end <= other.start or other.end <= one.start
    # Highlighted blocks are placed first: they never wait behind ordinary ones.
    for one in placed:
        if one.highlighted:
            marked = sum(1 for b in placed if b.highlighted and b.day == one.day)
            assert one.lane < marked


@given(st.integers(0, 7 * 1440 - 1), st.integers(1, 2 * 1440))
def test_pieces_add_up_to_the_part_of_the_shift_inside_the_week(start: int, length: int) -> None:
    """An overnight shift must be drawn on both days, and nowhere twice."""
    cut = pieces([shift("HQ1", start, length)], MONDAY)
    inside = min(start + length, 7 * 1440) - start
    assert sum(p.end - p.start for p in cut) == inside
    assert all(0 <= p.start < p.end <= 1440 for p in cut)
    assert [p.continued for p in cut] == [False] + [True] * (len(cut) - 1)


def test_a_night_shift_shows_on_both_days() -> None:
    [evening, morning] = pieces([shift("HQ1", 2 * 1440 + 20 * 60, 12 * 60)], MONDAY)
    assert (evening.day, evening.start, evening.end) == (2, 20 * 60, 1440)
    assert (morning.day, morning.start, morning.end) == (3, 0, 8 * 60)
    assert morning.continued and morning.hours == "20:00–08:00"


def test_people_on_the_same_shift_form_one_crew_and_a_highlighted_one_stands_out() -> None:
    members = {n: Member(n, name, "公寓中心") for n, name in (("HQ1", "王伟"), ("HQ2", "李娜"))}
    kinds = {"公寓中心": DepartmentKind.DORMITORY}
    both = [shift("HQ1", 8 * 60, 720), shift("HQ2", 8 * 60, 720, "西区公寓")]
    [crew] = blocks(both, MONDAY, members, kinds)
    assert crew.names == ("王伟", "李娜")
    assert crew.post == "东区公寓、西区公寓"
    marked = blocks(both, MONDAY, members, kinds, highlighted={"HQ2"})
    [mine] = [b for b in marked if b.highlighted]
    assert mine.names == ("李娜",) and mine.lane == 0
    assert blocks(both, MONDAY, members, kinds, only=DepartmentKind.CANTEEN) == []
