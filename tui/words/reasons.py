"""Why a member cannot come, as a person says it, in the UI language.

Times are local HH:MM; a time on another day than the one talked about (the
slot's day, or else the day the stretch began) carries its date, MM-DD.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from shiftcell.scheduling import Reason, ReasonKind
from shiftcell.tui.i18n import t


def describe(reason: Reason, on: date | None = None) -> str:
    """``reason`` in words: "on shift 10:30–19:30 at 第一食堂", "on leave until 12-09",
    "in meeting «学习全会精神» 20:15–21:00"."""
    day = on or reason.start.date()
    if reason.kind is ReasonKind.LEAVE:
        last = _last_day(reason.end)
        if reason.note:
            return t("on leave until {day} ({note})", day=_month_day(last), note=reason.note)
        return t("on leave until {day}", day=_month_day(last))
    if reason.kind is ReasonKind.REST:
        return t("resting after night shift until {time}", time=_clock(reason.end, day))
    hours = f"{_clock(reason.start, day)}–{_clock(reason.end, day)}"
    if reason.kind is ReasonKind.MEETING:
        return t("in meeting «{topic}» {hours}", topic=reason.label or "", hours=hours)
    if reason.post:
        return t("on shift {hours} at {post}", hours=hours, post=reason.post)
    return t("on shift {hours}", hours=hours)


def _clock(moment: datetime, day: date) -> str:
    """HH:MM, with the date in front when it is not ``day``.

    Built from the fields: strftime on a zone-aware time asks the zone for
    daylight saving each call, and a large proposal names thousands of times.
    """
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if moment.date() == day:
        return clock
    return f"{moment.month:02d}-{moment.day:02d} {clock}"


def _month_day(day: date) -> str:
    return f"{day.month:02d}-{day.day:02d}"


def _last_day(end: datetime) -> date:
    """The last day of leave that ends (exclusively) at ``end``."""
    if end.time() == time(0):
        return end.date() - timedelta(days=1)
    return end.date()
