"""What can be wrong with an imported file, said so that a person can fix it.

Messages are English templates with ``{fields}``; the front end translates
them (each template here has a Chinese twin in ``tui/locale_zh.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

MISSING_COLUMN = "missing column {column}"
UNREADABLE = "cannot read this file: {error}"
UNKNOWN_FORMAT = "unknown file type {suffix}; use .csv or .xlsx"
EMPTY_FILE = "the file has no header row"
NOTHING_TO_IMPORT = "nothing to import: the file has a header row but no rows under it"
# Encodings: what was tried, and how to save the file so that it reads.
NOT_TEXT = (
    "this file is neither UTF-8 nor GB18030 text (tried UTF-8 with and without BOM, then "
    "GB18030; this line reads as neither): in Excel choose Save As "
    "“CSV UTF-8 (Comma delimited)”, or save it as UTF-8 in your editor"
)
UTF16_TEXT = (
    "this file is UTF-16 text (Excel's “Unicode Text”); shiftcell reads UTF-8 "
    "(with or without BOM) or GB18030: in Excel choose Save As "
    "“CSV UTF-8 (Comma delimited)”"
)
BIG5_TEXT = (
    "this file looks like Big5 (Traditional Chinese): this line reads {value!r} as "
    "GB18030 but {big5!r} as Big5; shiftcell reads UTF-8 (with or without BOM) or GB18030: "
    "in Excel choose Save As “CSV UTF-8 (Comma delimited)”"
)
UNLIKELY_TEXT = (
    "read as GB18030, {unlikely} of this file's {total} non-ASCII characters are rare or "
    "not Chinese, as in this line: {value!r}; if names look wrong, choose Save As "
    "“CSV UTF-8 (Comma delimited)” in Excel and import the file again"
)
# Limits (db/importing/limits.py): a broken or hostile file is refused quickly.
FILE_TOO_BIG = "the file is {size:,} bytes; shiftcell reads files of up to {limit:,} bytes"
UNPACKED_TOO_BIG = (
    "the workbook unpacks to {size:,} bytes of XML; shiftcell reads up to {limit:,} bytes: "
    "delete the other sheets or split the file"
)
TOO_MANY_ROWS = (
    "more than {limit:,} rows under the header (empty rows count too): delete the rows "
    "below your data or split the file"
)
TOO_MANY_COLUMNS = "the header row has {count:,} columns; shiftcell reads up to {limit:,}"
TOO_MANY_STRINGS = (
    "the workbook holds more than {limit:,} distinct texts, far more than a roster needs: "
    "open it in Excel and save it again, or save it as CSV"
)
FIELD_TOO_LONG = "a value longer than {limit:,} characters"
LINE_TOO_LONG = "a line longer than {limit:,} characters"
NOT_CSV = "cannot read this line as CSV ({error})"
NOT_XLSX = (
    "not an .xlsx workbook ({error}): if it is CSV text, rename it to .csv; otherwise "
    "open it in Excel and save it again as .xlsx"
)
DAMAGED_XLSX = "the workbook is damaged ({error}): open it in Excel and save it again"
# Headers and values.
DUPLICATE_COLUMN = (
    "columns {first_letter} ({first}) and {letter} ({value}) are the same column; keep one of them"
)
CONTROL_CHARACTER = "{value!r} contains the control character {code}; remove it"
REQUIRED = "a value is required"
BAD_CHOICE = "{value!r} is not one of {choices}"
DUPLICATE_MEMBER = "employee {value} appears again (first on row {first})"
SECOND_LEADER = "group {group} already has a leader on row {first}"
SECOND_LEADER_STORED = (
    "{name} ({employee_no}) would be a second leader of {group}, which already has "
    "{leader} ({leader_no}); make one of them deputy or member in this file"
)
ROLE_WITHOUT_GROUP = "a role needs a group"
UNKNOWN_EMPLOYEE = "no member with employee number {value}; import members first"
BAD_DATE = "{value!r} is not a date like 2026-12-07"
DATE_OUT_OF_RANGE = "{value!r} is not between {first} and {last}, the dates shiftcell accepts"
BAD_TIME = "{value!r} is not a time like 08:30"
OVERLAP_IN_FILE = "overlaps the shift on row {other} ({hours})"
OVERLAP_STORED = "overlaps a stored shift {day} {hours}"

TEMPLATES = (
    MISSING_COLUMN,
    UNREADABLE,
    UNKNOWN_FORMAT,
    EMPTY_FILE,
    NOTHING_TO_IMPORT,
    NOT_TEXT,
    UTF16_TEXT,
    BIG5_TEXT,
    UNLIKELY_TEXT,
    FILE_TOO_BIG,
    UNPACKED_TOO_BIG,
    TOO_MANY_ROWS,
    TOO_MANY_COLUMNS,
    TOO_MANY_STRINGS,
    FIELD_TOO_LONG,
    LINE_TOO_LONG,
    NOT_CSV,
    NOT_XLSX,
    DAMAGED_XLSX,
    DUPLICATE_COLUMN,
    CONTROL_CHARACTER,
    REQUIRED,
    BAD_CHOICE,
    DUPLICATE_MEMBER,
    SECOND_LEADER,
    SECOND_LEADER_STORED,
    ROLE_WITHOUT_GROUP,
    UNKNOWN_EMPLOYEE,
    BAD_DATE,
    DATE_OUT_OF_RANGE,
    BAD_TIME,
    OVERLAP_IN_FILE,
    OVERLAP_STORED,
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong, and where: ``row`` 1 is the header; 0 is the file itself."""

    file: str
    row: int
    column: str | None
    value: str | None
    template: str
    fields: Mapping[str, object] = field(default_factory=dict, compare=False)

    def message(self, translate: Callable[..., str] | None = None) -> str:
        """The message, through ``translate(template, **fields)`` when given."""
        values = {"value": self.value, "column": self.column, **self.fields}
        if translate is not None:
            return translate(self.template, **values)
        return self.template.format(**values)

    def where(self) -> str:
        place = self.file if self.row == 0 else f"{self.file}:{self.row}"
        return f"{place} [{self.column}]" if self.column else place


def refuse(
    file: str,
    row: int,
    template: str,
    column: str | None = None,
    value: str | None = None,
    **fields: object,
) -> ImportFailed:
    """One problem that stops the reading of a file: ``raise refuse(...)``."""
    return ImportFailed([Problem(file, row, column, value, template, fields)])


class ImportFailed(Exception):
    """The file was refused; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.where()}: {p.message()}" for p in problems[:3]))
        self.problems = problems


@dataclass(frozen=True)
class Changes:
    """What an import did (or, in a dry run, would do) to the stored data."""

    new: int = 0  # rows the database did not have
    updated: int = 0  # rows it had, now different
    unchanged: int = 0  # rows it had exactly so
    removed: int = 0  # stored rows the file replaces and does not repeat
    other: int = 0  # new departments, posts, groups

    @property
    def count(self) -> int:
        """The rows of the file."""
        return self.new + self.updated + self.unchanged

    @property
    def nothing(self) -> bool:
        return not (self.new or self.updated or self.removed or self.other)
