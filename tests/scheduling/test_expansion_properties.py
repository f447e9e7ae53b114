"""Properties of expansion that must hold for any roster, checked by hypothesis."""

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from shiftcell.scheduling import (
    Cancellation,
    LeaveDays,
    RotationPattern,
    Segment,
    ShiftPlan,
    ShiftType,
    WeeklyPattern,
    expand,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
TYPES = {
    "D": ShiftType("D", "Day", (Segment(time(8), time(20)),)),
    "N": ShiftType("N", "Night", (Segment(time(20), time(8)),)),
    "E": ShiftType("E", "Early", (Segment(time(5, 30), time(13, 30)),)),
    "S": ShiftType("S", "Split", (Segment(time(6), time(9)), Segment(time(16, 30), time(19)))),
    "X": ShiftType("X", "24h", (Segment(time(8), time(8)),)),
}
BASE = date(2026, 3, 16)

cycles = st.text(alphabet="DNESX-", min_size=1, max_size=10)
anchors = st.integers(min_value=-20, max_value=20).map(lambda n: BASE + timedelta(days=n))
patterns = st.lists(
    st.one_of(
        st.builds(RotationPattern, st.sampled_from(["A", "B", "C"]), cycles, anchors),
        st.builds(
            WeeklyPattern,
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from("DNES"),
            st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(tuple),
            anchors,
            st.integers(1, 3),
        ),
    ),
    max_size=4,
)
overrides = st.lists(
    st.one_of(
        st.builds(Cancellation, st.sampled_from(["A", "B", "C"]), anchors),
        st.builds(
            lambda who, first, length: LeaveDays(who, first, first + timedelta(days=length)),
            st.sampled_from(["A", "B", "C"]),
            anchors,
            st.integers(0, 4),
        ),
    ),
    max_size=3,
)


def _key(shift) -> tuple:
    return (shift.employee_no, shift.start_ts, shift.end_ts, shift.code)


@settings(max_examples=60, deadline=None)
@given(
    patterns,
    overrides,
    st.sampled_from([SHANGHAI, BERLIN]),
    st.integers(0, 20 * 96),
    st.integers(0, 20 * 96),
    st.integers(0, 20 * 96),
)
def test_expanding_a_range_equals_expanding_its_two_halves(
    patterns, overrides, zone, a, b, c
) -> None:
    """A week shown day by day must list exactly the shifts of the whole week."""
    a, b, c = sorted((a, b, c))
    start = datetime.combine(BASE - timedelta(days=10), time(0), tzinfo=zone)

    def moment(quarter: int) -> datetime:
        return datetime.fromtimestamp(start.timestamp() + quarter * 900, zone)

    plan = ShiftPlan(zone, TYPES, patterns, overrides, [])
    whole = {_key(s) for s in expand(plan, moment(a), moment(c))}
    halves = {_key(s) for s in expand(plan, moment(a), moment(b))}
    halves |= {_key(s) for s in expand(plan, moment(b), moment(c))}
    assert whole == halves


def _oracle(pattern: RotationPattern, first: date, last: date) -> list[tuple[float, float]]:
    """Wall-clock minutes from ``first``; Shanghai has no DST so they are real minutes."""
    found = []
    for offset in range(-1, (last - first).days + 1):
        day = first + timedelta(days=offset)
        if day < pattern.anchor:
            continue
        code = pattern.cycle[(day - pattern.anchor).days % len(pattern.cycle)]
        if code == "-":
            continue
        for segment in TYPES[code].segments:
            begin = offset * 1440 + segment.start.hour * 60 + segment.start.minute
            end = offset * 1440 + segment.end.hour * 60 + segment.end.minute
            if segment.end <= segment.start:
                end += 1440
            found.append((begin, end))
    return found


@settings(max_examples=80, deadline=None)
@given(cycles, anchors)
def test_a_rotation_expands_to_exactly_the_shifts_of_its_cycle(cycle, anchor) -> None:
    """Checked against a day-by-day reading of the cycle written independently."""
    first, last = BASE, BASE + timedelta(days=13)
    start = datetime.combine(first, time(0), tzinfo=SHANGHAI)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=SHANGHAI)
    pattern = RotationPattern("A", cycle, anchor)
    found = expand(ShiftPlan(SHANGHAI, TYPES, [pattern], [], []), start, end)
    got = sorted(((s.start_ts - start.timestamp()) / 60, (s.end_ts - start.timestamp()) / 60)
                 for s in found)  # fmt: skip
    want = sorted((b, e) for b, e in _oracle(pattern, first, last) if b < 14 * 1440 and e > 0)
    assert got == want


@settings(max_examples=80, deadline=None)
@given(cycles, anchors, st.sampled_from([SHANGHAI, BERLIN]))
def test_a_members_shifts_overlap_only_where_the_cycle_itself_does(cycle, anchor, zone) -> None:
    """Expansion never invents a double booking, across midnight or DST."""
    pattern = RotationPattern("A", cycle, anchor)
    first, last = BASE - timedelta(days=1), BASE + timedelta(days=20)
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(last, time(0), tzinfo=zone)
    found = expand(ShiftPlan(zone, TYPES, [pattern], [], []), start, end)
    wall = sorted(_oracle(pattern, first, last))
    cycle_overlaps = any(b[0] < a[1] for a, b in itertools.pairwise(wall))
    shift_overlaps = any(b.start_ts < a.end_ts for a, b in itertools.pairwise(found))
    if not cycle_overlaps:
        assert not shift_overlaps
