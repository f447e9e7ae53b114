"""Lapse months against a plain oracle: the warning a secretary gets rests on them."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from shiftcell.scheduling.cadence import LapseLevel
from shiftcell.scheduling.lapses import Record, find_lapses, lapse_of

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def _months_oracle(since: date, until: date) -> int:
    """Count month by month with dateutil (a day the month lacks becomes its last)."""
    count = 0
    while since + relativedelta(months=count + 1) <= until:
        count += 1
    return count


def _level_oracle(months: int) -> LapseLevel | None:
    return {0: None, 1: None, 2: None, 3: LapseLevel.WARN, 4: LapseLevel.WARN}.get(
        months, LapseLevel.ALERT if months == 5 else LapseLevel.LAPSED
    )


records = st.builds(
    Record,
    employee_no=st.text("ABC123", min_size=1, max_size=4),
    attended=st.lists(days, max_size=5).map(tuple),
    joined=days,
)


@given(records, days)
def test_a_members_months_count_from_the_last_day_present_up_to_the_as_of_date(
    record: Record, as_of: date
) -> None:
    """Meetings after the as-of date do not count; never present counts from joining."""
    lapse = lapse_of(record, as_of)
    before = [d for d in record.attended if d <= as_of]
    since = max(before) if before else record.joined
    assert lapse.last_attended == (max(before) if before else None)
    assert lapse.since == since
    expected = _months_oracle(since, as_of) if since <= as_of else 0
    assert lapse.months == expected
    assert lapse.level == _level_oracle(expected)


@given(st.lists(records, max_size=12, unique_by=lambda r: r.employee_no), days, st.integers(0, 8))
def test_lapses_list_everyone_at_the_minimum_or_beyond_longest_first(
    found: list[Record], as_of: date, minimum: int
) -> None:
    listed = find_lapses(found, as_of, minimum)
    expected = {r.employee_no for r in found if lapse_of(r, as_of).months >= minimum}
    assert {lapse.employee_no for lapse in listed} == expected
    keys = [(-lapse.months, lapse.since, lapse.employee_no) for lapse in listed]
    assert keys == sorted(keys)


def test_the_rules_examples_read_as_the_rules_say() -> None:
    """党章 art. 9 counted as a secretary would: 06-10 → 11-20 is five months, an alert."""
    five = lapse_of(Record("A", (date(2026, 6, 10),), date(2025, 1, 1)), date(2026, 11, 20))
    assert (five.months, five.level) == (5, LapseLevel.ALERT)
    three = lapse_of(Record("B", (date(2026, 8, 12),), date(2025, 1, 1)), date(2026, 11, 20))
    assert (three.months, three.level) == (3, LapseLevel.WARN)
    never = lapse_of(Record("C", (), date(2026, 5, 20)), date(2026, 11, 20))
    assert (never.last_attended, never.months, never.level) == (None, 6, LapseLevel.LAPSED)
