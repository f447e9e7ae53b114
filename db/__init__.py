"""shiftcell's SQLite store: schema, migrations, store API, importers, demo data."""

import sys


def _import_sqlite_utils_alone() -> None:
    """Import sqlite-utils without the numpy and pandas it would load for nothing.

    It imports numpy (and looks for pandas) only to name their scalar types as
    column types, and shiftcell never stores one; the app's first screen
    would wait about 80 ms and 15 MiB for them. While it is imported here,
    both read as not installed; they import normally afterwards.
    """
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it fails
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


_import_sqlite_utils_alone()
