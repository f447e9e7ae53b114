"""Where shiftcell keeps its database unless told otherwise."""

from __future__ import annotations

from pathlib import Path


def default_db_path() -> Path:
    """``shiftcell.db`` in the user data folder (``~/.local/share/shiftcell`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("shiftcell", appauthor=False) / "shiftcell.db"
