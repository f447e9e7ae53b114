"""The CSV a secretary opens in Excel: BOM, one row per shift and meeting, safe cells."""

import csv
import io
from datetime import date, timedelta

from shiftcell.db.calendars.content import Scope, ScopeKind, default_range, gather
from shiftcell.db.calendars.csv import calendar_csv
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType

FIRST, LAST = default_range(date(2026, 12, 9))


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_file_starts_with_a_byte_order_mark_so_excel_reads_chinese(demo: Store) -> None:
    """Without the BOM, Excel on a Chinese Windows reads UTF-8 as GBK: names become noise."""
    group = demo.groups()[0].name
    data = calendar_csv(gather(demo, Scope(ScopeKind.GROUP, group), FIRST, LAST))
    assert data.startswith(b"\xef\xbb\xbf")
    name = demo.members(groups=[group])[0].name
    assert name in data.decode("utf-8-sig")
    assert b"\r\n" in data


def test_one_row_per_shift_and_meeting_in_time_order(demo: Store) -> None:
    """The spreadsheet must add up to the calendar: nothing dropped, nothing doubled."""
    group = demo.groups()[0].name
    content = gather(demo, Scope(ScopeKind.GROUP, group), FIRST, LAST)
    header, *body = rows(calendar_csv(content))
    assert header == list(CalendarWords().csv_headers)
    assert len(body) == len(content.shifts) + len(content.meetings)
    starts = [row[3] for row in body]
    assert starts == sorted(starts)
    meetings = [row for row in body if row[0] == "Meeting"]
    assert [row[7] for row in meetings] == [
        "Group meeting: 学习贯彻全会精神",
        "Party lecture: 党课：服务育人",
    ]
    assert meetings[0][8] == "行政楼 302"
    assert meetings[0][9].startswith(f"Invited ({len(demo.members(groups=[group]))}): ")


def test_an_overnight_shift_shows_the_date_it_ends(demo: Store) -> None:
    """ "20:00 – 08:00" alone reads as a shift running backwards."""
    content = gather(demo, Scope(ScopeKind.ALL), FIRST, LAST)
    night = next(s for s in content.shifts if s.end.date() > s.start.date())
    row = next(
        r for r in rows(calendar_csv(content))[1:] if r[3] == f"{night.start:%Y-%m-%d %H:%M}"
    )
    assert row[4] == f"{night.end:%Y-%m-%d %H:%M}"
    assert row[4][:10] == f"{night.start + timedelta(days=1):%Y-%m-%d}"


def test_a_topic_that_looks_like_a_formula_stays_text(demo: Store) -> None:
    """A cell starting with = runs as a formula in Excel: a typed topic must not."""
    group = demo.groups()[0].name
    meeting = demo.meetings.get(1)
    demo.meetings.book(
        type=MeetingType.OTHER,
        topic='=HYPERLINK("http://example.invalid","点此")',
        start=meeting.start + timedelta(days=1),
        end=meeting.end + timedelta(days=1),
        groups=[group],
        invited=[],
        place="+86 会议室",
    )
    body = rows(calendar_csv(gather(demo, Scope(ScopeKind.GROUP, group), FIRST, LAST)))[1:]
    place = next(row[8] for row in body if "HYPERLINK" in row[7])
    assert place == "'+86 会议室"
    assert all(not cell.startswith(("=", "+", "@")) for row in body for cell in row)
