"""Turn a shift plan into the concrete shifts and leave of a time range.

One pure function with a horizon: ``expand(plan, start, end)`` gives every
shift that overlaps ``[start, end)``. Patterns are unrolled a day early so
that a night shift begun the evening before the range is not lost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import WEEKLY, rrule

from shiftcell.scheduling.localtime import at, day_start, days
from shiftcell.scheduling.model import Leave, Segment, Shift, ShiftType
from shiftcell.scheduling.patterns import (
    OFF,
    Cancellation,
    ExtraShift,
    LeaveDays,
    Pattern,
    RotationPattern,
    ShiftPlan,
    Swap,
)

ONE_DAY = timedelta(days=1)


def expand(plan: ShiftPlan, start: datetime, end: datetime) -> list[Shift]:
    """Every shift overlapping ``[start, end)``, sorted by start then member."""
    zone = plan.timezone
    first = start.astimezone(zone).date() - ONE_DAY
    last = end.astimezone(zone).date()
    by_day: dict[tuple[str, date], list[Shift]] = defaultdict(list)
    instants: dict[tuple[str, date], list[_Instants]] = {}
    for pattern in plan.patterns:
        employee_no, post = pattern.employee_no, pattern.post
        for day, code in _pattern_days(pattern, first, last):
            shift_type = _shift_type(plan, code, employee_no)
            key = (code, day)
            if key not in instants:
                instants[key] = [_instants(s, day, zone) for s in shift_type.segments]
            by_day[employee_no, day].extend(
                Shift(start, end, employee_no, post, shift_type.label, code, start_ts, end_ts)
                for start, end, start_ts, end_ts in instants[key]
            )
    for shift in plan.shifts:
        day = shift.start.astimezone(zone).date()
        if first <= day <= last:
            by_day[shift.employee_no, day].append(shift)
    _apply_overrides(plan, by_day, first, last)
    lo, hi = start.timestamp(), end.timestamp()
    found = [
        shift
        for shifts in by_day.values()
        for shift in shifts
        if shift.start_ts < hi and shift.end_ts > lo
    ]
    found.sort(key=lambda s: (s.start_ts, s.employee_no, s.end_ts))
    return found


def leave_between(plan: ShiftPlan, start: datetime, end: datetime) -> list[Leave]:
    """Stretches of leave overlapping ``[start, end)``, as real instants."""
    zone = plan.timezone
    found = []
    for override in plan.overrides:
        if not isinstance(override, LeaveDays):
            continue
        leave = Leave(
            override.employee_no,
            day_start(override.first, zone),
            day_start(override.last + ONE_DAY, zone),
            override.reason,
        )
        if leave.start.timestamp() < end.timestamp() and leave.end.timestamp() > start.timestamp():
            found.append(leave)
    return found


def _pattern_days(pattern: Pattern, first: date, last: date) -> Iterable[tuple[date, str]]:
    begin = max(first, pattern.anchor)
    finish = min(last, pattern.until) if pattern.until else last
    if begin > finish:
        return
    if isinstance(pattern, RotationPattern):
        cycle, length = pattern.cycle, len(pattern.cycle)
        position = (begin - pattern.anchor).days
        for offset in range((finish - begin).days + 1):
            code = cycle[(position + offset) % length]
            if code != OFF:
                yield begin + timedelta(days=offset), code
        return
    for day in _weekly_days(pattern.weekdays, pattern.interval, pattern.anchor, begin, finish):
        yield day, pattern.shift_code


@lru_cache(maxsize=4096)
def _weekly_days(
    weekdays: tuple[int, ...], interval: int, anchor: date, begin: date, finish: date
) -> tuple[date, ...]:
    # Cached: a large roster has thousands of members on a handful of rhythms.
    rule = rrule(
        WEEKLY,
        byweekday=weekdays,
        interval=interval,
        dtstart=datetime.combine(anchor, datetime.min.time()),
        wkst=0,
    )
    lo = datetime.combine(begin, datetime.min.time())
    hi = datetime.combine(finish, datetime.min.time())
    return tuple(moment.date() for moment in rule.between(lo, hi, inc=True))


def _shift_type(plan: ShiftPlan, code: str, employee_no: str) -> ShiftType:
    try:
        return plan.shift_types[code]
    except KeyError:
        raise ValueError(f"member {employee_no}: unknown shift code {code!r}") from None


def _shifts_of(
    shift_type: ShiftType, day: date, employee_no: str, post: str | None, plan: ShiftPlan
) -> list[Shift]:
    return [
        _segment_shift(segment, day, employee_no, post, plan, shift_type)
        for segment in shift_type.segments
    ]


def _segment_shift(
    segment: Segment,
    day: date,
    employee_no: str,
    post: str | None,
    plan: ShiftPlan,
    shift_type: ShiftType | None = None,
) -> Shift:
    start, end, start_ts, end_ts = _instants(segment, day, plan.timezone)
    return Shift(
        start=start,
        end=end,
        employee_no=employee_no,
        post=post,
        label=shift_type.label if shift_type else None,
        code=shift_type.code if shift_type else None,
        start_ts=start_ts,
        end_ts=end_ts,
    )


_Instants = tuple[datetime, datetime, float, float]


def _instants(segment: Segment, day: date, zone: ZoneInfo) -> _Instants:
    start = at(day, segment.start, zone)
    end = at(day + ONE_DAY if segment.overnight else day, segment.end, zone)
    return start, end, start.timestamp(), end.timestamp()


def _apply_overrides(
    plan: ShiftPlan, by_day: dict[tuple[str, date], list[Shift]], first: date, last: date
) -> None:
    """Swaps first, then cancellations and leave, then extra shifts."""
    relevant = [
        o for o in plan.overrides if _override_last(o) >= first and _override_first(o) <= last
    ]
    for swap in (o for o in relevant if isinstance(o, Swap)):
        mine = by_day.pop((swap.employee_no, swap.day), [])
        theirs = by_day.pop((swap.other, swap.day), [])
        by_day[swap.other, swap.day] = [replace(s, employee_no=swap.other) for s in mine]
        by_day[swap.employee_no, swap.day] = [
            replace(s, employee_no=swap.employee_no) for s in theirs
        ]
    for cancel in (o for o in relevant if isinstance(o, Cancellation)):
        key = (cancel.employee_no, cancel.day)
        if cancel.shift_code is None:
            by_day.pop(key, None)
        else:
            by_day[key] = [s for s in by_day.get(key, []) if s.code != cancel.shift_code]
    for leave in (o for o in relevant if isinstance(o, LeaveDays)):
        for day in days(max(leave.first, first), min(leave.last, last)):
            by_day.pop((leave.employee_no, day), None)
    for extra in (o for o in relevant if isinstance(o, ExtraShift)):
        if extra.segment is not None:
            new = [_segment_shift(extra.segment, extra.day, extra.employee_no, extra.post, plan)]
        else:
            shift_type = _shift_type(plan, extra.shift_code or "", extra.employee_no)
            new = _shifts_of(shift_type, extra.day, extra.employee_no, extra.post, plan)
        by_day[extra.employee_no, extra.day].extend(new)


def _override_first(override: LeaveDays | Cancellation | ExtraShift | Swap) -> date:
    return override.first if isinstance(override, LeaveDays) else override.day


def _override_last(override: LeaveDays | Cancellation | ExtraShift | Swap) -> date:
    return override.last if isinstance(override, LeaveDays) else override.day
