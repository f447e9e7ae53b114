"""Shift patterns unrolled into the concrete shifts people actually work."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from shiftcell.scheduling import (
    Cancellation,
    ExtraShift,
    LeaveDays,
    RotationPattern,
    Segment,
    ShiftPlan,
    ShiftType,
    Swap,
    WeeklyPattern,
    expand,
    leave_between,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
TYPES = {
    "D": ShiftType("D", "Day", (Segment(time(8), time(20)),)),
    "N": ShiftType("N", "Night", (Segment(time(20), time(8)),)),
    "E": ShiftType("E", "Early", (Segment(time(5, 30), time(13, 30)),)),
    "S": ShiftType(
        "S",
        "Split",
        (
            Segment(time(6), time(9)),
            Segment(time(10, 30), time(13, 30)),
            Segment(time(16, 30), time(19)),
        ),
    ),
    "X": ShiftType("X", "24 hours", (Segment(time(8), time(8)),)),
}
MONDAY = date(2026, 12, 7)


def plan(patterns=(), overrides=(), shifts=(), zone=SHANGHAI) -> ShiftPlan:
    return ShiftPlan(zone, TYPES, list(patterns), list(overrides), list(shifts))


def local(day: date, hour: int, minute: int = 0, zone=SHANGHAI) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def week(p: ShiftPlan, first: date = MONDAY, days: int = 7, zone=SHANGHAI):
    return expand(p, local(first, 0, zone=zone), local(first + timedelta(days=days), 0, zone=zone))


def hours(shifts) -> list[tuple[str, str]]:
    return [(f"{s.start:%m-%d %H:%M}", f"{s.end:%m-%d %H:%M}") for s in shifts]


def test_a_rotation_repeats_its_cycle_from_the_anchor() -> None:
    """DDNN----: two days, two nights, four off, again and again."""
    p = plan([RotationPattern("E1", "DDNN----", MONDAY)])
    found = expand(p, local(MONDAY, 0), local(MONDAY + timedelta(days=10), 0))
    assert [s.code for s in found] == ["D", "D", "N", "N", "D", "D"]
    assert found[4].start == local(MONDAY + timedelta(days=8), 8)


def test_a_night_shift_ends_the_next_morning() -> None:
    """An end at or before the start means the next day."""
    p = plan([RotationPattern("E1", "N", MONDAY)])
    first = week(p, days=1)
    assert hours(first) == [("12-07 20:00", "12-08 08:00")]
    assert first[0].hours == 12


def test_a_night_shift_begun_before_the_range_is_still_listed() -> None:
    """Someone coming off nights at 08:00 Monday is busy on Monday morning."""
    p = plan([RotationPattern("E1", "N", MONDAY - timedelta(days=1))])
    found = expand(p, local(MONDAY, 0), local(MONDAY, 12))
    assert hours(found) == [("12-06 20:00", "12-07 08:00")]


def test_a_24_hour_shift_ends_at_the_same_time_next_day() -> None:
    p = plan([RotationPattern("E1", "X--", MONDAY)])
    assert hours(week(p, days=3)) == [("12-07 08:00", "12-08 08:00")]


def test_a_split_shift_is_several_stretches_in_one_day() -> None:
    """Canteen split shifts leave gaps that are real chances to meet."""
    p = plan([WeeklyPattern("E1", "S", (0,), MONDAY)])
    assert hours(week(p)) == [
        ("12-07 06:00", "12-07 09:00"),
        ("12-07 10:30", "12-07 13:30"),
        ("12-07 16:30", "12-07 19:00"),
    ]


def test_a_weekly_pattern_with_interval_two_works_every_other_week() -> None:
    """Odd and even weeks: a Saturday every fortnight."""
    saturday = MONDAY + timedelta(days=5)
    p = plan([WeeklyPattern("E1", "D", (5,), saturday, interval=2)])
    found = expand(p, local(MONDAY, 0), local(MONDAY + timedelta(days=35), 0))
    assert [s.start.date() for s in found] == [saturday + timedelta(days=14 * n) for n in range(3)]


def test_a_pattern_applies_from_its_anchor_until_its_last_day() -> None:
    p = plan([WeeklyPattern("E1", "D", (0, 1, 2, 3, 4), MONDAY + timedelta(days=1),
                            until=MONDAY + timedelta(days=3))])  # fmt: skip
    assert [s.start.day for s in week(p)] == [8, 9, 10]


def test_leave_removes_shifts_and_is_reported_as_leave() -> None:
    """On leave means neither working nor available for a meeting."""
    p = plan(
        [RotationPattern("E1", "D", MONDAY)],
        [LeaveDays("E1", MONDAY + timedelta(days=1), MONDAY + timedelta(days=2), "annual")],
    )
    assert [s.start.day for s in week(p)] == [7, 10, 11, 12, 13]
    (leave,) = leave_between(p, local(MONDAY, 0), local(MONDAY + timedelta(days=7), 0))
    assert (leave.start, leave.end) == (local(date(2026, 12, 8), 0), local(date(2026, 12, 10), 0))


def test_a_cancelled_shift_does_not_happen() -> None:
    p = plan([RotationPattern("E1", "D", MONDAY)], [Cancellation("E1", MONDAY)])
    assert MONDAY not in [s.start.date() for s in week(p)]


def test_a_cancellation_by_code_keeps_the_other_shifts_of_that_day() -> None:
    p = plan(
        [WeeklyPattern("E1", "E", (0,), MONDAY), WeeklyPattern("E1", "N", (0,), MONDAY)],
        [Cancellation("E1", MONDAY, "E")],
    )
    assert [s.code for s in week(p)] == ["N"]


def test_an_extra_shift_is_added_by_code_or_by_its_own_times() -> None:
    p = plan(
        [],
        [
            ExtraShift("E1", MONDAY, "E", post="North Canteen"),
            ExtraShift("E1", MONDAY + timedelta(days=1), segment=Segment(time(9), time(11))),
        ],
    )
    found = week(p)
    assert hours(found) == [("12-07 05:30", "12-07 13:30"), ("12-08 09:00", "12-08 11:00")]
    assert found[0].post == "North Canteen"


def test_a_swap_exchanges_two_members_shifts_on_that_day_only() -> None:
    """A day worker covering a colleague's night takes the night's hours."""
    p = plan(
        [RotationPattern("A", "D", MONDAY), RotationPattern("B", "N", MONDAY)],
        [Swap("A", "B", MONDAY)],
    )
    found = week(p, days=2)
    first_day = {s.employee_no: s.code for s in found if s.start.date() == MONDAY}
    second_day = {s.employee_no: s.code for s in found if s.start.date() == MONDAY + timedelta(1)}
    assert first_day == {"A": "N", "B": "D"}
    assert second_day == {"A": "D", "B": "N"}


def test_explicit_shifts_are_listed_as_given() -> None:
    from shiftcell.scheduling import Shift

    shift = Shift(local(MONDAY, 9), local(MONDAY, 17), "E1", "Gate")
    assert week(plan(shifts=[shift])) == [shift]


def test_night_shifts_across_spring_forward_are_an_hour_shorter() -> None:
    """In New York on 2026-03-08 clocks jump from 02:00 to 03:00."""
    p = plan([RotationPattern("E1", "N", date(2026, 3, 7))], zone=NEW_YORK)
    (night,) = expand(p, local(date(2026, 3, 7), 12, zone=NEW_YORK),
                      local(date(2026, 3, 8), 6, zone=NEW_YORK))  # fmt: skip
    assert night.hours == 11
    assert night.end.utcoffset() == timedelta(hours=-4)


def test_night_shifts_across_fall_back_are_an_hour_longer() -> None:
    p = plan([RotationPattern("E1", "N", date(2026, 10, 31))], zone=NEW_YORK)
    (night,) = expand(p, local(date(2026, 10, 31), 12, zone=NEW_YORK),
                      local(date(2026, 11, 1), 6, zone=NEW_YORK))  # fmt: skip
    assert night.hours == 13


def test_a_shift_starting_in_the_skipped_hour_starts_when_clocks_show_it() -> None:
    """02:30 does not exist on a spring-forward night; the shift starts at 03:30."""
    types = {"Q": ShiftType("Q", "Odd", (Segment(time(2, 30), time(6)),))}
    p = ShiftPlan(NEW_YORK, types, [RotationPattern("E1", "Q", date(2026, 3, 8))], [], [])
    (shift,) = expand(p, local(date(2026, 3, 8), 0, zone=NEW_YORK),
                      local(date(2026, 3, 9), 0, zone=NEW_YORK))  # fmt: skip
    assert f"{shift.start:%H:%M}" == "03:30"
    assert shift.hours == 2.5


def test_an_unknown_shift_code_is_named() -> None:
    p = plan([RotationPattern("E1", "Z", MONDAY)])
    with pytest.raises(ValueError, match=r"E1.*'Z'"):
        week(p)
