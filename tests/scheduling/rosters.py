"""Small rosters built by hand, in the organisation's zone."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shiftcell.scheduling import Member, Role, Shift, Status

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 9)  # a Wednesday


def local(clock: str, day: date = DAY) -> datetime:
    """``"10:30"`` on ``day``; ``"+1 08:00"`` on the next day."""
    if clock.startswith("+"):
        offset, clock = clock[1:].split(" ")
        day = day + timedelta(days=int(offset))
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=SHANGHAI)


def member(no: str, role: Role = Role.MEMBER, status: Status = Status.FULL) -> Member:
    return Member(no, f"Name {no}", "Canteen", post="North Canteen", role=role, status=status)


def shift(no: str, start: str, end: str, post: str = "North Canteen", day: date = DAY) -> Shift:
    return Shift(local(start, day), local(end, day), no, post, "Late")
