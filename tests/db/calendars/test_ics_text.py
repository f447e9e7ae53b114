"""Shifts written as text hold to what the icalendar library writes, whatever names say.

Exports write shift events as text for speed (ics_text.py, ``ShiftEvents``).
Each case builds a calendar with the text writer and with the library
(``reference=True``) and reads both back with icalendar; the expanding
parser reads the text one. Names, posts and shift labels come from hostile
strategies: RFC 5545's special characters, line breaks, wide and four-byte
characters at fold boundaries, fields long enough to fold.
"""

import re
import zoneinfo
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from shiftcell.db.calendars.content import CalendarContent, Scope, ScopeKind, gather
from shiftcell.db.calendars.ics import calendar_ics, ics_chunks
from shiftcell.db.calendars.ics_text import content_line, escape_text, time_line
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.store import Store
from shiftcell.scheduling import Shift
from tests.db.calendars.repeated_hour import starts_read_exactly

# Daylight saving both ways, half-hour and 45-minute offsets, a half-hour
# DST change (Lord Howe), zones icalendar writes as UTC.
ZONES = [
    "Asia/Shanghai",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Africa/Abidjan",
    "UTC",
]
YEAR_START = datetime(2026, 1, 1, tzinfo=UTC)
STAMP = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)
MEMBERS = ["A1", "A2", "B7", "HQ00001"]

# What calendar text must survive: the characters RFC 5545 escapes, line
# breaks of every kind, a colon and quotes, the caret, tabs, Chinese (three
# UTF-8 octets), a four-byte character and an accent (two).
awkward = st.sampled_from(
    [",", ";", "\\", "\n", "\r\n", "\r", ":", '"', "^", "\t", " ", "·", "第一食堂", "𠀀", "é", "x"]
)
# icalendar reads a backslash before N as a line break, and writes one so: the
# text writer does not (see test_a_literal_backslash_n_is_kept); so not here.
hostile_text = (
    st.lists(st.one_of(awkward, st.text(max_size=6)), max_size=30)
    .map("".join)
    .filter(lambda text: "\\N" not in text)
)
long_text = st.integers(20, 120).map(lambda n: "张伟, 第一食堂; 早班\\" * (n // 10))


@cache
def transitions(zone_name: str) -> list[float]:
    """The instants of 2026 at which the zone's UTC offset changes."""
    zone = ZoneInfo(zone_name)
    found, before = [], None
    for quarter in range(365 * 24 * 4):
        moment = YEAR_START + timedelta(minutes=15 * quarter)
        offset = moment.astimezone(zone).utcoffset()
        if before is not None and offset != before:
            found.append(moment.timestamp())
        before = offset
    return found or [YEAR_START.timestamp()]


@st.composite
def shifts_in(draw: st.DrawFn, zone_name: str) -> list[Shift]:
    """Shifts starting anywhere in 2026, many of them around the DST changes."""
    zone = ZoneInfo(zone_name)
    shifts: dict[tuple[str, float, str], Shift] = {}  # one per member, start and post (a UID)
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            start = draw(st.sampled_from(transitions(zone_name)))
            start += 900 * draw(st.integers(-12, 12))
        else:
            start = YEAR_START.timestamp() + 900 * draw(st.integers(0, 365 * 96))
        end = start + 60 * draw(st.integers(15, 24 * 60))
        shift = Shift(
            datetime.fromtimestamp(start, zone),
            datetime.fromtimestamp(end, zone),
            draw(st.sampled_from(MEMBERS)),
            draw(st.one_of(st.none(), hostile_text, long_text)),
            draw(st.one_of(st.none(), hostile_text)),
        )
        shifts[(shift.employee_no, shift.start_ts, shift.post or "")] = shift
    return list(shifts.values())


def content(
    zone_name: str,
    shifts: list[Shift],
    kind: ScopeKind,
    names: dict,
    first: date = date(2026, 1, 1),
    last: date = date(2026, 12, 31),
) -> CalendarContent:
    return CalendarContent(
        scope=Scope(kind, "A1" if kind is ScopeKind.MEMBER else None),
        title_fields={"organisation": "Test", "name": "甲", "employee_no": "A1"},
        zone=ZoneInfo(zone_name),
        first=first,
        last=last,
        identity="0123456789abcdef",
        shifts=tuple(shifts),
        names=names,
    )


def both(calendar: CalendarContent, words: CalendarWords | None = None) -> tuple[bytes, bytes]:
    text = calendar_ics(calendar, words, stamp=STAMP)
    return text, calendar_ics(calendar, words, stamp=STAMP, reference=True)


def events(ics: bytes) -> list[dict[str, object]]:
    """Every event as icalendar reads it: each property's value and parameters."""
    return [
        {name: (event.decoded(name), dict(value.params)) for name, value in event.items()}
        for event in Calendar.from_ical(ics).walk("VEVENT")
    ]


def unfolded(ics: bytes) -> list[str]:
    """The content lines, unfolded (RFC 5545, 3.1)."""
    return ics.decode().replace("\r\n ", "").split("\r\n")


def expanded_starts(ics: bytes) -> list[float]:
    """The start instants the expanding parser finds in the file."""
    read = recurring_ical_events.of(Calendar.from_ical(ics)).between(
        datetime(2025, 12, 1, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC)
    )
    return sorted(event["DTSTART"].dt.timestamp() for event in read)


def rfc_unescape(value: str) -> str:
    """TEXT unescaped as RFC 5545 3.3.11 reads it, one escape at a time."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


@settings(max_examples=60, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    data=st.data(),
    kind=st.sampled_from([ScopeKind.ALL, ScopeKind.MEMBER]),
    names=st.dictionaries(st.sampled_from(MEMBERS), st.one_of(hostile_text, long_text)),
)
def test_the_text_writer_and_icalendar_write_the_same_events(
    zone_name: str, data: st.DataObject, kind: ScopeKind, names: dict
) -> None:
    """Whatever the names, posts and times, a calendar client must see the same events."""
    shifts = data.draw(shifts_in(zone_name))
    text, reference = both(content(zone_name, shifts, kind, names))
    assert events(text) == events(reference)
    assert unfolded(text) == unfolded(reference)
    starts = expanded_starts(text)
    assert starts == expanded_starts(reference)
    assert len(starts) == len(shifts)
    assert not starts_read_exactly(shifts) - Counter(starts)


@settings(max_examples=30, deadline=None)
@given(
    words=st.builds(
        CalendarWords,
        shift=hostile_text,
        someone_on_shift=st.sampled_from(["{name}: {summary}", "{name}，{summary}", "{summary}"]),
    ),
    data=st.data(),
)
def test_the_calendars_words_are_written_alike(words: CalendarWords, data: st.DataObject) -> None:
    """The words come from the user's language and may hold any of the special characters."""
    shifts = data.draw(shifts_in("Asia/Shanghai"))
    text, reference = both(content("Asia/Shanghai", shifts, ScopeKind.ALL, {"A1": "甲"}), words)
    assert events(text) == events(reference)


def test_every_zone_is_named_as_icalendar_names_it() -> None:
    """A TZID the file's VTIMEZONE does not define, or a Z where a zone was meant,
    moves events by hours in a strict client."""
    for zone_name in sorted(zoneinfo.available_timezones()):
        moment = datetime(2026, 7, 1, 6, 30, tzinfo=ZoneInfo(zone_name))
        written = Event.new(start=moment).to_ical().decode().split("\r\n")
        assert time_line("DTSTART", moment).removesuffix("\r\n") in written, zone_name


# What reaches a content line is already escaped: a line break in a value is written \n by then.
ESCAPED = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"),
    min_size=1,
    max_size=200,
)


@settings(max_examples=300)
@given(prefix=st.integers(0, 80), text=ESCAPED)
def test_a_fold_never_cuts_a_character_and_no_line_exceeds_75_octets(
    prefix: int, text: str
) -> None:
    """A fold inside a Chinese character's three bytes garbles the name in every client."""
    line = "SUMMARY:" + "x" * prefix + text
    folded = content_line(line).encode()
    physical = folded.split(b"\r\n")
    assert physical[-1] == b""
    for piece in physical[:-1]:
        assert len(piece) <= 75
        piece.decode()  # raises when a character was cut in two
    assert all(piece.startswith(b" ") for piece in physical[1:-1])
    assert folded.decode().replace("\r\n ", "") == line + "\r\n"


def test_a_long_chinese_field_folds_and_reads_back_whole() -> None:
    """A long post or a name list exceeds a line; the client must read it whole."""
    post = "后勤集团第一食堂二楼西侧面点加工间，夜班值守；联系人：张伟\\李娜" * 4
    shift = Shift(
        datetime(2026, 12, 7, 20, tzinfo=ZoneInfo("Asia/Shanghai")),
        datetime(2026, 12, 8, 8, tzinfo=ZoneInfo("Asia/Shanghai")),
        "A1",
        post,
        "夜班",
    )
    text, reference = both(content("Asia/Shanghai", [shift], ScopeKind.ALL, {"A1": "甲"}))
    assert max(len(line) for line in text.split(b"\r\n")) <= 75
    assert text.count(b"\r\n ") > 8
    [event] = Calendar.from_ical(text).walk("VEVENT")
    assert str(event["LOCATION"]) == post
    assert str(event["SUMMARY"]) == f"甲: 夜班 · {post}"
    assert events(text) == events(reference)


def test_a_folded_line_never_ends_inside_an_escape() -> None:
    """Some clients unfold carelessly; a backslash left at a line's end loses its escape."""
    line = content_line("SUMMARY:" + escape_text("," * 300))
    pieces = line.split("\r\n")[:-1]
    assert len(pieces) > 5
    assert not any(piece.endswith("\\") for piece in pieces)


@given(st.text())
def test_escaping_follows_the_rfc(text: str) -> None:
    """Read back as the RFC reads escapes, the text is what was written (line breaks as LF)."""
    escaped = escape_text(text)
    assert rfc_unescape(escaped) == text.replace("\r\n", "\n").replace("\r", "\n")
    bare = re.sub(r"\\[\\;,n]", "", escaped)  # what is left outside the escapes
    assert not any(c in bare for c in "\\;,\r\n")


def test_a_literal_backslash_n_is_kept() -> None:
    r"""``C:\New`` is a folder, not two lines: icalendar writes a line break, the text
    writer keeps the backslash (RFC 5545 escapes it as ``\\``)."""
    zone = ZoneInfo("Asia/Shanghai")
    start = datetime(2026, 12, 7, 8, tzinfo=zone)
    shift = Shift(start, start + timedelta(hours=8), "A1", "C:\\New", "早班")
    text, reference = both(content("Asia/Shanghai", [shift], ScopeKind.MEMBER, {}))
    [location] = [line for line in unfolded(text) if line.startswith("LOCATION:")]
    assert rfc_unescape(location.removeprefix("LOCATION:")) == "C:\\New"
    [before] = [line for line in unfolded(reference) if line.startswith("LOCATION:")]
    assert rfc_unescape(before.removeprefix("LOCATION:")) == "C:" + "\n" + "ew"


@pytest.fixture
def demo_content(demo: Store) -> CalendarContent:
    """Everyone's four weeks in the 80-member demo, with its two meetings."""
    return gather(demo, Scope(ScopeKind.ALL), date(2026, 12, 7), date(2027, 1, 3))


@pytest.mark.parametrize("meetings", [0, 2])
def test_progress_is_told_up_to_every_event(meetings: int, demo_content: CalendarContent) -> None:
    """The bar on the terminal must reach its end exactly when the last event is written."""
    from dataclasses import replace

    calendar = replace(demo_content, meetings=demo_content.meetings[:meetings])
    told: list[tuple[int, int]] = []
    text = b"".join(
        ics_chunks(calendar, stamp=STAMP, progress=lambda done, of: told.append((done, of)))
    )
    total = len(calendar.shifts) + meetings
    assert text.count(b"BEGIN:VEVENT") == total > 1000
    assert told[-1] == (total, total)
    assert [done for done, _ in told] == sorted({done for done, _ in told})
    assert {of for _, of in told} == {total}
