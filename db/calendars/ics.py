"""iCalendar (RFC 5545) files of shifts and meetings, through the ``icalendar`` library.

Every event has a UID derived from its data, so that importing a newer
export updates the events already in a calendar instead of adding copies;
a moved meeting carries a higher SEQUENCE, a cancelled one STATUS:CANCELLED.
Times are local to the organisation, with its VTIMEZONE included.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from icalendar import STATUS, Alarm, Calendar, Event, Timezone

from shiftcell.db.calendars.content import CalendarContent, ScopeKind
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.rows import utc_text
from shiftcell.scheduling import Shift
from shiftcell.scheduling.meetings import Meeting

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
    return b"".join(ics_chunks(content, words, stamp=stamp, alarm=alarm, refresh=refresh))


def ics_chunks(
    content: CalendarContent,
    words: CalendarWords | None = None,
    *,
    stamp: datetime,
    alarm: timedelta | None = DEFAULT_ALARM,
    refresh: timedelta | None = None,
) -> Iterator[bytes]:
    """The same file in pieces, one event at a time: a whole organisation's
    calendar is written without holding hundreds of thousands of events at once."""
    words = words or CalendarWords()
    head, tail = _shell(content, words, refresh).to_ical().rsplit(b"END:VCALENDAR", 1)
    yield head
    for shift in content.shifts:
        yield _shift_event(content, words, shift, stamp).to_ical()
    for meeting in content.meetings:
        yield _meeting_event(content, words, meeting, stamp, alarm).to_ical()
    yield b"END:VCALENDAR" + tail


def _shell(content: CalendarContent, words: CalendarWords, refresh: timedelta | None) -> Calendar:
    """The calendar's own properties and its VTIMEZONE, without events."""
    calendar = Calendar.new(
        prodid=PRODID,
        name=_title(content, words),
        refresh_interval=refresh,
    )
    # No UID on the calendar itself (RFC 7986 allows one): clients that split
    # a feed into events, like vdirsyncer, take the first UID they meet for
    # every event and keep only one of them.
    del calendar["UID"]
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", content.zone.key)
    if refresh is not None:
        calendar.add("x-published-ttl", refresh)
    # Shifts reach back up to two days before the range (a night begun earlier).
    calendar.add_component(
        Timezone.from_tzinfo(
            content.zone,
            tzid=content.zone.key,
            first_date=content.first - timedelta(days=3),
            last_date=content.last + timedelta(days=2),
        )
    )
    return calendar


def _as_written(moment: datetime) -> datetime:
    """A local time, except the second pass of an hour repeated when DST ends.

    A local time with TZID means its first occurrence (RFC 5545, 3.3.5), so
    01:30 of the second pass would read an hour early; it is written in UTC.
    """
    if moment.fold and moment.replace(fold=0).utcoffset() != moment.utcoffset():
        return moment.astimezone(UTC)
    return moment


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
        start=_as_written(shift.start),
        end=_as_written(shift.end),
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
    lines = [words.invited.format(count=len(invited), names=", ".join(invited))]
    if meeting.groups:  # a meeting for chosen members only has none
        lines.insert(0, words.groups.format(names=", ".join(meeting.groups)))
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
        start=_as_written(meeting.start),
        end=_as_written(meeting.end),
        summary=summary,
        description=meeting_description(meeting, words, content.names),
        location=meeting.place or None,
        sequence=meeting.sequence,
        status=STATUS.CANCELLED if meeting.cancelled else STATUS.CONFIRMED,
    )
    if alarm is not None and not meeting.cancelled:
        minutes = int(alarm.total_seconds() // 60)
        reminder = Alarm.new(description=words.reminder.format(summary=summary, minutes=minutes))
        reminder.add("action", "DISPLAY")
        reminder.add("trigger", -alarm)
        event.add_component(reminder)
    return event
