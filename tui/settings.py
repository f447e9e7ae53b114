"""How shiftcell was started: the database, the language, and whose view it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Settings:
    db_path: Path | None
    language: str
    # A group's view (``--group``, a group's key over SSH): one group only; a viewer's is
    # read-only too, a group leader's may run the group's own meetings.
    read_only: bool = False
    scope_group: str | None = None

    @property
    def writes_files(self) -> bool:
        """Exported files are written where the app runs: over SSH that is the server,
        no place to leave files for a group's session. The organisation's view only."""
        return not self.read_only and self.scope_group is None

    @property
    def database(self) -> Path:
        from shiftcell.db.paths import default_db_path

        return self.db_path or default_db_path()
