"""What the app remembers between runs, for this user: a small file in their config folder.

Not in the database: viewers open that read-only, and a way of looking at the week
belongs to the person, not to the branch's data. A missing or unreadable file
means the defaults; a file that cannot be written is not worth an error.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

VIEWS = ("grid", "rota")


def preferences_path() -> Path:
    """``preferences.json`` in the user config folder (``~/.config/shiftcell`` on Linux)."""
    from platformdirs import user_config_path

    return user_config_path("shiftcell", appauthor=False) / "preferences.json"


@dataclass
class Preferences:
    week_view: str = "grid"  # "grid" (time grid) or "rota" (排班表)

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        try:
            found = json.loads((path or preferences_path()).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(found, dict):
            return cls()
        view = found.get("week_view")
        return cls(week_view=view if view in VIEWS else "grid")

    def save(self, path: Path | None = None) -> bool:
        """Written whole or not at all (a temporary file renamed); False when it could not be."""
        path = path or preferences_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
            ) as file:
                json.dump(asdict(self), file, indent=2)
            os.replace(file.name, path)
        except OSError:
            return False
        return True
