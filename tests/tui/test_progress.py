"""The progress bar of long commands: on a terminal only, never in a pipe or JSON."""

import fcntl
import io
import os
import select
import struct
import termios
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from shiftcell.tui.cli import main
from shiftcell.tui.commands import calendar, progress
from shiftcell.tui.commands.progress import Progress, render
from shiftcell.tui.words.textwidth import cells


class Terminal(io.StringIO):
    """What a command writes to a terminal, kept: it says it is one."""

    def isatty(self) -> bool:
        return True


def work(bar: Progress, steps: int = 5) -> None:
    for done in range(1, steps + 1):
        bar.update(done, steps)
        time.sleep(0.02)


def test_nothing_is_drawn_into_a_pipe_or_a_file() -> None:
    """A log or a file that receives the output must not fill with bar frames."""
    stream = io.StringIO()
    with Progress("Writing", stream=stream, delay=0, interval=0.005) as bar:
        work(bar)
    assert stream.getvalue() == ""


def test_a_quick_command_draws_nothing() -> None:
    """A bar that flashes for a tenth of a second is noise."""
    stream = Terminal()
    with Progress("Writing", stream=stream, interval=0.005) as bar:
        work(bar, 2)
    assert stream.getvalue() == ""


def test_a_dumb_terminal_gets_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    """Emacs shells and the like cannot redraw a line: they would show every frame."""
    monkeypatch.setenv("TERM", "dumb")
    stream = Terminal()
    with Progress("Writing", stream=stream, delay=0, interval=0.005) as bar:
        work(bar)
    assert stream.getvalue() == ""


def test_a_long_command_shows_its_label_share_and_clock_then_wipes_the_line() -> None:
    """While the work goes on the user sees what and how far; afterwards only the result."""
    stream = Terminal()
    with Progress("Writing 5 events", stream=stream, delay=0, interval=0.005) as bar:
        work(bar)
    frames = stream.getvalue().split("\r")
    assert any("Writing 5 events" in f and "%" in f and "0:00" in f for f in frames)
    assert any(" 100%" in f or "  80%" in f for f in frames)
    assert frames[-1] == "\x1b[K"  # wiped, the cursor at the line's start


def test_a_step_that_reports_nothing_still_shows_the_clock_running() -> None:
    """Reading everyone's shifts tells nothing until it ends; the bar must not look stuck."""
    stream = Terminal()
    with Progress("Reading shifts", stream=stream, delay=0, interval=0.005):
        time.sleep(0.1)
    frames = [f for f in stream.getvalue().split("\r") if "Reading shifts" in f]
    assert len({f for f in frames}) > 1  # the block moves
    assert not any("%" in f for f in frames)


def test_the_line_is_wiped_and_the_thread_ends_when_the_work_fails() -> None:
    """An error message must not be glued to a half-drawn bar, nor a thread outlive it."""
    stream = Terminal()
    before = threading.active_count()
    with pytest.raises(RuntimeError), Progress("Writing", stream=stream, delay=0, interval=0.005):
        time.sleep(0.03)
        raise RuntimeError("the disk is full")
    assert stream.getvalue().endswith("\r\x1b[K")
    assert threading.active_count() == before


@given(
    label=st.text(max_size=80),
    done=st.integers(0, 10**6),
    total=st.integers(0, 10**6),
    elapsed=st.floats(0, 10**5),
    columns=st.integers(1, 250),
)
def test_the_line_never_wraps_whatever_the_label_and_the_width(
    label: str, done: int, total: int, elapsed: float, columns: int
) -> None:
    """A line wider than the terminal wraps, and every redraw then adds a line."""
    assert cells(render(label, done, total, elapsed, columns)) <= columns


def test_a_chinese_label_is_measured_by_the_columns_it_takes() -> None:
    line = render("正在将 300258 个日程写入 shiftcell-all.ics …", 150, 300, 3.0, 60)
    assert cells(line) <= 60
    assert line.startswith("正在将")
    assert " 50%" in line


def test_on_a_real_terminal_the_bar_fits_its_width() -> None:
    """The width comes from the terminal the bar is drawn on, as the kernel tells it."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 50, 0, 0))
    received = b""
    with (
        open(follower, "w", encoding="utf-8", closefd=True) as terminal,
        Progress("正在将 300258 个日程写入 shiftcell-all.ics", stream=terminal, delay=0) as bar,
    ):
        bar.update(1, 4)
        time.sleep(0.3)
        while select.select([leader], [], [], 0.1)[0]:
            received += os.read(leader, 65536)
    os.close(leader)
    frames = [f.removesuffix("\x1b[K") for f in received.decode().split("\r") if "正在将" in f]
    assert frames
    assert all(cells(f) <= 49 for f in frames)
    assert " 25%" in frames[-1]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert CliRunner().invoke(main, ["--db", str(path), "demo", "--members", "40"]).exit_code == 0
    return path


@pytest.fixture
def terminal_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if standard output and standard error were a terminal, and a second were long."""
    monkeypatch.setattr(progress, "is_terminal", lambda stream: True)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.001)


def test_exporting_everyone_shows_a_bar_on_the_terminal(
    db: Path, tmp_path: Path, terminal_everywhere: None
) -> None:
    out = tmp_path / "all.ics"
    result = CliRunner().invoke(main, ["--db", str(db), "export", "ics", "--all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Reading shifts and meetings" in result.stderr
    assert "Writing " in result.stderr and "100%" in result.stderr
    assert "Wrote " in result.stdout and "[" not in result.stdout


def test_a_calendar_written_to_the_terminal_gets_no_bar_in_it(
    db: Path, terminal_everywhere: None
) -> None:
    """With -o - on a terminal the calendar itself is on screen: a bar would tear it."""
    result = CliRunner().invoke(main, ["--db", str(db), "export", "ics", "--all", "-o", "-"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("BEGIN:VCALENDAR")


def test_json_output_never_comes_with_a_bar(db: Path, terminal_everywhere: None) -> None:
    """A script reading --json may read standard error too; it gets nothing there."""
    result = CliRunner().invoke(main, ["--db", str(db), "propose", "--all", "--json"])
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""


def test_proposing_for_everyone_shows_its_steps(db: Path, terminal_everywhere: None) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "--lang", "zh", "propose", "--all"])
    assert result.exit_code in (0, 1), result.output
    assert "正在查找会议时间" in result.stderr


def test_the_demo_shows_a_bar_while_it_is_made(tmp_path: Path, terminal_everywhere: None) -> None:
    path = tmp_path / "big.db"
    result = CliRunner().invoke(main, ["--db", str(path), "demo", "--members", "3000"])
    assert result.exit_code == 0, result.output
    assert "Creating 3000 demo staff" in result.stderr
    assert "%" in result.stderr


def test_without_a_terminal_a_big_export_says_what_it_writes_once(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a cron job's log one line tells what happened, not a thousand frames."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(calendar, "LONG_EXPORT", 100)
    out = tmp_path / "all.ics"
    result = CliRunner().invoke(main, ["--db", str(db), "export", "ics", "--all", "-o", str(out)])
    assert result.exit_code == 0
    [line] = result.stderr.splitlines()
    assert line.startswith("Writing ") and line.endswith(f" events to {out} …")
    assert "\r" not in result.stderr
