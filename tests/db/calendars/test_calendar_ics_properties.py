"""Properties: whatever the shifts, an independent parser reads back the same instants.

The zones include daylight-saving ones, where a wrong VTIMEZONE or a
floating time would shift events by an hour around the changes. Each
property holds for the text writer and for the ``icalendar`` reference.
"""

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from shiftcell.db.calendars.content import CalendarContent, Scope, ScopeKind
from shiftcell.db.calendars.ics import calendar_ics
from shiftcell.scheduling import Shift
from shiftcell.scheduling.localtime import at
from tests.db.calendars.repeated_hour import starts_read_exactly

ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Sydney"]
FIRST = date(2026, 3, 1)  # spans the March and April changes of all four zones
LAST = date(2026, 4, 30)
STAMP = datetime(2026, 3, 1, tzinfo=UTC)

shift_specs = st.lists(
    st.tuples(
        st.sampled_from(["A1", "A2", "B7"]),
        st.dates(FIRST, LAST),
        st.times().map(lambda t: time(t.hour, t.minute // 15 * 15)),
        st.integers(30, 24 * 60),
        st.sampled_from([None, "第一食堂", "东区公寓"]),
    ),
    max_size=25,
    unique_by=lambda spec: (spec[0], spec[1], spec[2], spec[4]),
)


def build(zone: ZoneInfo, specs: list) -> list[Shift]:
    shifts = []
    for employee_no, day, clock, minutes, post in specs:
        start = at(day, clock, zone)
        end = datetime.fromtimestamp(start.timestamp() + minutes * 60, zone)
        shifts.append(Shift(start, end, employee_no, post, "班"))
    return shifts


def content(zone: ZoneInfo, shifts: list[Shift]) -> CalendarContent:
    return CalendarContent(
        scope=Scope(ScopeKind.ALL),
        title_fields={"organisation": "Test"},
        zone=zone,
        first=FIRST,
        last=LAST,
        identity="test",
        shifts=tuple(shifts),
        names={"A1": "甲", "A2": "乙", "B7": "丙"},
    )


# The text writer that exports use, and the icalendar library it stands in for.
both_writers = pytest.mark.parametrize("reference", [False, True], ids=["text", "reference"])


@both_writers
@settings(max_examples=60, deadline=None)
@given(zone_name=st.sampled_from(ZONES), specs=shift_specs)
# Sydney, 2026-04-05: 02:30 (first pass) to 03:00, which is 02:00 of the second pass
@example(
    zone_name="Australia/Sydney",
    specs=[
        ("A1", date(2026, 3, 1), time(0, 0), 30, None),
        ("A1", date(2026, 4, 5), time(2, 30), 30, None),
    ],
)
def test_every_shift_comes_back_at_the_same_instants(
    zone_name: str, specs: list, reference: bool
) -> None:
    """The oracle is the shift list itself: same count, same start and end instants."""
    zone = ZoneInfo(zone_name)
    shifts = build(zone, specs)
    calendar = Calendar.from_ical(
        calendar_ics(content(zone, shifts), stamp=STAMP, reference=reference)
    )
    events = recurring_ical_events.of(calendar).between(
        datetime(2026, 2, 20, tzinfo=UTC), datetime(2026, 5, 10, tzinfo=UTC)
    )
    # Start instants from the expanding parser where it reads them exactly (all
    # events counted), exact start and end instants of every event from icalendar.
    assert len(events) == len(shifts)
    assert not starts_read_exactly(shifts) - Counter(e["DTSTART"].dt.timestamp() for e in events)
    read = calendar.walk("VEVENT")
    got = sorted((e["DTSTART"].dt.timestamp(), e["DTEND"].dt.timestamp()) for e in read)
    assert got == sorted((s.start_ts, s.end_ts) for s in shifts)
    for event in events:
        local = event["DTSTART"].params.get("TZID") == zone_name
        assert local or event["DTSTART"].dt.utcoffset() == timedelta(0)


@both_writers
def test_the_second_pass_of_a_repeated_hour_is_not_read_an_hour_early(reference: bool) -> None:
    """Sydney repeats 02:00–03:00 on 2026-04-05: a shift ending 02:00 (second pass)
    written as a plain local time would end before it starts."""
    zone = ZoneInfo("Australia/Sydney")
    start = at(date(2026, 4, 5), time(2, 15), zone)
    shift = Shift(start, datetime.fromtimestamp(start.timestamp() + 45 * 60, zone), "A1")
    calendar = Calendar.from_ical(
        calendar_ics(content(zone, [shift]), stamp=STAMP, reference=reference)
    )
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].dt.timestamp() == shift.start_ts
    assert event["DTEND"].dt.timestamp() == shift.end_ts
    assert event["DTEND"].to_ical() == b"20260404T160000Z"


@both_writers
@settings(max_examples=40, deadline=None)
@given(zone_name=st.sampled_from(ZONES), specs=shift_specs)
def test_uids_are_unique_and_the_same_for_the_same_shift(
    zone_name: str, specs: list, reference: bool
) -> None:
    """Two shifts sharing a UID would overwrite each other in the phone's calendar."""
    zone = ZoneInfo(zone_name)
    shifts = build(zone, specs)
    first = Calendar.from_ical(
        calendar_ics(content(zone, shifts), stamp=STAMP, reference=reference)
    )
    again = Calendar.from_ical(
        calendar_ics(
            content(zone, list(reversed(shifts))),
            stamp=STAMP + timedelta(hours=5),
            reference=reference,
        )
    )
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids) == len(shifts)
    assert set(uids) == {str(e["UID"]) for e in again.walk("VEVENT")}
