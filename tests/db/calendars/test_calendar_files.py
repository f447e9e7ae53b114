"""Writing export files: whole or not at all, and never over a device or a pipe."""

import os
import threading
from pathlib import Path

import pytest

from shiftcell.db.calendars.files import write_whole


def failing_chunks() -> object:
    yield b"BEGIN:VCALENDAR\r\n"
    raise RuntimeError("the database went away")


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    """A calendar cut off halfway would import as a calendar with events missing."""
    target = tmp_path / "a.ics"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        write_whole(target, failing_chunks())  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.ics"]


def test_a_written_file_can_be_read_by_others(tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    write_whole(target, [b"x"])
    assert target.stat().st_mode & 0o044 == 0o044


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    """A calendar folder often links the file a client watches."""
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    write_whole(link, [b"new"])
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    """-o /dev/stdout or a named pipe must get the data, not be swapped for a plain file."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_whole(pipe, [b"BEGIN:", b"VCALENDAR"])
    reader.join(timeout=10)
    assert received == [b"BEGIN:VCALENDAR"]
    assert not pipe.is_file()
