"""How often a branch must hold each kind of organisational life, in calendar periods.

"Three meetings and one lesson" (三会一课) and the rest, with the defaults of
中国共产党支部工作条例（试行）(2018): a group meeting every month in each
group, a general meeting and a party lecture every quarter, a review meeting
and the appraisal of members every year. A site may change any cadence or turn
a requirement off.

Periods are calendar months, quarters and years of local dates (the
organisation's zone): a meeting counts for the period its local start date
falls in. A requirement is

- ``ok`` when held in the current period,
- ``due`` when not yet held in the current period but held in the previous one,
- ``overdue`` when the whole previous period passed without it.

A **branch-wide** requirement is held for the branch in a period when every
group was invited to a meeting of its kind in that period: one meeting for the
whole branch, its repeat sessions, or each group's own (a theme day is often
held per group). The branch stands as its furthest-behind group does.

A plan covers the periods that **fall due** within its range (end inside it),
each within the part of the period inside the range: a quarter's plan holds
that quarter's months and the quarter, and the year's review meeting only when
the range reaches the year's end (usually Q4, as the rules expect).

Lapses: 党章 art. 9 regards a member who takes no part in organisational life
for six consecutive months, without good reason, as having given up
membership. ``whole_months`` counts the months since a member last attended,
``lapse_level`` says how close that is: warn at 3–4, alert at 5, lapsed at 6.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from shiftcell.scheduling.meetings import MeetingType


class Cadence(enum.StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    OFF = "off"

    @property
    def months(self) -> int:
        """Months in one period (0 for a requirement turned off)."""
        return {"monthly": 1, "quarterly": 3, "yearly": 12, "off": 0}[self.value]


class Reach(enum.StrEnum):
    """Who a requirement concerns: each group on its own, the committee, or the whole branch."""

    GROUP = "group"
    COMMITTEE = "committee"
    BRANCH = "branch"


@dataclass(frozen=True)
class Requirement:
    """One kind of organisational life the branch must hold, and how often."""

    kind: MeetingType
    cadence: Cadence
    reach: Reach


DEFAULT_REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(MeetingType.GROUP_MEETING, Cadence.MONTHLY, Reach.GROUP),  # art. 13
    Requirement(MeetingType.COMMITTEE_MEETING, Cadence.MONTHLY, Reach.COMMITTEE),  # art. 12
    Requirement(MeetingType.GENERAL_MEETING, Cadence.QUARTERLY, Reach.BRANCH),  # art. 11
    Requirement(MeetingType.PARTY_LECTURE, Cadence.QUARTERLY, Reach.BRANCH),  # a common local rule
    Requirement(MeetingType.THEME_DAY, Cadence.MONTHLY, Reach.BRANCH),
    Requirement(MeetingType.REVIEW_MEETING, Cadence.YEARLY, Reach.BRANCH),  # art. 17, usually Q4
    Requirement(MeetingType.APPRAISAL, Cadence.YEARLY, Reach.BRANCH),
)
REQUIRED_KINDS = tuple(r.kind for r in DEFAULT_REQUIREMENTS)
# How long each is planned for, in minutes: a review meeting (with criticism and
# self-criticism) takes longer than a group's monthly meeting.
DEFAULT_MINUTES: Mapping[MeetingType, int] = {
    MeetingType.GROUP_MEETING: 45,
    MeetingType.COMMITTEE_MEETING: 60,
    MeetingType.GENERAL_MEETING: 60,
    MeetingType.PARTY_LECTURE: 60,
    MeetingType.THEME_DAY: 60,
    MeetingType.REVIEW_MEETING: 90,
    MeetingType.APPRAISAL: 60,
}


def requirements(cadences: Mapping[MeetingType, Cadence]) -> tuple[Requirement, ...]:
    """The default requirements with an organisation's own cadences, in the table's order."""
    return tuple(replace(r, cadence=cadences.get(r.kind, r.cadence)) for r in DEFAULT_REQUIREMENTS)


def parse_cadence(text: str) -> Cadence:
    """``monthly``, ``quarterly``, ``yearly`` or ``off`` (any case); ``ValueError`` else."""
    try:
        return Cadence(text.strip().casefold())
    except ValueError:
        choices = ", ".join(c.value for c in Cadence)
        raise ValueError(f"{text!r} is not one of {choices}") from None


@dataclass(frozen=True, order=True)
class Period:
    """One calendar month, quarter or year: ``first`` to ``last``, both included."""

    first: date
    last: date
    cadence: Cadence

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    @property
    def label(self) -> str:
        """``2026-12``, ``2026Q4`` or ``2026``: how a ledger and JSON name it."""
        if self.cadence is Cadence.MONTHLY:
            return f"{self.first:%Y-%m}"
        if self.cadence is Cadence.QUARTERLY:
            return f"{self.first.year}Q{(self.first.month - 1) // 3 + 1}"
        return f"{self.first.year}"

    def previous(self) -> Period:
        return period_of(self.first - timedelta(days=1), self.cadence)

    def next(self) -> Period:
        return period_of(self.last + timedelta(days=1), self.cadence)

    def within(self, first: date, last: date) -> tuple[date, date] | None:
        """The part of this period from ``first`` to ``last`` (None when they do not meet)."""
        start, end = max(self.first, first), min(self.last, last)
        return (start, end) if start <= end else None


def period_of(day: date, cadence: Cadence) -> Period:
    """The period of ``cadence`` that ``day`` falls in."""
    months = cadence.months
    if months == 0:
        raise ValueError("a requirement turned off has no periods")
    first_month = (day.month - 1) // months * months + 1
    first = date(day.year, first_month, 1)
    return Period(first, add_months(first, months) - timedelta(days=1), cadence)


def periods_between(first: date, last: date, cadence: Cadence) -> list[Period]:
    """Every period of ``cadence`` overlapping ``first``…``last``, in order."""
    found: list[Period] = []
    period = period_of(first, cadence)
    while period.first <= last:
        found.append(period)
        period = period.next()
    return found


def periods_due(first: date, last: date, cadence: Cadence) -> list[Period]:
    """The periods of ``cadence`` that end from ``first`` to ``last``, in order.

    What a plan of that range must hold: a period ending later is the next
    plan's, however much of it the range covers.
    """
    return [p for p in periods_between(first, last, cadence) if p.last <= last]


def parse_period(text: str) -> Period:
    """``2026``, ``2026Q4`` (any case) or ``2026-12``: the period it names.

    Raises ``ValueError`` for anything else.
    """
    word = text.strip().upper()
    if len(word) == 4 and word.isdigit():
        return period_of(date(int(word), 1, 1), Cadence.YEARLY)
    if len(word) == 6 and word[4] == "Q" and word[:4].isdigit() and word[5] in "1234":
        return period_of(date(int(word[:4]), (int(word[5]) - 1) * 3 + 1, 1), Cadence.QUARTERLY)
    if len(word) == 7 and word[4] == "-" and word[:4].isdigit() and word[5:].isdigit():
        month = int(word[5:])
        if 1 <= month <= 12:
            return period_of(date(int(word[:4]), month, 1), Cadence.MONTHLY)
    raise ValueError(f"{text!r} is not a period like 2026, 2026Q4 or 2026-12")


class Standing(enum.StrEnum):
    OK = "ok"
    DUE = "due"
    OVERDUE = "overdue"


def standing(held: list[date], as_of: date, cadence: Cadence) -> Standing:
    """Where a requirement stands on ``as_of``, given the local dates it was held on.

    Only meetings before ``as_of`` count: one planned for later this period
    does not make it ``ok`` yet.
    """
    current = period_of(as_of, cadence)
    past = [day for day in held if day < as_of]
    if any(day in current for day in past):
        return Standing.OK
    previous = current.previous()
    if any(day in previous for day in past):
        return Standing.DUE
    return Standing.OVERDUE


def last_held(held: Iterable[date], as_of: date) -> date | None:
    """The latest of these dates before ``as_of`` (None when there is none)."""
    return max((day for day in held if day < as_of), default=None)


def next_booked(held: Iterable[date], as_of: date, cadence: Cadence) -> date | None:
    """The first meeting booked from ``as_of`` to the end of its period (None: none)."""
    current = period_of(as_of, cadence)
    return min((day for day in held if as_of <= day <= current.last), default=None)


def worst(standings: Iterable[Standing]) -> Standing:
    """The standing of a branch from its groups': its furthest-behind group's."""
    order = (Standing.OK, Standing.DUE, Standing.OVERDUE)
    return max(standings, key=order.index, default=Standing.OVERDUE)


def branch_last_held(held_by_group: Mapping[str, Iterable[date]], as_of: date) -> date | None:
    """When every group had last been reached before ``as_of``: the earliest group's last.

    A requirement's standing only grows with its last date, so the branch's
    standing from this date is the ``worst`` of its groups' standings.
    """
    lasts = [last_held(days, as_of) for days in held_by_group.values()]
    if not lasts or any(day is None for day in lasts):
        return None
    return min(day for day in lasts if day is not None)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept within the month (Jan 31 + 1 → Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def whole_months(since: date, until: date) -> int:
    """Whole months from ``since`` to ``until``: 06-10 → 11-20 is 5, 08-12 → 11-20 is 3.

    A month is whole when the same day of the month (or the month's last day,
    for a day the month lacks) is reached.
    """
    if until < since:
        return 0
    months = (until.year - since.year) * 12 + until.month - since.month
    if add_months(since, months) > until:
        months -= 1
    return months


class LapseLevel(enum.StrEnum):
    WARN = "warn"  # 3–4 months without organisational life
    ALERT = "alert"  # 5 months: one more and membership lapses
    LAPSED = "lapsed"  # 6 months or more (党章 art. 9)


def lapse_level(months: int) -> LapseLevel | None:
    if months >= 6:
        return LapseLevel.LAPSED
    if months == 5:
        return LapseLevel.ALERT
    if months >= 3:
        return LapseLevel.WARN
    return None


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day
