"""Members and shifts from a secretary's spreadsheet (CSV or XLSX).

Every file is validated whole before anything is written; one bad row and
nothing changes. Problems name the file, the row as a spreadsheet shows it
(the header is row 1), the column and the value.
"""

from db.importing.members import import_members
from db.importing.problems import ImportFailed, Problem
from db.importing.shifts import import_shifts

__all__ = ["ImportFailed", "Problem", "import_members", "import_shifts"]
