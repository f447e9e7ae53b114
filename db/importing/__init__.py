"""Members and shifts from a secretary's spreadsheet (CSV or XLSX).

Every file is validated whole before anything is written; one bad row and
nothing changes. Problems name the file, the row as a spreadsheet shows it
(the header is row 1), the column and the value.
"""

from shiftcell.db.importing.members import import_members
from shiftcell.db.importing.problems import Changes, ImportFailed, Problem
from shiftcell.db.importing.shifts import import_shifts

__all__ = ["Changes", "ImportFailed", "Problem", "import_members", "import_shifts"]
