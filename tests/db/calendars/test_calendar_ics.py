"""iCalendar exports, read back by icalendar and by an independent expanding parser."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from shiftcell.db.calendars.content import Scope, ScopeKind, default_range, gather
from shiftcell.db.calendars.ics import calendar_ics
from shiftcell.db.store import Store
from shiftcell.scheduling.localtime import day_start

TODAY = date(2026, 12, 9)
SHANGHAI = ZoneInfo("Asia/Shanghai")
STAMP = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)
FIRST, LAST = default_range(TODAY)


def export(store: Store, scope: Scope, **options: object) -> Calendar:
    content = gather(store, scope, FIRST, LAST)
    return Calendar.from_ical(calendar_ics(content, stamp=options.pop("stamp", STAMP), **options))


def expanded(calendar: Calendar) -> list:
    """Every event occurrence as the independent parser sees it, in the range."""
    start, end = day_start(FIRST - timedelta(days=7), SHANGHAI), day_start(LAST, SHANGHAI)
    return recurring_ical_events.of(calendar).between(start, end + timedelta(days=14))


def instants(events: list) -> list[tuple[float, float]]:
    return sorted((e["DTSTART"].dt.timestamp(), e["DTEND"].dt.timestamp()) for e in events)


def test_a_members_calendar_holds_exactly_their_shifts_and_meetings(demo: Store) -> None:
    """What the phone shows must be the roster: no shift lost, none invented, none moved."""
    member = demo.members(groups=[demo.groups()[0].name])[0]
    start, end = day_start(FIRST, SHANGHAI), day_start(LAST + timedelta(days=1), SHANGHAI)
    shifts = demo.shifts(start, end, [member.employee_no])
    meetings = [
        m
        for m in demo.meetings.list(start=start, end=end)
        if member.employee_no in {a.employee_no for a in m.invited}
    ]
    events = expanded(export(demo, Scope(ScopeKind.MEMBER, member.employee_no)))
    expected = [(s.start_ts, s.end_ts) for s in shifts]
    expected += [(m.start.timestamp(), m.end.timestamp()) for m in meetings]
    assert len(events) == len(shifts) + len(meetings) > 10
    assert instants(events) == sorted(expected)
    assert {e["DTSTART"].dt.tzinfo.key for e in events} == {"Asia/Shanghai"}
    assert {e["DTSTART"].params["TZID"] for e in events} == {"Asia/Shanghai"}


def test_a_groups_calendar_names_whose_shift_each_event_is(demo: Store) -> None:
    """A leader reading the group's calendar must see who works, not eight identical 早班."""
    group = demo.groups()[0].name
    members = demo.members(groups=[group])
    calendar = export(demo, Scope(ScopeKind.GROUP, group))
    shifts = [e for e in calendar.walk("VEVENT") if e["UID"].startswith("shift-")]
    names = {m.name for m in members}
    assert shifts
    assert all(str(e["SUMMARY"]).split("：")[0].split(":")[0] in names for e in shifts)
    meetings = [e for e in calendar.walk("VEVENT") if e["UID"].startswith("meeting-")]
    assert len(meetings) == 2


def test_the_calendar_carries_the_organisations_time_zone(demo: Store) -> None:
    """Without a VTIMEZONE, a client abroad or a strict one guesses the zone wrong."""
    calendar = export(demo, Scope(ScopeKind.MEMBER, "HQ0001"))
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"]
    first = calendar.walk("VEVENT")[0]
    assert first["DTSTART"].to_ical().decode()[-6:] != "000000Z"  # local time, not UTC


def test_an_overnight_shift_ends_on_the_next_day(demo: Store) -> None:
    """A night shift 20:00–08:00 shown ending at 08:00 the same day would be negative."""
    calendar = export(demo, Scope(ScopeKind.ALL))
    nights = [
        e
        for e in calendar.walk("VEVENT")
        if e["UID"].startswith("shift-") and e["DTEND"].dt.date() > e["DTSTART"].dt.date()
    ]
    assert nights
    for event in nights:
        assert event["DTEND"].dt > event["DTSTART"].dt
        assert event["DTEND"].dt.date() == event["DTSTART"].dt.date() + timedelta(days=1)


def test_re_exporting_gives_every_event_the_same_uid(demo: Store) -> None:
    """Re-importing a newer file must update events, never duplicate them."""
    scope = Scope(ScopeKind.GROUP, demo.groups()[0].name)
    once = export(demo, scope)
    again = export(demo, scope, stamp=STAMP + timedelta(days=2))
    uids = [str(e["UID"]) for e in once.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert "UID" not in once  # a calendar-level UID makes some clients keep one event


def test_uids_are_independent_of_the_range_exported(demo: Store) -> None:
    """A shift exported in this month's file and next month's is one event, not two."""
    scope = Scope(ScopeKind.MEMBER, "HQ0001")
    whole = calendar_ics(gather(demo, scope, FIRST, LAST), stamp=STAMP)
    part = calendar_ics(gather(demo, scope, FIRST + timedelta(days=7), LAST), stamp=STAMP)
    whole_uids = {str(e["UID"]) for e in Calendar.from_ical(whole).walk("VEVENT")}
    part_uids = {str(e["UID"]) for e in Calendar.from_ical(part).walk("VEVENT")}
    assert part_uids < whole_uids


def test_moving_a_meeting_raises_its_sequence_and_keeps_its_uid(demo: Store) -> None:
    """Calendar clients take a higher SEQUENCE as the newer version of the same event."""
    scope = Scope(ScopeKind.MEETING, 1)
    before = export(demo, scope).walk("VEVENT")[0]
    meeting = demo.meetings.get(1)
    demo.meetings.move(1, meeting.start + timedelta(hours=1))
    after = export(demo, scope).walk("VEVENT")[0]
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["DTSTART"].dt - before["DTSTART"].dt == timedelta(hours=1)


def test_a_cancelled_meeting_is_exported_as_cancelled_without_a_reminder(demo: Store) -> None:
    """Subscribers must see the meeting go away, and no alarm should ring for it."""
    uid_before = str(export(demo, Scope(ScopeKind.MEETING, 1)).walk("VEVENT")[0]["UID"])
    demo.meetings.cancel(1)
    event = export(demo, Scope(ScopeKind.MEETING, 1)).walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == uid_before
    assert event["SEQUENCE"] == 1
    assert not event.walk("VALARM")
    assert str(event["SUMMARY"]).startswith("Cancelled: ")


def test_a_meeting_rings_thirty_minutes_before_unless_told_otherwise(demo: Store) -> None:
    """A reminder is what makes a shift worker actually come off the floor in time."""
    event = export(demo, Scope(ScopeKind.MEETING, 1)).walk("VEVENT")[0]
    [alarm] = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
    other = export(demo, Scope(ScopeKind.MEETING, 1), alarm=timedelta(minutes=10))
    assert other.walk("VALARM")[0]["TRIGGER"].dt == timedelta(minutes=-10)
    assert not export(demo, Scope(ScopeKind.MEETING, 1), alarm=None).walk("VALARM")


def test_a_meeting_lists_its_invited_members_by_name_and_invents_no_addresses(
    demo: Store,
) -> None:
    """Members have no e-mail in the roster; an invented address would bounce or leak."""
    meeting = demo.meetings.get(1)
    event = export(demo, Scope(ScopeKind.MEETING, 1)).walk("VEVENT")[0]
    description = str(event["DESCRIPTION"])
    for attendance in meeting.invited:
        member = demo.member(attendance.employee_no)
        assert f"{member.name} {member.employee_no}" in description
    assert description.startswith(f"Groups: {meeting.groups[0]}\n")
    assert str(event["LOCATION"]) == "行政楼 302"
    assert str(event["SUMMARY"]) == "Group meeting: 学习贯彻全会精神"
    text = calendar_ics(gather(demo, Scope(ScopeKind.MEETING, 1), FIRST, LAST), stamp=STAMP)
    assert b"ATTENDEE" not in text
    assert b"ORGANIZER" not in text
    assert b"mailto:" not in text


def test_a_shift_reads_as_its_label_and_post(demo: Store) -> None:
    """The phone's one line must say which shift and where."""
    start, end = day_start(FIRST, SHANGHAI), day_start(LAST + timedelta(days=1), SHANGHAI)
    shift = demo.shifts(start, end, ["HQ0001"])[0]
    calendar = export(demo, Scope(ScopeKind.MEMBER, "HQ0001"))
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == f"{shift.label} · {shift.post}"
    assert str(event["LOCATION"]) == shift.post
    assert event["DTSTAMP"].dt == STAMP


def test_shifts_or_meetings_can_be_left_out(demo: Store) -> None:
    group = demo.groups()[0].name
    scope = Scope(ScopeKind.GROUP, group)
    no_shifts = gather(demo, scope, FIRST, LAST, shifts=False)
    no_meetings = gather(demo, scope, FIRST, LAST, meetings=False)
    assert not no_shifts.shifts and len(no_shifts.meetings) == 2
    assert no_meetings.shifts and not no_meetings.meetings


def test_an_empty_calendar_is_still_a_valid_calendar() -> None:
    """A member with no shifts in the range gets a file a client accepts, not an error."""
    store = Store.memory()
    store.set_organisation("Test", "Asia/Shanghai")
    from shiftcell.scheduling import Department, Member

    store.save(departments=[Department("食堂")], members=[Member("A1", "甲", "食堂")])
    text = calendar_ics(gather(store, Scope(ScopeKind.MEMBER, "A1"), FIRST, LAST), stamp=STAMP)
    calendar = Calendar.from_ical(text)
    assert calendar.walk("VEVENT") == []
    assert expanded(calendar) == []
