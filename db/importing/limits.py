"""How much of a file an import reads before it refuses, and the dates it accepts.

Far above any real roster (a 10,000-member organisation's week of shifts is
70,000 rows and a few MB), and low enough that a hostile or broken file (an
``.xlsx`` that unpacks to gigabytes, millions of empty rows) is refused in
seconds and within a few hundred MB of memory.
"""

from __future__ import annotations

MAX_FILE_BYTES = 50_000_000  # the file itself, and an .xlsx's XML once unpacked
MAX_ROWS = 200_000  # data rows under the header, empty ones included
MAX_COLUMNS = 256  # in the header row
MAX_FIELD_CHARS = 131_072  # one value (the csv module's own limit; Excel's is 32,767)
MAX_LINE_CHARS = 1_000_000  # one line of a CSV file
MAX_SHARED_STRINGS = 500_000  # distinct texts an .xlsx may hold
FIRST_YEAR, LAST_YEAR = 2000, 2100  # dates of shifts
