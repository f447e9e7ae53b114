"""Calendar periods, standings and lapse months, against simple oracles.

A secretary is told a group is "overdue" or a member is five months from
lapsing on the strength of this arithmetic: month ends, quarter ends, leap
days and year ends must all be right.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from shiftcell.scheduling.cadence import (
    Cadence,
    LapseLevel,
    Standing,
    add_months,
    branch_last_held,
    lapse_level,
    last_held,
    next_booked,
    parse_cadence,
    parse_period,
    period_of,
    periods_between,
    periods_due,
    requirements,
    standing,
    whole_months,
    worst,
)

CADENCES = [Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.YEARLY]
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def _starts_a_period(day: date, cadence: Cadence) -> bool:
    """Oracle: the first day of a month, of a quarter's month, of a year."""
    if cadence is Cadence.MONTHLY:
        return day.day == 1
    if cadence is Cadence.QUARTERLY:
        return day.day == 1 and day.month in (1, 4, 7, 10)
    return day.day == 1 and day.month == 1


@given(days, st.sampled_from(CADENCES))
def test_a_day_lies_in_the_period_that_starts_at_the_last_boundary_before_it(
    day: date, cadence: Cadence
) -> None:
    period = period_of(day, cadence)
    first = day
    while not _starts_a_period(first, cadence):
        first -= timedelta(days=1)
    after = day + timedelta(days=1)
    while not _starts_a_period(after, cadence):
        after += timedelta(days=1)
    assert (period.first, period.last) == (first, after - timedelta(days=1))
    assert day in period
    assert period.next().first == after
    assert period.previous().last == first - timedelta(days=1)
    assert parse_period(period.label) == period


@given(days, st.integers(0, 800), st.sampled_from(CADENCES))
def test_periods_between_cover_every_day_once(first: date, length: int, cadence: Cadence) -> None:
    last = first + timedelta(days=length)
    periods = periods_between(first, last, cadence)
    for day in (first, last, first + timedelta(days=length // 2)):
        assert sum(day in p for p in periods) == 1
    assert all(a.last + timedelta(days=1) == b.first for a, b in pairwise(periods))
    assert periods[0].first <= first and periods[-1].last >= last


def test_period_labels_read_as_a_secretary_writes_them() -> None:
    assert period_of(date(2026, 12, 31), Cadence.MONTHLY).label == "2026-12"
    assert period_of(date(2026, 11, 20), Cadence.QUARTERLY).label == "2026Q4"
    assert period_of(date(2024, 2, 29), Cadence.YEARLY).label == "2024"
    assert parse_period("2026q1").last == date(2026, 3, 31)
    assert parse_period("2024-02").last == date(2024, 2, 29)
    for wrong in ("2026Q5", "2026-13", "26Q1", "Q4", ""):
        with pytest.raises(ValueError):
            parse_period(wrong)


def test_whole_months_match_the_examples_of_the_rules() -> None:
    assert whole_months(date(2026, 6, 10), date(2026, 11, 20)) == 5
    assert whole_months(date(2026, 8, 12), date(2026, 11, 20)) == 3
    assert whole_months(date(2026, 5, 20), date(2026, 11, 20)) == 6
    assert whole_months(date(2026, 5, 21), date(2026, 11, 20)) == 5
    assert whole_months(date(2024, 1, 31), date(2024, 2, 29)) == 1  # the month's last day
    assert whole_months(date(2024, 2, 29), date(2025, 2, 28)) == 12


@given(days, days)
def test_whole_months_are_the_anniversaries_reached(since: date, until: date) -> None:
    """Oracle: count the month anniversaries (dateutil's, clipped to the month) up to ``until``."""
    expected = 0
    while since + relativedelta(months=expected + 1) <= until:
        expected += 1
    assert whole_months(since, until) == expected
    assert add_months(since, expected) == since + relativedelta(months=expected)


def test_lapse_levels_follow_the_six_month_rule() -> None:
    assert [lapse_level(m) for m in range(8)] == [
        None,
        None,
        None,
        LapseLevel.WARN,
        LapseLevel.WARN,
        LapseLevel.ALERT,
        LapseLevel.LAPSED,
        LapseLevel.LAPSED,
    ]


def test_a_requirement_is_ok_due_or_overdue_by_its_periods() -> None:
    as_of = date(2026, 11, 20)
    assert standing([date(2026, 11, 3)], as_of, Cadence.MONTHLY) is Standing.OK
    assert standing([date(2026, 10, 31)], as_of, Cadence.MONTHLY) is Standing.DUE
    assert standing([date(2026, 9, 30)], as_of, Cadence.MONTHLY) is Standing.OVERDUE
    assert standing([], as_of, Cadence.MONTHLY) is Standing.OVERDUE
    # planned later this month: not held yet
    assert standing([date(2026, 11, 25)], as_of, Cadence.MONTHLY) is Standing.OVERDUE
    assert standing([date(2026, 7, 1)], as_of, Cadence.QUARTERLY) is Standing.DUE
    assert standing([date(2025, 12, 31)], as_of, Cadence.YEARLY) is Standing.DUE


@given(st.lists(days, max_size=6), days, st.sampled_from(CADENCES))
def test_standing_agrees_with_the_periods_held(
    held: list[date], as_of: date, cadence: Cadence
) -> None:
    current = period_of(as_of, cadence)
    before = [d for d in held if d < as_of]
    found = standing(held, as_of, cadence)
    if any(current.first <= d for d in before):
        assert found is Standing.OK
    elif any(current.previous().first <= d for d in before):
        assert found is Standing.DUE
    else:
        assert found is Standing.OVERDUE


@given(days, st.integers(0, 400), st.sampled_from(CADENCES))
def test_the_periods_due_are_those_ending_in_the_range(
    first: date, length: int, cadence: Cadence
) -> None:
    """Oracle: walk the days of the range and keep each period whose last day is met."""
    last = first + timedelta(days=length)
    expected = []
    day = first
    while day <= last:
        period = period_of(day, cadence)
        if period.last == day:
            expected.append(period)
        day += timedelta(days=1)
    assert periods_due(first, last, cadence) == expected


@given(days, days, days, st.sampled_from(CADENCES))
def test_the_part_of_a_period_within_a_range_holds_exactly_the_days_in_both(
    day: date, first: date, last: date, cadence: Cadence
) -> None:
    period = period_of(day, cadence)
    part = period.within(first, last)
    if part is None:
        assert last < period.first or first > period.last or last < first
        return
    start, end = part
    assert start <= end
    for probe in (start, end, start - timedelta(days=1), end + timedelta(days=1)):
        assert (start <= probe <= end) == (probe in period and first <= probe <= last)


def test_a_quarter_plan_holds_the_year_only_when_it_reaches_the_year_end() -> None:
    """The review meeting falls due in Q4: planning Q1 does not ask for it, Q4 does."""
    assert periods_due(date(2027, 1, 1), date(2027, 3, 31), Cadence.YEARLY) == []
    (year,) = periods_due(date(2026, 12, 9), date(2027, 3, 9), Cadence.YEARLY)
    assert year.label == "2026" and year.within(date(2026, 12, 9), date(2027, 3, 9)) == (
        date(2026, 12, 9),
        date(2026, 12, 31),
    )
    assert [p.label for p in periods_due(date(2026, 12, 9), date(2027, 3, 9), Cadence.MONTHLY)] == [
        "2026-12",
        "2027-01",
        "2027-02",
    ]


@given(
    st.dictionaries(st.sampled_from("ABCDE"), st.lists(days, max_size=4), min_size=1),
    days,
    st.sampled_from(CADENCES),
)
def test_the_branch_stands_as_its_furthest_behind_group(
    held: dict[str, list[date]], as_of: date, cadence: Cadence
) -> None:
    """A branch-wide requirement is held when every group was reached: the branch's
    date is the earliest group's last, and its standing the worst of theirs."""
    last = branch_last_held(held, as_of)
    groups = [standing(days_held, as_of, cadence) for days_held in held.values()]
    assert standing([last] if last else [], as_of, cadence) is worst(groups)
    lasts = [last_held(days_held, as_of) for days_held in held.values()]
    assert last == (None if None in lasts else min(d for d in lasts if d))


def test_cadences_are_read_in_any_case_and_wrong_ones_refused() -> None:
    assert parse_cadence(" Quarterly ") is Cadence.QUARTERLY
    assert parse_cadence("OFF") is Cadence.OFF
    with pytest.raises(ValueError, match="weekly"):
        parse_cadence("weekly")


def test_an_organisations_cadence_replaces_the_default_and_keeps_the_order() -> None:
    from shiftcell.scheduling.meetings import MeetingType

    kept = requirements({MeetingType.THEME_DAY: Cadence.OFF})
    assert [r.kind for r in kept] == [r.kind for r in requirements({})]
    assert {r.kind: r.cadence for r in kept}[MeetingType.THEME_DAY] is Cadence.OFF
    assert {r.kind: r.cadence for r in kept}[MeetingType.GROUP_MEETING] is Cadence.MONTHLY


@given(st.lists(days, max_size=6), days, st.sampled_from(CADENCES))
def test_the_meeting_booked_for_a_period_is_the_first_from_today_to_its_end(
    held: list[date], as_of: date, cadence: Cadence
) -> None:
    """Oracle: walk the days from ``as_of`` to the period's end and stop at a booked one."""
    day, found = as_of, None
    while day in period_of(as_of, cadence):
        if day in held:
            found = day
            break
        day += timedelta(days=1)
    assert next_booked(held, as_of, cadence) == found
