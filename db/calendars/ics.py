"""iCalendar (RFC 5545) files of shifts and meetings.

Every event has a UID derived from its data, so that importing a newer
export updates the events already in a calendar instead of adding copies;
a moved meeting carries a higher SEQUENCE, a cancelled one STATUS:CANCELLED.
Times are local to the organisation, with its VTIMEZONE included.

The calendar's head, its VTIMEZONE and the meetings are built with the
``icalendar`` library; shifts, the bulk of a big calendar, are written as
text by ``ShiftEvents`` (ics_text.py), which the tests hold to what the
library writes for the same shift (``reference=True`` builds them with the
library too).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import STATUS, Alarm, Calendar, Event, Timezone

from shiftcell.db.calendars.content import CalendarContent, ScopeKind
from shiftcell.db.calendars.ics_text import text_line, time_line, utc_value
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.rows import utc_text
from shiftcell.scheduling import Shift
from shiftcell.scheduling.meetings import Meeting

PRODID = "-//shiftcell//shiftcell calendars//EN"
DEFAULT_ALARM = timedelta(minutes=30)
BATCH = 1000  # shift events per chunk, and between two calls of ``progress``


def shift_uid(shift: Shift, identity: str) -> str:
    """The same shift (member, start instant, post) always gets the same UID."""
    return (
        f"{_shift_key(shift.employee_no, utc_text(shift.start), shift.post)}@{identity}.shiftcell"
    )


def _shift_key(employee_no: str, start: str, post: str | None) -> str:
    """A UID's part before the @: ``start`` is the start instant's ``utc_text``."""
    digest = hashlib.sha256(f"{employee_no}|{start}|{post or ''}".encode()).hexdigest()
    return f"shift-{digest[:32]}"


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
    reference: bool = False,
) -> bytes:
    """The calendar as an .ics file's bytes (UTF-8, CRLF lines).

    ``stamp`` is the DTSTAMP of every event; ``alarm`` how long before a
    meeting its reminder rings (None: no reminder); ``refresh`` how often a
    subscribed client should fetch the calendar again; ``reference`` as for
    ``ics_chunks``.
    """
    chunks = ics_chunks(
        content, words, stamp=stamp, alarm=alarm, refresh=refresh, reference=reference
    )
    return b"".join(chunks)


def ics_chunks(
    content: CalendarContent,
    words: CalendarWords | None = None,
    *,
    stamp: datetime,
    alarm: timedelta | None = DEFAULT_ALARM,
    refresh: timedelta | None = None,
    progress: Callable[[int, int], None] | None = None,
    reference: bool = False,
) -> Iterator[bytes]:
    """The same file in pieces, a thousand events at a time: a whole organisation's
    calendar is written without holding hundreds of thousands of events at once.

    ``progress`` is told after each piece how many of how many events are
    written; ``reference`` builds the shifts through ``icalendar`` too (slower;
    what the text writer is checked and measured against).
    """
    words = words or CalendarWords()
    head, tail = _shell(content, words, refresh).to_ical().rsplit(b"END:VCALENDAR", 1)
    # Shifts reach back up to two days before the range (a night begun earlier).
    yield head + _vtimezone(
        content.zone, content.first - timedelta(days=3), content.last + timedelta(days=2)
    )
    shift_event: Callable[[Shift], bytes] = (
        (lambda shift: _shift_event(content, words, shift, stamp).to_ical())
        if reference
        else ShiftEvents(content, words, stamp)
    )
    shifts, total = content.shifts, len(content.shifts) + len(content.meetings)
    tell = progress or (lambda done, of: None)
    for begin in range(0, len(shifts), BATCH):
        yield b"".join(map(shift_event, shifts[begin : begin + BATCH]))
        tell(min(begin + BATCH, len(shifts)), total)
    for done, meeting in enumerate(content.meetings, len(shifts) + 1):
        yield _meeting_event(content, words, meeting, stamp, alarm).to_ical()
        tell(done, total)
    yield b"END:VCALENDAR" + tail


def _shell(content: CalendarContent, words: CalendarWords, refresh: timedelta | None) -> Calendar:
    """The calendar's own properties, without its VTIMEZONE and events."""
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
    return calendar


@lru_cache(maxsize=32)
def _vtimezone(zone: ZoneInfo, first: date, last: date) -> bytes:
    """The zone's VTIMEZONE for these dates: kept, as working it out is most of
    the time a member's calendar takes (feeds and exports ask for the same few)."""
    text: bytes = Timezone.from_tzinfo(
        zone, tzid=zone.key, first_date=first, last_date=last
    ).to_ical()
    return text


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


class ShiftEvents:
    """Each shift's VEVENT as text: the lines ``_shift_event`` has ``icalendar`` build.

    A member's summary, description and location, and each start or end
    time, are written once and reused: a month of an organisation's shifts
    has a few hundred distinct times and a few per member of the rest.
    """

    def __init__(self, content: CalendarContent, words: CalendarWords, stamp: datetime) -> None:
        self._content, self._words = content, words
        self._stamp = f"DTSTAMP:{utc_value(stamp)}\r\n"
        self._uid_tail = f"@{content.identity}.shiftcell"
        # Every UID has the same length and only its hex digest varies: when
        # one needs neither escaping nor folding, none does.
        sample = f"UID:shift-{'0' * 32}{self._uid_tail}"
        self._uid_plain = text_line("UID", sample[4:]) == sample + "\r\n"
        self._about: dict[tuple[str, str | None, str | None], tuple[str, str]] = {}
        self._starts: dict[tuple[float, object], tuple[str, str]] = {}
        self._ends: dict[tuple[float, object], str] = {}

    def __call__(self, shift: Shift) -> bytes:
        key = (shift.start_ts, shift.start.tzinfo)
        start = self._starts.get(key)
        if start is None:
            start = self._starts[key] = (
                time_line("DTSTART", _as_written(shift.start)),
                utc_text(shift.start),
            )
        key = (shift.end_ts, shift.end.tzinfo)
        end = self._ends.get(key)
        if end is None:
            end = self._ends[key] = time_line("DTEND", _as_written(shift.end))
        who = (shift.employee_no, shift.label, shift.post)
        about = self._about.get(who) or self._describe(shift)
        uid = _shift_key(shift.employee_no, start[1], shift.post) + self._uid_tail
        uid = f"UID:{uid}\r\n" if self._uid_plain else text_line("UID", uid)
        return (
            f"BEGIN:VEVENT\r\n{about[0]}{start[0]}{end}{self._stamp}{uid}"
            f"SEQUENCE:0\r\n{about[1]}END:VEVENT\r\n"
        ).encode()

    def _describe(self, shift: Shift) -> tuple[str, str]:
        """The SUMMARY line, and the DESCRIPTION and LOCATION lines after SEQUENCE."""
        one_member = self._content.for_one_member
        name = None if one_member else self._content.names.get(shift.employee_no)
        after = ""
        if not one_member:
            after += text_line("DESCRIPTION", f"{shift.employee_no} {name or ''}".strip())
        if shift.post is not None:
            after += text_line("LOCATION", shift.post)
        about = (text_line("SUMMARY", shift_summary(shift, self._words, name)), after)
        self._about[(shift.employee_no, shift.label, shift.post)] = about
        return about


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
