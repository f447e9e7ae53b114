"""Rows of a CSV or XLSX file, with the row numbers a spreadsheet shows."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar

from shiftcell.db.importing.problems import (
    BAD_CHOICE,
    BAD_DATE,
    EMPTY_FILE,
    MISSING_COLUMN,
    NOT_TEXT,
    REQUIRED,
    UNKNOWN_FORMAT,
    UNREADABLE,
    ImportFailed,
    Problem,
)
from shiftcell.db.importing.values import choices_text, lookup

Cell = str | date | time | None
T = TypeVar("T")
# 2026-12-07, 2026/12/7, 2026.12.7 or 2026年12月7日, as rosters write dates.
DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class Sheet:
    """A file's rows keyed by field name, each with its spreadsheet row number."""

    name: str
    headers: dict[str, str]  # field -> header as written in the file
    rows: list[tuple[int, dict[str, Cell]]]


def read_sheet(
    path: Path, columns: Mapping[str, tuple[str, ...]], required: Iterable[str]
) -> Sheet:
    """Read ``path``; ``columns`` maps each field to the headers that may name it."""
    name = path.name
    try:
        if path.suffix.lower() == ".csv":
            table = _csv_rows(path)
        elif path.suffix.lower() == ".xlsx":
            table = _xlsx_rows(path)
        else:
            raise ImportFailed(
                [Problem(name, 0, None, None, UNKNOWN_FORMAT, {"suffix": path.suffix})]
            )
    except ImportFailed:
        raise
    except (OSError, ValueError, KeyError) as error:
        raise ImportFailed([Problem(name, 0, None, None, UNREADABLE, {"error": error})]) from None
    if not table:
        raise ImportFailed([Problem(name, 0, None, None, EMPTY_FILE)])
    header_row = [str(cell or "").strip() for cell in table[0]]
    positions, headers = _match_headers(header_row, columns)
    missing = [f for f in required if f not in positions]
    if missing:
        raise ImportFailed(
            [Problem(name, 1, _describe(columns[f]), None, MISSING_COLUMN) for f in missing]
        )
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in raw):
            continue
        rows.append((number, {f: _cell(raw, i) for f, i in positions.items()}))
    return Sheet(name, headers, rows)


def _match_headers(
    header_row: list[str], columns: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, int], dict[str, str]]:
    positions, headers = {}, {}
    for index, header in enumerate(header_row):
        for field_name, names in columns.items():
            if header.casefold() in (n.casefold() for n in names) and field_name not in positions:
                positions[field_name] = index
                headers[field_name] = header
    return positions, headers


def _describe(names: tuple[str, ...]) -> str:
    return " / ".join(names[:2])


def _cell(raw: list[Cell], index: int) -> Cell:
    if index >= len(raw):
        return None
    value = raw[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _csv_rows(path: Path) -> list[list[Cell]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFailed([Problem(path.name, 0, None, None, NOT_TEXT)])
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def _xlsx_rows(path: Path) -> list[list[Cell]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [[_xlsx_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _xlsx_value(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, datetime):
        # A date cell comes as midnight; a time-only cell as 1899-12-30 or a time.
        return value.date() if value.time() == time(0) else value.time()
    if isinstance(value, date | time):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
