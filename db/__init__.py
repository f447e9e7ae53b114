"""shiftcell's SQLite store: schema, migrations, store API, importers, demo data."""

from __future__ import annotations

import sqlite3
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over ``conn``, imported the first time one is needed.

    Reading needs only the connection; sqlite-utils would cost the app's first
    screen about 25 ms and 3 MiB before it could draw anything. No plugins:
    shiftcell uses none, and looking for them reads the metadata of every
    installed package, on every command.
    """
    load_sqlite_utils()
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def load_sqlite_utils() -> None:
    """Import sqlite-utils without the numpy and pandas it would load for nothing.

    It imports numpy (and looks for pandas) only to name their scalar types as
    column types, and shiftcell never stores one; a command would wait about
    80 ms and 15 MiB for them. While it is imported here, both read as not
    installed; they import normally afterwards.
    """
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it fails
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
