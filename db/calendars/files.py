"""File names for exported calendars, and writing them whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from shiftcell.db.calendars.content import CalendarContent, ScopeKind

UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_stem(content: CalendarContent) -> str:
    """``HQ0001-郭涛``, ``第一食堂党小组``, ``meeting-3`` or ``shiftcell-all``."""
    scope, fields = content.scope, content.title_fields
    match scope.kind:
        case ScopeKind.MEMBER:
            stem = f"{fields['employee_no']}-{fields['name']}"
        case ScopeKind.GROUP:
            stem = fields["group"]
        case ScopeKind.MEETING:
            stem = f"meeting-{scope.target}"
        case _:
            stem = "shiftcell-all"
    return UNSAFE.sub("_", stem).strip("._") or "calendar"


def write_whole(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` through a temporary file beside it: never half a file.

    A link is followed (the link stays), and what is not a regular file
    (/dev/stdout, a pipe) is written straight to: replacing it would put a
    plain file where a device or a pipe was.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        with open(path, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        return
    if path.is_symlink():
        path = path.resolve()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.writelines(chunks)
        os.chmod(temporary, 0o644)  # an exported calendar is meant to be handed on
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
