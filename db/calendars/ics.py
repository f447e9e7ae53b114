"""iCalendar (RFC 5545) files of shifts and meetings, through the ``icalendar`` library.

Every event has a UID derived from its data, so that importing a newer
export updates the events already in a calendar instead of adding copies;
a moved meeting carries a higher SEQUENCE, a cancelled one STATUS:CANCELLED.
Times are local to the organisation, with its VTIMEZONE included.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from db.calendars.content import CalendarContent, ScopeKind
from db.calendars.wording import CalendarWords
from db.rows import utc_text
from scheduling import Shift
from scheduling.meetings import Meeting

PRODID = "-//shiftcell//shiftcell calendars//EN"
DEFAULT_ALARM = timedelta(minutes=30)


def shift_uid(shift: Shift, identity: str) -> str:
    """The same shift (member, start instant, post) always gets the same UID."""
    key = f"{shift.employee_no}|{utc_text(shift.start)}|{shift.post or ''}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"shift-{digest}@{identity}.shiftcell"


def meeting_uid(meeting: Meeting, created: str, identity: str) -> str:
    """One UID for a meeting through every move and its cancellation."""
    stamp = created.replace("-", "").replace(":", "")
    return f"meeting-{meeting.id}-{stamp}@{identity}.shiftcell"


def calendar_uid(content: CalendarContent) -> str:
    """The calendar's own UID: the same for every export of the same scope."""
    scope = content.scope
    key = hashlib.sha256(f"{scope.kind.value}|{scope.target or ''}".encode()).hexdigest()[:24]
    return f"calendar-{key}@{content.identity}.shiftcell"


def calendar_ics(
    content: CalendarContent,
    words: CalendarWords | None = None,
    *,
    stamp: datetime,
    alarm: timedelta | None = DEFAULT_ALARM,
    refresh: timedelta | None = None,
) -> bytes:
    """The calendar as an .ics file's bytes (UTF-8, CRLF lines).

    ``stamp`` is the DTSTAMP of every event; ``alarm`` how long before a
    meeting its reminder rings (None: no reminder); ``refresh`` how often a
    subscribed client should fetch the calendar again.
    """
    words = words or CalendarWords()
    calendar = Calendar.new(
        prodid=PRODID,
        uid=calendar_uid(content),
        name=_title(content, words),
        refresh_interval=refresh,
    )
    calendar.add("calscale", "GREGORIAN")
    if refresh is not None:
        calendar.add("x-published-ttl", refresh)
    for shift in content.shifts:
        calendar.add_component(_shift_event(content, words, shift, stamp))
    for meeting in content.meetings:
        calendar.add_component(_meeting_event(content, words, meeting, stamp, alarm))
    calendar.add_missing_timezones(
        first_date=content.first - timedelta(days=3), last_date=content.last + timedelta(days=2)
    )
    if not calendar.timezones:
        # No event at all: still say which zone the calendar lives in.
        calendar.add("x-wr-timezone", content.zone.key)
    return calendar.to_ical()


def _title(content: CalendarContent, words: CalendarWords) -> str:
    template = {
        ScopeKind.MEMBER: words.member_calendar,
        ScopeKind.GROUP: words.group_calendar,
        ScopeKind.ALL: words.all_calendar,
        ScopeKind.MEETING: "{summary}",
    }[content.scope.kind]
    return template.format(**content.title_fields)


def shift_summary(shift: Shift, words: CalendarWords, name: str | None = None) -> str:
    summary = " · ".join(p for p in (shift.label or words.shift, shift.post) if p)
    return words.someone_on_shift.format(name=name, summary=summary) if name else summary


def _shift_event(
    content: CalendarContent, words: CalendarWords, shift: Shift, stamp: datetime
) -> Event:
    name = None if content.for_one_member else content.names.get(shift.employee_no)
    event = Event.new(
        uid=shift_uid(shift, content.identity),
        stamp=stamp,
        start=shift.start,
        end=shift.end,
        summary=shift_summary(shift, words, name),
        location=shift.post,
        sequence=0,
    )
    if not content.for_one_member:
        event.add("description", f"{shift.employee_no} {name or ''}".strip())
    return event


def meeting_summary(meeting: Meeting, words: CalendarWords) -> str:
    summary = words.meeting_summary(meeting.type, meeting.topic)
    return words.cancelled.format(summary=summary) if meeting.cancelled else summary


def meeting_description(meeting: Meeting, words: CalendarWords, names: dict[str, str]) -> str:
    invited = [f"{names.get(a.employee_no, '')} {a.employee_no}".strip() for a in meeting.invited]
    lines = [
        words.groups.format(names=", ".join(meeting.groups)),
        words.invited.format(count=len(invited), names=", ".join(invited)),
    ]
    if meeting.notes:
        lines.append(meeting.notes)
    return "\n".join(lines)


def _meeting_event(
    content: CalendarContent,
    words: CalendarWords,
    meeting: Meeting,
    stamp: datetime,
    alarm: timedelta | None,
) -> Event:
    summary = meeting_summary(meeting, words)
    event = Event.new(
        uid=meeting_uid(meeting, content.created.get(meeting.id, ""), content.identity),
        stamp=stamp,
        start=meeting.start,
        end=meeting.end,
        summary=summary,
        description=meeting_description(meeting, words, content.names),
        location=meeting.place or None,
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.cancelled else "CONFIRMED",
    )
    if alarm is not None and not meeting.cancelled:
        minutes = int(alarm.total_seconds() // 60)
        reminder = Alarm.new(description=words.reminder.format(summary=summary, minutes=minutes))
        reminder.add("action", "DISPLAY")
        reminder.add("trigger", -alarm)
        event.add_component(reminder)
    return event
