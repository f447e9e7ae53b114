"""The committed import fixtures (tests/fixtures/), read without shiftcell, and a database's contents.

tests/fixtures/make_import_fixtures.py says how the files were made.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MEMBERS = FIXTURES / "members-gb18030.csv"  # Chinese headers, GB18030
SHIFTS = FIXTURES / "shifts-utf8-bom.csv"  # the week of 2026-12-07, UTF-8 with a BOM
NEXT_WEEK = FIXTURES / "shifts-next-week.xlsx"  # the week after, date and time cells


def csv_rows(path: Path, encoding: str) -> list[list[str]]:
    """The data rows: what an import should take in."""
    with path.open(encoding=encoding, newline="") as file:
        return list(csv.reader(file))[1:]


def xlsx_rows(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    book.close()
    return rows


def held(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table's rows; shifts by what they say, since a replaced shift gets a new row id."""
    found = {}
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]
        kept = [c for c in columns if (table, c) != ("shifts", "id")]
        select = f"SELECT {', '.join(f'[{c}]' for c in kept)} FROM [{table}]"
        found[table] = sorted(map(repr, conn.execute(select).fetchall()))
    return found
