"""What can be wrong with an imported file, said so that a person can fix it.

Messages are English templates with ``{fields}``; the front end translates
them (each template here has a Chinese twin in ``tui/locale_zh.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

MISSING_COLUMN = "missing column {column}"
UNREADABLE = "cannot read this file: {error}"
UNKNOWN_FORMAT = "unknown file type {suffix}; use .csv or .xlsx"
NOT_TEXT = "not UTF-8 or GB18030 text"
EMPTY_FILE = "the file has no header row"
REQUIRED = "a value is required"
BAD_CHOICE = "{value!r} is not one of {choices}"
DUPLICATE_MEMBER = "employee {value} appears again (first on row {first})"
SECOND_LEADER = "group {group} already has a leader on row {first}"
ROLE_WITHOUT_GROUP = "a role needs a group"
UNKNOWN_EMPLOYEE = "no member with employee number {value}; import members first"
BAD_DATE = "{value!r} is not a date like 2026-12-07"
BAD_TIME = "{value!r} is not a time like 08:30"
OVERLAP_IN_FILE = "overlaps the shift on row {other} ({hours})"
OVERLAP_STORED = "overlaps a stored shift {day} {hours}"

TEMPLATES = (
    MISSING_COLUMN,
    UNREADABLE,
    UNKNOWN_FORMAT,
    NOT_TEXT,
    EMPTY_FILE,
    REQUIRED,
    BAD_CHOICE,
    DUPLICATE_MEMBER,
    SECOND_LEADER,
    ROLE_WITHOUT_GROUP,
    UNKNOWN_EMPLOYEE,
    BAD_DATE,
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
    fields: dict[str, object] = field(default_factory=dict, compare=False)

    def message(self, translate: Callable[..., str] | None = None) -> str:
        """The message, through ``translate(template, **fields)`` when given."""
        values = {"value": self.value, "column": self.column, **self.fields}
        if translate is not None:
            return translate(self.template, **values)
        return self.template.format(**values)

    def where(self) -> str:
        place = self.file if self.row == 0 else f"{self.file}:{self.row}"
        return f"{place} [{self.column}]" if self.column else place


class ImportFailed(Exception):
    """The file was refused; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
