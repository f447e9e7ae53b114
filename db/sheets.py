"""Tables written for a spreadsheet or a reader: .xlsx, .csv and Markdown.

What a sheet says is decided by whoever builds it (in the reader's language);
this module only writes it down. One rule holds for every format here and for
the calendar CSV: a text that a spreadsheet would take for a formula (a topic
typed as ``=HYPERLINK(…)``) stays text (``looks_like_formula``).

CSV is UTF-8 with a byte order mark (Excel on a Chinese Windows reads a file
without one as GBK), one file per sheet: each file is then a plain table a
spreadsheet sorts and filters, which sections in one file would not be.
"""

from __future__ import annotations

import csv
import enum
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles.cell_style import StyleArray

# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on one cell; longer text is cut there, and says so.
XLSX_CELL_LIMIT = 32_767
LINE_HEIGHT = 15  # points, a line of the default font
MOST_HEIGHT = 409  # points, the tallest row Excel allows


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A cell for a CSV file: a formula-looking text gets the apostrophe spreadsheets hide."""
    return "'" + text if looks_like_formula(text) else text


class Tone(enum.Enum):
    """How a cell reads at a glance, for the formats that colour: good to bad."""

    GOOD = "good"
    MADE_UP = "made_up"
    WARN = "warn"
    BAD = "bad"
    QUIET = "quiet"


@dataclass(frozen=True)
class Mark:
    """A cell's value with a tone (a coloured cell in .xlsx, plain elsewhere)."""

    value: str | int
    tone: Tone


Cell = str | int | float | Mark | None


@dataclass(frozen=True)
class Sheet:
    """One table: ``key`` names its CSV file, ``title`` its tab and heading."""

    key: str
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[int] = field(default_factory=tuple)  # columns, in characters
    frozen: int = 1  # leading columns kept in view when scrolling sideways


def text_of(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Mark):
        return str(cell.value)
    if isinstance(cell, float):
        return f"{cell:.0%}"
    return str(cell)


# -- CSV -------------------------------------------------------------------------


def csv_paths(path: Path, sheets: Sequence[Sheet]) -> list[Path]:
    """``ledger.csv`` → ``ledger-meetings.csv``, ``ledger-attendance.csv``, …"""
    return [path.with_name(f"{path.stem}-{sheet.key}{path.suffix}") for sheet in sheets]


def csv_bytes(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in sheet.headers])
    writer.writerows([csv_text(text_of(cell)) for cell in row] for row in sheet.rows)
    return out.getvalue().encode("utf-8-sig")


# -- Markdown ----------------------------------------------------------------------


def markdown(title: str, lines: Sequence[str], sheets: Sequence[Sheet]) -> str:
    """A heading, a few lines about it, then each sheet as a table under its own heading."""
    parts = [f"# {_md(title)}", "", *(f"{_md(line)}  " for line in lines)]
    for sheet in sheets:
        parts += ["", f"## {_md(sheet.title)}", ""]
        parts.append("| " + " | ".join(_md(h) for h in sheet.headers) + " |")
        parts.append("|" + "|".join("---" for _ in sheet.headers) + "|")
        parts += ["| " + " | ".join(_md(text_of(c)) for c in row) + " |" for row in sheet.rows]
    return "\n".join(parts) + "\n"


def _md(text: str) -> str:
    """Text that stays in its table cell: pipes escaped, line breaks as <br>."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return "<br>".join(escaped.splitlines()) if "\n" in escaped or "\r" in escaped else escaped


# -- .xlsx ---------------------------------------------------------------------------

FILLS = {
    Tone.GOOD: "C6EFCE",
    Tone.MADE_UP: "DDEBF7",
    Tone.WARN: "FFEB9C",
    Tone.BAD: "FFC7CE",
    Tone.QUIET: "F2F2F2",
}


def write_xlsx(target: Path | IO[bytes], title: str, sheets: Sequence[Sheet]) -> None:
    """A workbook with a tab per sheet: bold headers kept in view, columns sized,
    tones as fills. Written streaming (openpyxl's write-only mode): a branch of
    thousands fits in memory."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.title = title
    for sheet in sheets:
        _write_sheet(book, sheet)
    book.save(target)


def _write_sheet(book: Workbook, sheet: Sheet) -> None:
    from openpyxl.cell.cell import Cell as XlsxCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.worksheet import Worksheet

    # A write-only sheet: it has a sheet's settings (its type stub omits them), and rows
    # and columns are set up before the cells they concern are appended.
    tab = cast("Worksheet", book.create_sheet(_tab_title(sheet.title)))
    columns = tab.column_dimensions
    for index, width in enumerate(sheet.widths, 1):
        columns[get_column_letter(index)].width = width
    tab.freeze_panes = f"{get_column_letter(sheet.frozen + 1)}2"
    # Printed as a secretary files it: landscape, as wide as the page, headers on every page.
    tab.page_setup.orientation = "landscape"
    tab.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    tab.page_setup.fitToWidth = 1
    tab.page_setup.fitToHeight = 0
    tab.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    tab.print_title_rows = "1:1"
    styles = _Styles(tab)
    rows = tab.row_dimensions

    def cell(value: Cell, *, header: bool = False) -> XlsxCell:
        plain = value.value if isinstance(value, Mark) else value
        if isinstance(plain, str) and len(plain) > XLSX_CELL_LIMIT:
            plain = plain[: XLSX_CELL_LIMIT - 1] + "…"
        formula = isinstance(plain, str) and looks_like_formula(plain)
        tone = value.tone if isinstance(value, Mark) else None
        made = XlsxCell(
            tab,
            row=1,
            column=1,  # both set by append
            value=plain,
            style_array=styles.get(header, tone, formula, isinstance(plain, float)),
        )
        if isinstance(plain, str):
            made.data_type = "s"  # never a formula, whatever it starts with
        return made

    for number, row in enumerate([sheet.headers, *sheet.rows], 1):
        # Rows are as tall as their wrapped text: a spreadsheet sizes rows it is given
        # without a height only when it recalculates them, and some never do.
        lines = max(
            (_lines(text_of(v), w) for v, w in zip(row, sheet.widths, strict=False)),
            default=1,
        )
        if lines > 1:
            rows[number].height = min(LINE_HEIGHT * lines, MOST_HEIGHT)
        tab.append([cell(value, header=number == 1) for value in row])


class _Styles:
    """Each combination of looks made once and shared: styling cell by cell through
    openpyxl's descriptors took most of the time of a large workbook."""

    def __init__(self, tab: object) -> None:
        self.tab = tab
        self.made: dict[tuple[bool, Tone | None, bool, bool], StyleArray] = {}

    def get(self, header: bool, tone: Tone | None, formula: bool, share: bool) -> StyleArray:
        from copy import copy

        key = (header, tone, formula, share)
        if key not in self.made:
            self.made[key] = self._make(*key)
        return copy(self.made[key])

    def _make(self, header: bool, tone: Tone | None, formula: bool, share: bool) -> StyleArray:
        from openpyxl.cell.cell import Cell as XlsxCell
        from openpyxl.styles import Alignment, Font, PatternFill

        model = XlsxCell(self.tab, row=1, column=1)  # type: ignore[arg-type]
        model.alignment = Alignment(wrap_text=True, vertical="top")
        if header:
            model.font = Font(bold=True)
        if tone is not None:
            model.fill = PatternFill("solid", fgColor=FILLS[tone])
        if share:
            model.number_format = "0%"
        model.quotePrefix = formula  # a formula-looking text stays text when edited
        style: StyleArray = model._style  # type: ignore[attr-defined]  # what the stub omits
        return style


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide
    (a Chinese character is two), roughly as a spreadsheet wraps it."""
    room = max(1, width - 1)
    return sum(max(1, -(-_width(line) // room)) for line in text.split("\n"))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _tab_title(title: str) -> str:
    """A worksheet's name: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "sheet"
