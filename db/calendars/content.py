"""What one calendar holds: a member's, a group's, one meeting's, or everyone's.

``gather`` reads it from the store; the ics and csv writers only format it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from shiftcell.db.calendars.feeds import UnknownTarget
from shiftcell.scheduling import Member, Shift
from shiftcell.scheduling.localtime import day_start
from shiftcell.scheduling.meetings import Meeting

if TYPE_CHECKING:
    from shiftcell.db.store import Store

WEEKS_BY_DEFAULT = 4


class ScopeKind(enum.StrEnum):
    MEMBER = "member"
    GROUP = "group"
    MEETING = "meeting"
    ALL = "all"


@dataclass(frozen=True)
class Scope:
    """Whose calendar: ``target`` is an employee_no, a group name or a meeting id."""

    kind: ScopeKind
    target: str | int | None = None


@dataclass(frozen=True)
class CalendarContent:
    scope: Scope
    title_fields: dict[str, str]
    zone: ZoneInfo
    first: date
    last: date
    identity: str  # this database's mark in every UID
    shifts: tuple[Shift, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    # Created instants of the meetings, by id: ids are reused after a database
    # is cleared, the pair of id and creation never is.
    created: dict[int, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # employee_no -> name

    @property
    def for_one_member(self) -> bool:
        return self.scope.kind is ScopeKind.MEMBER


def default_range(today: date, weeks: int = WEEKS_BY_DEFAULT) -> tuple[date, date]:
    """This week (from Monday) and the ``weeks - 1`` after it."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=7 * weeks - 1)


def gather(
    store: Store,
    scope: Scope,
    first: date,
    last: date,
    *,
    shifts: bool = True,
    meetings: bool = True,
) -> CalendarContent:
    """Shifts and meetings of ``scope`` that overlap ``first`` 00:00 to the end of ``last``.

    Raises ``UnknownTarget`` for a member or group that does not exist and
    ``MeetingNotFound`` for an unknown meeting id.
    """
    if scope.kind is ScopeKind.ALL and store.access.group is not None:
        scope = Scope(ScopeKind.GROUP, store.access.group)  # everyone this view shows
    zone = store.timezone
    start, end = day_start(first, zone), day_start(last + timedelta(days=1), zone)
    members, title = _members_of(store, scope)
    found_shifts: list[Shift] = []
    found_meetings: list[Meeting] = []
    if scope.kind is ScopeKind.MEETING:
        meeting = store.meetings.get(int(str(scope.target)))  # a feed keeps the id as text
        found_meetings = [meeting]
        first, last = meeting.start.date(), meeting.end.date()
        title = {"summary": meeting.topic}
    else:
        wanted = None if members is None else [m.employee_no for m in members]
        if shifts and wanted != []:
            found_shifts = store.shifts(start, end, wanted)
        if meetings:
            found_meetings = _meetings_of(store, scope, start, end)
    names = {m.employee_no: m.name for m in members or ()}
    invited = {a.employee_no for m in found_meetings for a in m.invited} - names.keys()
    if invited:
        names.update((m.employee_no, m.name) for m in store.members(employee_nos=sorted(invited)))
    if members is None:
        names.update((m.employee_no, m.name) for m in store.members())
    return CalendarContent(
        scope=scope,
        title_fields=title,
        zone=zone,
        first=first,
        last=last,
        identity=calendar_identity(store),
        shifts=tuple(found_shifts),
        meetings=tuple(found_meetings),
        created=store.meetings.created(found_meetings),
        names=names,
    )


def calendar_identity(store: Store) -> str:
    row = next(iter(store.db.table("calendar_identity").rows), None)
    return row["uid"] if row else "shiftcell"


def _members_of(store: Store, scope: Scope) -> tuple[list[Member] | None, dict[str, str]]:
    """The members whose shifts are shown (None: everyone) and the title's fields."""
    if scope.kind is ScopeKind.MEMBER:
        member = store.member(str(scope.target))
        if member is None:
            raise UnknownTarget(scope.target)
        return [member], {"name": member.name, "employee_no": member.employee_no}
    if scope.kind is ScopeKind.GROUP:
        if not any(g.name == scope.target for g in store.groups()):
            raise UnknownTarget(scope.target)
        return store.members(groups=[str(scope.target)]), {"group": str(scope.target)}
    if scope.kind is ScopeKind.MEETING:
        return [], {}
    return None, {"organisation": store.organisation_name}


def _meetings_of(store: Store, scope: Scope, start: datetime, end: datetime) -> list[Meeting]:
    if scope.kind is ScopeKind.GROUP:
        return store.meetings.list(groups=[str(scope.target)], start=start, end=end)
    if scope.kind is ScopeKind.MEMBER:
        # Through the member's invitations: loading every meeting of the
        # range to keep a few is most of a member feed's cost in a big branch.
        return store.meetings.list(invitee=str(scope.target), start=start, end=end)
    return store.meetings.list(start=start, end=end)
