"""How shiftcell was started: the database, the language, and whose view it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Settings:
    db_path: Path | None
    language: str
    # Viewers (group leaders over SSH): no writes, and one group only.
    read_only: bool = False
    scope_group: str | None = None

    @property
    def database(self) -> Path:
        from shiftcell.db.paths import default_db_path

        return self.db_path or default_db_path()
