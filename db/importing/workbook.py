"""An .xlsx file's first sheet, row by row, read whole and within the limits.

openpyxl's read-only mode trusts the sheet's ``<dimension>`` element, which
some exporters write too small: its rows beyond it would be silently lost, so
the dimensions are reset and every row there is gets read. The package is
checked before openpyxl parses it (it is a ZIP of XML: a few hundred KB can
unpack to gigabytes of empty rows or texts), and the rows stop at the limit.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import fromstring, iterparse

from shiftcell.db.importing.limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_SHARED_STRINGS
from shiftcell.db.importing.problems import (
    DAMAGED_XLSX,
    NOT_XLSX,
    TOO_MANY_COLUMNS,
    TOO_MANY_STRINGS,
    UNPACKED_TOO_BIG,
    ImportFailed,
    refuse,
)

if TYPE_CHECKING:
    from shiftcell.db.importing.reading import Cell

SHARED_STRING = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}si"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)


def xlsx_rows(path: Path, stack: ExitStack) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    """The first sheet's rows, numbered from 1; the workbook stays open until ``stack`` closes."""
    name = path.name
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
    except (zipfile.BadZipFile, OSError) as error:
        raise refuse(name, 0, NOT_XLSX, error=error) from None
    _check_package(name, archive)
    # openpyxl warns on stderr about what it cannot keep (data validation,
    # dates out of range become errors); the import says what matters itself.
    stack.enter_context(warnings.catch_warnings())
    warnings.simplefilter("ignore")
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        stack.callback(book.close)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    except ImportFailed:
        raise
    except Exception as error:  # openpyxl raises many kinds on a broken package
        raise refuse(name, 0, NOT_XLSX, error=_said(error)) from None
    # Read no further right than the header goes: a stray cell at column XFD
    # must not make every row 16,384 cells wide.
    width = max((i + 1 for i, v in enumerate(header) if str(v or "").strip()), default=1)
    if width > MAX_COLUMNS:
        raise refuse(name, 1, TOO_MANY_COLUMNS, count=width, limit=MAX_COLUMNS)
    return _rows(name, sheet, width)


def _rows(name: str, sheet: object, width: int) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    number = 0
    try:
        rows = sheet.iter_rows(min_row=1, max_col=width, values_only=True)  # type: ignore[attr-defined]
        for number, row in enumerate(rows, start=1):
            yield number, tuple(_value(v) for v in row)
    except ImportFailed:
        raise
    except Exception as error:  # a damaged sheet: bad XML, a missing string, a CRC error
        raise refuse(name, number + 1, DAMAGED_XLSX, error=_said(error)) from None


def _check_package(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse a package whose XML would unpack past the limits, before parsing any of it."""
    parts = [i for i in archive.infolist() if i.filename.lower().endswith((".xml", ".rels"))]
    size = sum(i.file_size for i in parts)
    if size > MAX_FILE_BYTES:
        raise refuse(name, 0, UNPACKED_TOO_BIG, size=size, limit=MAX_FILE_BYTES)
    strings = _shared_strings_part(archive)
    if strings is None:
        return
    try:
        with archive.open(strings) as source:
            parsed = iterparse(source, events=("start", "end"))
            _, root = next(parsed)  # <sst>
            count = 0
            for event, element in parsed:
                if event == "end" and element.tag == SHARED_STRING:
                    count += 1
                    if count > MAX_SHARED_STRINGS:
                        raise refuse(name, 0, TOO_MANY_STRINGS, limit=MAX_SHARED_STRINGS)
                    root.clear()  # keep no parsed strings: only their number matters here
    except ImportFailed:
        raise
    except Exception as error:
        raise refuse(name, 0, DAMAGED_XLSX, error=_said(error)) from None


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    """Where the package's content types say its shared strings are (as openpyxl finds them)."""
    try:
        types = fromstring(archive.read("[Content_Types].xml"))
    except Exception:
        return None  # openpyxl will say the package is not a workbook
    for override in types.iter(CONTENT_TYPES + "Override"):
        if override.get("ContentType") == SHARED_STRINGS_TYPE:
            return override.get("PartName", "").lstrip("/") or None
    return None


def _said(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) <= 120 else text[:120] + "…"


def _value(value: object) -> Cell:
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
