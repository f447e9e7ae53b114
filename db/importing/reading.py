"""Rows of a CSV or XLSX file, with the row numbers a spreadsheet shows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import TypeVar

from shiftcell.db.importing.limits import (
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
)
from shiftcell.db.importing.problems import (
    BAD_CHOICE,
    BAD_DATE,
    CONTROL_CHARACTER,
    DUPLICATE_COLUMN,
    EMPTY_FILE,
    FIELD_TOO_LONG,
    FILE_TOO_BIG,
    MISSING_COLUMN,
    NOTHING_TO_IMPORT,
    REQUIRED,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    UNKNOWN_FORMAT,
    UNREADABLE,
    ImportFailed,
    Problem,
    refuse,
)
from shiftcell.db.importing.values import choices_text, lookup

Cell = str | date | time | None
T = TypeVar("T")
# 2026-12-07, 2026/12/7, 2026.12.7 or 2026年12月7日, as rosters write dates.
DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# Control characters (Unicode's Cc), and the bidirectional overrides and
# isolates that make a name show other than it is stored.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Sheet:
    """A file's rows keyed by field name, each with its spreadsheet row number."""

    name: str
    headers: dict[str, str]  # field -> header as written in the file
    rows: list[tuple[int, dict[str, Cell]]]
    warnings: list[Problem] = field(default_factory=list)


def read_sheet(
    path: Path, columns: Mapping[str, tuple[str, ...]], required: Iterable[str]
) -> Sheet:
    """Read ``path`` whole; ``columns`` maps each field to the headers that may name it.

    Raises :class:`ImportFailed` with every problem found, or with the one
    that stopped the reading (a file that is not text, past a limit…).
    """
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise refuse(name, 0, UNKNOWN_FORMAT, suffix=path.suffix)
    with ExitStack() as stack:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise refuse(name, 0, FILE_TOO_BIG, size=size, limit=MAX_FILE_BYTES)
            if suffix == ".csv":
                from shiftcell.db.importing.text import csv_rows, decode

                text, warnings = decode(name, path.read_bytes())
                rows: Iterator[tuple[int, Sequence[Cell]]] = csv_rows(name, text)
            else:
                from shiftcell.db.importing.workbook import xlsx_rows

                warnings, rows = [], xlsx_rows(path, stack)
        except OSError as error:
            raise refuse(name, 0, UNREADABLE, error=error) from None
        return _sheet(name, rows, columns, required, warnings)


def _sheet(
    name: str,
    rows: Iterator[tuple[int, Sequence[Cell]]],
    columns: Mapping[str, tuple[str, ...]],
    required: Iterable[str],
    warnings: list[Problem],
) -> Sheet:
    first = next(rows, None)
    if first is None:
        raise refuse(name, 0, EMPTY_FILE)
    positions, headers = _match_headers(name, _header(name, first[1]), columns)
    missing = [f for f in required if f not in positions]
    if missing:
        raise ImportFailed(
            [Problem(name, 1, _describe(columns[f]), None, MISSING_COLUMN) for f in missing]
        )
    problems: list[Problem] = []
    kept = []
    for number, raw in rows:
        if number > MAX_ROWS + 1:
            raise refuse(name, number, TOO_MANY_ROWS, limit=MAX_ROWS)
        if all(cell is None or str(cell).strip() == "" for cell in raw):
            continue
        cells = {f: _cell(raw, i) for f, i in positions.items()}
        for f, value in cells.items():
            _check_value(name, number, headers[f], value, problems)
        kept.append((number, cells))
    if problems:
        raise ImportFailed(problems)
    if not kept:
        raise refuse(name, 0, NOTHING_TO_IMPORT)
    return Sheet(name, headers, kept, warnings)


def _header(name: str, raw: Sequence[Cell]) -> list[str]:
    header = [str(cell or "").strip() for cell in raw]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise refuse(name, 1, TOO_MANY_COLUMNS, count=len(header), limit=MAX_COLUMNS)
    return header


def _match_headers(
    name: str, header_row: list[str], columns: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, int], dict[str, str]]:
    """Where each field is; two headers naming one field are refused, naming both."""
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems = []
    for index, header in enumerate(header_row):
        for field_name, names in columns.items():
            if header.casefold() not in (n.casefold() for n in names):
                continue
            if field_name in positions:
                first = positions[field_name]
                fields = {
                    "letter": column_letter(index),
                    "first": headers[field_name],
                    "first_letter": column_letter(first),
                }
                problems.append(Problem(name, 1, header, header, DUPLICATE_COLUMN, fields))
            else:
                positions[field_name] = index
                headers[field_name] = header
    if problems:
        raise ImportFailed(problems)
    return positions, headers


def column_letter(index: int) -> str:
    """``A`` for the first column (index 0), ``AA`` for the 27th: as a spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _describe(names: tuple[str, ...]) -> str:
    return " / ".join(names[:2])


def _cell(raw: Sequence[Cell], index: int) -> Cell:
    if index >= len(raw):
        return None
    value = raw[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _check_value(name: str, number: int, column: str, value: Cell, problems: list[Problem]) -> None:
    """A value too long, or holding a character that would not show as stored."""
    if not isinstance(value, str):
        return
    if len(value) > MAX_FIELD_CHARS:
        problems.append(
            Problem(name, number, column, None, FIELD_TOO_LONG, {"limit": MAX_FIELD_CHARS})
        )
        return
    found = CONTROL.search(value)
    if found:
        fields = {"code": f"U+{ord(found.group()):04X}"}
        problems.append(Problem(name, number, column, value, CONTROL_CHARACTER, fields))


class RowReader:
    """One data row's cells, collecting problems as values are read."""

    def __init__(
        self, sheet: Sheet, number: int, cells: dict[str, Cell], problems: list[Problem]
    ) -> None:
        self.sheet, self.number, self.cells, self.problems = sheet, number, cells, problems
        self.ok = True

    def problem(self, field: str, value: object, template: str, **fields: object) -> None:
        self.ok = False
        column = self.sheet.headers.get(field, field)
        shown = None if value is None else str(value)
        self.problems.append(Problem(self.sheet.name, self.number, column, shown, template, fields))

    def optional(self, field: str) -> str | None:
        value = self.cells.get(field)
        return None if value is None else str(value)

    def text(self, field: str) -> str | None:
        value = self.optional(field)
        if value is None:
            self.problem(field, None, REQUIRED)
        return value

    def choice(self, field: str, table: dict[str, T], default: T | None) -> T | None:
        value = self.optional(field)
        if value is None:
            return default
        found = lookup(table, value)
        if found is None:
            self.problem(field, value, BAD_CHOICE, choices=choices_text(table))
        return found

    def day(self, field: str) -> date | None:
        """An optional date: ISO, with slashes or dots, or 2026年12月7日; or a date cell."""
        value = self.cells.get(field)
        if value is None or isinstance(value, date):
            return value
        match = DAY.fullmatch(str(value))
        try:
            if match is None:
                raise ValueError(value)
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            self.problem(field, value, BAD_DATE)
            return None
