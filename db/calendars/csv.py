"""A group's shifts and meetings as CSV, for the secretary's spreadsheet.

UTF-8 with a byte order mark: without it, Excel on a Chinese Windows reads
the file as GBK and every name turns to noise.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from shiftcell.db.calendars.content import CalendarContent
from shiftcell.db.calendars.ics import meeting_summary, shift_summary
from shiftcell.db.calendars.wording import CalendarWords
from shiftcell.db.sheets import csv_text


def calendar_csv(content: CalendarContent, words: CalendarWords | None = None) -> bytes:
    """One row per shift and per meeting, in time order, with a header row."""
    words = words or CalendarWords()
    rows: list[tuple[float, list[str]]] = []
    for shift in content.shifts:
        name = content.names.get(shift.employee_no, "")
        row = [
            words.csv_shift,
            *_times(shift.start, shift.end, words),
            shift.employee_no,
            name,
            shift_summary(shift, words),
            shift.post or "",
            "",
        ]
        rows.append((shift.start_ts, row))
    for meeting in content.meetings:
        invited = ", ".join(
            f"{content.names.get(a.employee_no, '')} {a.employee_no}".strip()
            for a in meeting.invited
        )
        row = [
            words.csv_meeting,
            *_times(meeting.start, meeting.end, words),
            "",
            "",
            meeting_summary(meeting, words),
            meeting.place,
            words.invited.format(count=len(meeting.invited), names=invited),
        ]
        rows.append((meeting.start.timestamp(), row))
    rows.sort(key=lambda pair: pair[0])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(words.csv_headers)
    # a topic typed as "=HYPERLINK(…)" stays text
    writer.writerows([csv_text(cell) for cell in row] for _, row in rows)
    return out.getvalue().encode("utf-8-sig")


def _times(start: datetime, end: datetime, words: CalendarWords) -> list[str]:
    """Date, weekday, start and end as a spreadsheet reads them (end with its date)."""
    return [
        f"{start:%Y-%m-%d}",
        words.weekdays[start.weekday()],
        f"{start:%Y-%m-%d %H:%M}",
        f"{end:%Y-%m-%d %H:%M}",
    ]
