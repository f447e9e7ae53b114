"""What the main screen shows for one week, read from the store in one go.

Runs in a worker thread; the result is a plain value the widgets draw from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from shiftcell.db.store import Store
from shiftcell.scheduling import DepartmentKind, Group, Member, Shift
from shiftcell.scheduling.localtime import day_start
from shiftcell.scheduling.meetings import Meeting
from shiftcell.scheduling.shift_list import ShiftList
from shiftcell.tui.views.short_forms import shift_codes
from shiftcell.tui.views.week_layout import Block, crews, meeting_blocks

if TYPE_CHECKING:
    from shiftcell.tui.views.rota import Rota


MORNING = 6 * 60
EARLY_MORNING = 4 * 60  # a shift starting before this is a night shift


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Week:
    """The members in scope, their shifts overlapping the week, and its meetings."""

    monday: date
    zone: ZoneInfo
    branches: tuple[str, ...]
    groups: tuple[Group, ...]
    members: tuple[Member, ...]
    kinds: dict[str, DepartmentKind]  # department name -> kind
    shifts: Sequence[Shift]  # a ShiftList: objects made only when asked for
    meetings: tuple[Meeting, ...] = ()
    hours: dict[str, float] = field(default_factory=dict)  # employee_no -> hours this week
    # Worked out here, in the worker, so that redrawing is quick on the UI thread.
    crews: tuple[Block, ...] = ()
    meeting_blocks: tuple[Block, ...] = ()
    by_member: dict[str, Member] = field(default_factory=dict)
    labels: frozenset[str] = frozenset()  # the shifts' labels, "" for none

    @property
    def start(self) -> datetime:
        return day_start(self.monday, self.zone)

    @property
    def end(self) -> datetime:
        return day_start(self.monday + timedelta(days=7), self.zone)

    def kind_of(self, member: Member) -> DepartmentKind:
        return self.kinds.get(member.department, DepartmentKind.OTHER)

    def prepare(self, *, rota: bool) -> None:
        """Work out now, in the reading worker, what drawing would otherwise work out on
        the UI thread: the shifts' short codes, where the grid opens, the rota if shown."""
        _ = self.codes, self.opening_minute
        if rota:
            _ = self.rota

    @cached_property
    def opening_minute(self) -> int:
        """Where the time grid opens: the morning, or the week's earliest shift if it starts
        earlier in the morning (a 05:30 canteen shift); night shifts do not count."""
        starts = (crew.start for crew in self.crews if not crew.continued)
        return min([MORNING, *(minute for minute in starts if minute >= EARLY_MORNING)])

    @cached_property
    def rota(self) -> Rota:
        """The week as a rota (排班表); worked out when first asked, in the worker if the
        rota is on screen."""
        from shiftcell.tui.views.rota import build_rota

        return build_rota(self.monday, self.shifts, self.meetings, self.codes, self.zone)

    @cached_property
    def codes(self) -> dict[str, str]:
        """A short code for each shift label of the week ("早班" -> "早")."""
        return shift_codes(self.labels)

    def shifts_of(self, employee_no: str) -> list[Shift]:
        """One member's shifts, without an object for anyone else's."""
        shifts = self.shifts
        if isinstance(shifts, ShiftList) and shifts.many:
            import numpy as np

            columns = shifts.columns()
            if employee_no not in columns.names:
                return []
            mine = columns.names.index(employee_no)
            return [shifts[i] for i in np.flatnonzero(columns.owner == mine).tolist()]
        return [s for s in shifts if s.employee_no == employee_no]


@dataclass(frozen=True)
class People:
    """Who the weeks show: the groups the store shows, their members and departments.

    Read once for a screen and shared by every week it reads (a big branch has
    thousands of members); read again when the database has changed.
    """

    branches: tuple[str, ...]
    groups: tuple[Group, ...]
    members: tuple[Member, ...]
    kinds: dict[str, DepartmentKind]  # department name -> kind
    by_member: dict[str, Member]
    version: tuple[int, int]  # the database's version when read (``data_version``)


def data_version(store: Store) -> tuple[int, int]:
    """Changes whenever anyone commits: another connection (SQLite's ``PRAGMA
    data_version``) or this one (its count of rows changed)."""
    conn = store.conn
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


def read_people(store: Store) -> People:
    version = data_version(store)
    groups = tuple(store.groups())
    names = [g.name for g in groups]
    members = tuple(store.members(groups=names)) if names else ()
    return People(
        branches=tuple(sorted({g.branch for g in groups})),
        groups=groups,
        members=members,
        kinds={d.name: d.kind for d in store.departments()},
        by_member={m.employee_no: m for m in members},
        version=version,
    )


class WeekReader:
    """Reads one screen's weeks: the people once, each week's shifts and meetings."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._people: People | None = None

    def forget(self) -> None:
        """Read the people again next time: this screen has changed something."""
        self._people = None

    def people(self) -> People:
        people = self._people
        if people is None or people.version != data_version(self.store):
            people = self._people = read_people(self.store)
        return people

    def read(self, monday: date) -> Week:
        return load_week(self.store, monday, self.people())


def load_week(store: Store, monday: date, people: People | None = None) -> Week:
    """Everyone in a group the store shows (``people``, read now when not given), and
    their week."""
    people = people or read_people(store)
    zone = store.timezone
    names = [g.name for g in people.groups]
    members = people.members
    start = day_start(monday, zone)
    end = day_start(monday + timedelta(days=7), zone)
    numbers = [m.employee_no for m in members]
    shifts = store.shift_book.read(start, end, store.in_view(numbers)) if numbers else None
    meetings = tuple(store.meetings.list(groups=names, start=start, end=end)) if names else ()
    meetings = tuple(m for m in meetings if not m.cancelled)
    low, high = start.timestamp(), end.timestamp()
    if shifts is not None and shifts.many:
        # Tens of thousands of shifts: worked out from columns, no object per shift.
        from shiftcell.tui.views.week_columns import (
            crews_of_columns,
            hours_of_columns,
            labels_of_columns,
        )

        columns = shifts.columns()
        found = crews_of_columns(columns, zone, monday, people.by_member, people.kinds)
        hours = hours_of_columns(columns, low, high)
        labels = labels_of_columns(columns)
    else:
        objects = tuple(shifts or ())
        found = crews(objects, monday, people.by_member, people.kinds)
        hours = hours_on_shift(objects, low, high)
        labels = {shift.label or "" for shift in objects}
    return Week(
        monday=monday,
        zone=zone,
        branches=people.branches,
        groups=people.groups,
        members=members,
        kinds=people.kinds,
        shifts=shifts if shifts is not None else (),
        meetings=meetings,
        hours=hours,
        crews=tuple(found),
        meeting_blocks=tuple(meeting_blocks(meetings, monday)),
        by_member=people.by_member,
        labels=frozenset(labels),
    )


def hours_on_shift(shifts: Iterable[Shift], low: float, high: float) -> dict[str, float]:
    """Hours on shift between ``low`` and ``high`` (instants), per member with a shift."""
    hours: dict[str, float] = defaultdict(float)
    for shift in shifts:
        hours[shift.employee_no] += (min(shift.end_ts, high) - max(shift.start_ts, low)) / 3600
    return dict(hours)
