"""A brute-force reading of the scheduling rules, written independently of the fast path.

Interval by interval, slot by slot, in plain datetime arithmetic: slow, and
obviously what the rules say.
"""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from shiftcell.scheduling import Invitation, Leave, Member, Rules, Shift


def oracle_slots(first: date, last: date, zone: ZoneInfo, rules: Rules) -> list[datetime]:
    """Starts every ``step`` minutes from local midnight, inside earliest/latest, none
    before ``not_before``."""
    found = []
    day = first
    while day <= last:
        midnight = datetime.combine(day, time(0), tzinfo=zone)
        window_start = datetime.combine(day, rules.earliest, tzinfo=zone)
        if rules.latest == time(0):
            window_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        else:
            window_end = datetime.combine(day, rules.latest, tzinfo=zone)
        start = midnight
        while start < midnight + timedelta(days=1):
            inside = (
                start >= window_start and start + timedelta(minutes=rules.duration) <= window_end
            )
            ahead = rules.not_before is None or start >= rules.not_before
            if inside and ahead:
                found.append(start)
            start += timedelta(minutes=rules.step)
        day += timedelta(days=1)
    return found


def is_night_shift(shift: Shift) -> bool:
    day = shift.start.date() - timedelta(days=1)
    while day <= shift.end.date():
        night_start = datetime.combine(day, time(0), tzinfo=shift.start.tzinfo)
        night_end = datetime.combine(day, time(5), tzinfo=shift.start.tzinfo)
        if shift.start < night_end and shift.end > night_start:
            return True
        day += timedelta(days=1)
    return False


def margin(shift: Shift, rules: Rules) -> timedelta:
    minutes = rules.buffer
    if not rules.fixed_buffer and shift.post in rules.post_buffers:
        minutes = max(minutes, rules.post_buffers[shift.post])
    return timedelta(minutes=minutes)


def busy_by_shift(shift: Shift, s: datetime, e: datetime, rules: Rules) -> bool:
    return shift.start - margin(shift, rules) < e and shift.end + margin(shift, rules) > s


def busy_by_rest(shift: Shift, s: datetime, e: datetime, rules: Rules) -> bool:
    rest = timedelta(hours=rules.rest)
    return rules.rest > 0 and is_night_shift(shift) and s < shift.end + rest and e > shift.end


def busy_by_leave(leave: Leave, s: datetime, e: datetime) -> bool:
    return s < leave.end and e > leave.start


def busy_by_meeting(invitation: Invitation, s: datetime, e: datetime, rules: Rules) -> bool:
    """A booked meeting counts as a shift with the default buffer (no post, no travel)."""
    buffer = timedelta(minutes=rules.buffer)
    return invitation.start - buffer < e and invitation.end + buffer > s


def is_free(
    no: str,
    s: datetime,
    shifts: Sequence[Shift],
    leave: Sequence[Leave],
    rules: Rules,
    invitations: Sequence[Invitation] = (),
) -> bool:
    e = s + timedelta(minutes=rules.duration)
    for shift in shifts:
        if shift.employee_no == no and (
            busy_by_shift(shift, s, e, rules) or busy_by_rest(shift, s, e, rules)
        ):
            return False
    if any(v.employee_no == no and busy_by_meeting(v, s, e, rules) for v in invitations):
        return False
    return not any(v.employee_no == no and busy_by_leave(v, s, e) for v in leave)


def free_sets(
    members: Sequence[Member],
    starts: Sequence[datetime],
    shifts: Sequence[Shift],
    leave: Sequence[Leave],
    rules: Rules,
    invitations: Sequence[Invitation] = (),
) -> list[frozenset[str]]:
    """For each slot start, the employee numbers free for it."""
    return [
        frozenset(
            m.employee_no
            for m in members
            if is_free(m.employee_no, s, shifts, leave, rules, invitations)
        )
        for s in starts
    ]


def best_union(sets: Sequence[frozenset[str]], k: int) -> int:
    """The most members k slots can reach, trying every combination of slots."""
    distinct = list(set(sets))
    k = min(k, len(distinct))
    return max((len(frozenset().union(*combo)) for combo in combinations(distinct, k)), default=0)
