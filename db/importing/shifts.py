"""``shiftcell import shifts FILE``: concrete shifts, one row each.

The file is the truth for the members and dates it names: their stored
shifts starting on those dates are replaced, so importing a file twice, or a
corrected version of it, never piles shifts up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from itertools import pairwise
from pathlib import Path

from shiftcell.db.importing.limits import FIRST_YEAR, LAST_YEAR
from shiftcell.db.importing.problems import (
    BAD_DATE,
    BAD_TIME,
    DATE_OUT_OF_RANGE,
    OVERLAP_IN_FILE,
    OVERLAP_STORED,
    UNKNOWN_EMPLOYEE,
    Changes,
    ImportFailed,
    Problem,
)
from shiftcell.db.importing.reading import Cell, RowReader, read_sheet
from shiftcell.db.rows import shift_from_row, shift_to_row, utc_text
from shiftcell.db.store import Store
from shiftcell.scheduling import Member, Post, Segment, Shift
from shiftcell.scheduling.localtime import at, day_start

COLUMNS = {
    "employee_no": ("employee_no", "工号"),
    "date": ("date", "日期"),
    "start": ("start", "开始"),
    "end": ("end", "结束"),
    "post": ("post", "岗位"),
}
REQUIRED_COLUMNS = ("employee_no", "date", "start", "end")


@dataclass(frozen=True)
class ShiftsImport:
    shifts: list[Shift]
    replaced: int
    new_posts: list[str]
    changes: Changes
    warnings: list[Problem]

    @property
    def rows(self) -> int:
        """Rows of the file: a shift each."""
        return len(self.shifts)


def import_shifts(store: Store, path: Path, *, dry_run: bool = False) -> ShiftsImport:
    """Validate the whole file, then replace and write in one transaction."""
    sheet = read_sheet(path, COLUMNS, REQUIRED_COLUMNS)
    zone = store.timezone
    members = {m.employee_no: m for m in store.members()}
    problems: list[Problem] = []
    parsed: list[tuple[int, Shift]] = []
    for number, cells in sheet.rows:
        row = RowReader(sheet, number, cells, problems)
        employee_no = row.text("employee_no")
        day = _date(row, cells.get("date"))
        start, end = _time(row, "start", cells.get("start")), _time(row, "end", cells.get("end"))
        if employee_no is not None and employee_no not in members:
            row.problem("employee_no", employee_no, UNKNOWN_EMPLOYEE)
        if row.ok and employee_no and day and start and end:
            post = row.optional("post") or members[employee_no].post
            segment = Segment(start, end)
            finish = at(day + timedelta(days=1) if segment.overnight else day, end, zone)
            parsed.append((number, Shift(at(day, start, zone), finish, employee_no, post)))
    if problems:
        raise ImportFailed(problems)
    kept, replaced = _kept_stored_shifts(store, [s for _, s in parsed])
    _check_overlaps(sheet.name, sheet.headers.get("start", "start"), parsed, kept, problems)
    if problems:
        raise ImportFailed(problems)
    known_posts = {p.name for p in store.posts()}
    new_posts = sorted({s.post for _, s in parsed if s.post and s.post not in known_posts})
    shifts = [s for _, s in parsed]
    changes = _changes(shifts, replaced, new_posts)
    if not dry_run and not changes.nothing:
        _write(store, shifts, replaced, new_posts, members)
    return ShiftsImport(shifts, len(replaced), new_posts, changes, sheet.warnings)


def _date(row: RowReader, value: Cell) -> date | None:
    if value is None:
        row.text("date")
        return None
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            row.problem("date", value, BAD_DATE)
            return None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        first, last = date(FIRST_YEAR, 1, 1).isoformat(), date(LAST_YEAR, 12, 31).isoformat()
        row.problem("date", value, DATE_OUT_OF_RANGE, first=first, last=last)
        return None
    return value


def _time(row: RowReader, field: str, value: Cell) -> time | None:
    if value is None:
        row.text(field)
        return None
    if isinstance(value, time):
        return value
    text = str(value)
    try:
        hours, minutes = text.split(":")
        if len(minutes) != 2:
            raise ValueError(text)
        return time(int(hours), int(minutes))
    except ValueError:
        row.problem(field, value, BAD_TIME)
        return None


def _changes(
    shifts: list[Shift], replaced: dict[int, tuple[object, ...]], new_posts: list[str]
) -> Changes:
    """Shifts of the file already stored exactly so, and stored ones the file drops."""
    stored = set(replaced.values())
    unchanged = sum(_key(shift_to_row(s)) in stored for s in shifts) if stored else 0
    return Changes(
        new=len(shifts) - unchanged,
        unchanged=unchanged,
        removed=len(replaced) - unchanged,
        other=len(new_posts),
    )


def _key(row: dict[str, object]) -> tuple[object, ...]:
    return tuple(row[k] for k in ("employee_no", "start_utc", "end_utc", "post"))


def _kept_stored_shifts(
    store: Store, shifts: list[Shift]
) -> tuple[list[Shift], dict[int, tuple[object, ...]]]:
    """Stored shifts of these members near these dates that the file does not replace,
    and those it replaces (by id)."""
    if not shifts:
        return [], {}
    zone = store.timezone
    replaced_days = {(s.employee_no, s.start.date()) for s in shifts}
    first = min(s.start.date() for s in shifts) - timedelta(days=2)
    last = max(s.start.date() for s in shifts) + timedelta(days=2)
    employee_nos = sorted({s.employee_no for s in shifts})
    marks = ", ".join("?" * len(employee_nos))
    found = store.query(
        f"SELECT * FROM shifts WHERE employee_no IN ({marks}) AND start_utc >= ? AND start_utc < ?",
        [*employee_nos, utc_text(day_start(first, zone)), utc_text(day_start(last, zone))],
    )
    kept, replaced = [], {}
    for row in found:
        shift = shift_from_row(row, zone)
        if (shift.employee_no, shift.start.date()) in replaced_days:
            replaced[row["id"]] = _key(row)
        else:
            kept.append(shift)
    return kept, replaced


def _check_overlaps(
    name: str,
    column: str,
    parsed: list[tuple[int, Shift]],
    kept: list[Shift],
    problems: list[Problem],
) -> None:
    by_member: dict[str, list[tuple[int, Shift]]] = defaultdict(list)
    for number, shift in parsed:
        by_member[shift.employee_no].append((number, shift))
    for shift in kept:
        by_member[shift.employee_no].append((0, shift))
    for entries in by_member.values():
        entries.sort(key=lambda entry: entry[1].start_ts)
        for (row_a, a), (row_b, b) in pairwise(entries):
            if b.start_ts >= a.end_ts:
                continue
            row, other_row, other = (row_b, row_a, a) if row_b else (row_a, row_b, b)
            value = _hours(b if row == row_b else a)
            if other_row:
                fields: dict[str, object] = {"other": other_row, "hours": _hours(other)}
                problems.append(Problem(name, row, column, value, OVERLAP_IN_FILE, fields))
            else:
                fields = {"day": other.start.date().isoformat(), "hours": _hours(other)}
                problems.append(Problem(name, row, column, value, OVERLAP_STORED, fields))


def _hours(shift: Shift) -> str:
    return f"{shift.start:%H:%M}–{shift.end:%H:%M}"


def _write(
    store: Store,
    shifts: list[Shift],
    replaced: Iterable[int],
    new_posts: list[str],
    members: dict[str, Member],
) -> None:
    first_holder = {s.post: s.employee_no for s in reversed(shifts) if s.post}
    with store.transaction():
        for shift_id in replaced:
            store.db.table("shifts").delete(shift_id)
        store.save(
            posts=[Post(p, members[first_holder[p]].department) for p in new_posts],
            shifts=shifts,
        )
