"""The week as a rota (排班表): a row per person, a column per day, a shift in each cell.

Built from the same shifts and meetings the time grid draws (``Week``), never from
the patterns again. A shift is written on the day it starts, as canteen and
dormitory managers write their tables ("夜 20:00–08:00" on Monday); the day after
a night shift is shaded while its rest lasts, by the scheduler's own rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from shiftcell.scheduling import Rules, Shift
from shiftcell.scheduling.meetings import Meeting
from shiftcell.tui.i18n import t
from shiftcell.tui.views.short_forms import clock, first_fit, span_forms
from shiftcell.tui.words.textwidth import cells

MEETING_MARK = "◆"


@dataclass(frozen=True)
class Duty:
    """One shift on the day it starts; a split shift's segments together."""

    label: str
    code: str
    segments: tuple[tuple[int, int], ...]  # minutes of the day: start, end (end may be next day)


@dataclass(frozen=True)
class RotaDay:
    duties: tuple[Duty, ...] = ()
    meetings: tuple[int, ...] = ()  # start minutes of the meetings they are invited to
    rest_until: int | None = None  # minute of the day the rest after a night shift ends


class Rota:
    """What each member's days hold; a day's cell is put together when first drawn, so
    that a branch of thousands costs only the rows on screen."""

    def __init__(
        self,
        monday: date,
        duties: Mapping[tuple[str, int], Mapping[str, Sequence[tuple[int, int]]]],
        meetings: Mapping[tuple[str, int], Sequence[int]],
        rests: Mapping[tuple[str, int], int],
        codes: Mapping[str, str],
        group_meetings: Mapping[str, tuple[tuple[int, ...], ...]],
    ) -> None:
        self.monday = monday
        self.group_meetings = group_meetings
        self._duties, self._meetings, self._rests, self._codes = duties, meetings, rests, codes
        self._days: dict[tuple[str, int], RotaDay] = {}

    def day(self, employee_no: str, index: int) -> RotaDay:
        key = (employee_no, index)
        found = self._days.get(key)
        if found is None:
            found = self._days[key] = RotaDay(
                duties=tuple(
                    Duty(label, self._codes.get(label, ""), tuple(segments))
                    for label, segments in self._duties.get(key, {}).items()
                ),
                meetings=tuple(sorted(self._meetings.get(key, ()))),
                rest_until=self._rests.get(key),
            )
        return found

    def busy_days(self) -> set[tuple[str, int]]:
        """Every (employee_no, day) with a shift, a meeting or a rest in it."""
        return {*self._duties, *self._meetings, *self._rests}


def build_rota(
    monday: date,
    shifts: Iterable[Shift],
    meetings: Iterable[Meeting],
    codes: Mapping[str, str],
    zone: ZoneInfo,
    rules: Rules | None = None,
) -> Rota:
    """Each member's seven days: the shifts starting on each, meetings, rest after nights."""
    rules = rules or Rules()
    duties: dict[tuple[str, int], dict[str, list[tuple[int, int]]]] = defaultdict(dict)
    rests: dict[tuple[str, int], int] = {}
    for shift in sorted(shifts, key=lambda s: s.start_ts):
        start, end = shift.start, shift.end  # in the organisation's zone, as read
        day = (start.date() - monday).days
        if 0 <= day < 7:
            label = shift.label or ""
            segments = duties[shift.employee_no, day].setdefault(label, [])
            segments.append((start.hour * 60 + start.minute, end.hour * 60 + end.minute))
        until = rules.rest_after(shift.start, shift.end, zone)
        if until is not None:
            rest_day = (until.date() - monday).days
            if 0 <= rest_day < 7 and until.date() != start.date():
                rests[shift.employee_no, rest_day] = until.hour * 60 + until.minute
    invited: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_group: dict[str, list[list[int]]] = defaultdict(lambda: [[] for _ in range(7)])
    for meeting in meetings:
        begin = meeting.start.astimezone(zone)
        day = (begin.date() - monday).days
        if not 0 <= day < 7:
            continue
        minute = begin.hour * 60 + begin.minute
        for attendance in meeting.invited:
            invited[attendance.employee_no, day].append(minute)
        for group in meeting.groups:
            by_group[group][day].append(minute)
    groups = {name: tuple(tuple(sorted(d)) for d in found) for name, found in by_group.items()}
    return Rota(monday, duties, invited, rests, codes, groups)


# -- what a cell says, in the room it has ------------------------------------


@dataclass(frozen=True)
class CellText:
    """A cell's words: the shift (in the department's colour) or the rest, then a meeting mark."""

    duty: str = ""
    rest: str = ""
    meeting: str = ""


def duty_forms(duties: Sequence[Duty]) -> list[str]:
    """ "早 05:30–13:30", "早 5:30–13:30", "早 05:30", "早5:30", "早", longest first."""
    if not duties:
        return []
    per_duty = [_one_duty_forms(duty) for duty in duties]
    levels = max(len(forms) for forms in per_duty)
    forms = [
        " ".join(forms[min(level, len(forms) - 1)] for forms in per_duty) for level in range(levels)
    ]
    return list(dict.fromkeys(form for form in forms if form))


def _one_duty_forms(duty: Duty) -> list[str]:
    spans = span_forms(duty.segments)
    if not duty.code:
        return spans
    # "早5:30" reads well; "245:30" (24小时班 at 5:30) does not: no space only after a wide code
    joined = cells(duty.code[-1]) == 2
    forms = []
    for span in spans:
        forms += [f"{duty.code} {span}", f"{duty.code}{span}" if joined else ""]
    return [*(form for form in forms if form), duty.code]


def rest_forms(until: int) -> list[str]:
    return [
        t("rest till {time}", time=clock(until)),
        t("rest {time}", time=clock(until, compact=True)),
        t("rest"),
    ]


def meeting_forms(starts: Sequence[int]) -> list[str]:
    if not starts:
        return []
    if len(starts) == 1:
        return [
            f"{MEETING_MARK}{clock(starts[0])}",
            f"{MEETING_MARK}{clock(starts[0], compact=True)}",
            MEETING_MARK,
        ]
    return [f"{MEETING_MARK}×{len(starts)}", MEETING_MARK]


def cell_text(day: RotaDay, width: int) -> CellText:
    """The longest true forms that fit ``width`` cells together; a booked meeting keeps
    at least its mark, a shift at least its code when there is room for it."""
    meeting = meeting_forms(day.meetings)
    least = cells(meeting[-1]) if meeting else 0
    if day.duties:
        duty = first_fit(duty_forms(day.duties), width - least)
        rest = ""
    else:
        duty = ""
        rest = (
            first_fit(rest_forms(day.rest_until), width - least)
            if day.rest_until is not None
            else ""
        )
    used = cells(duty) + cells(rest)
    gap = 1 if used else 0
    mark = first_fit(meeting, width - used - gap) or first_fit(meeting, width - used)
    return CellText(duty, rest, mark)
