"""A progress bar for commands that can take more than a moment.

Drawn on standard error, and only when standard error is a terminal: never
into a pipe, a file or a log, never into JSON output (the caller says
``enabled=False``). It appears only once the work has lasted ``DELAY``, so
that quick runs stay quiet, and a small thread redraws it, so that the clock
keeps counting through a step that tells nothing until it ends (reading
everyone's shifts). When the work is done the line is wiped, leaving the
terminal to what the command says.

Not click's progress bar: that one draws only when the work reports, from
its start, and measures its label in characters, so a Chinese label (two
columns a character) makes the line wrap and every redraw a new line.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import IO

from shiftcell.tui.words.textwidth import cells, fit

DELAY = 1.0  # seconds of work before the bar appears
INTERVAL = 0.2  # seconds between redraws
BAR = 30  # columns of the bar itself, at most
FALLBACK_COLUMNS = 80
ERASE = "\x1b[K"  # the rest of the line: what a longer frame before left there


class Progress:
    """``with Progress(label) as bar:`` then ``bar.update(done, total)`` or ``bar.step(label)``.

    Thread-safe enough for its use: the command's thread only sets numbers
    and the label, the drawing thread only reads them.
    """

    def __init__(
        self,
        label: str,
        *,
        enabled: bool = True,
        stream: IO[str] | None = None,
        delay: float | None = None,
        interval: float | None = None,
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._shown = enabled and is_terminal(self._stream)
        self._label = label
        self._done, self._total = 0, 0
        self._delay = DELAY if delay is None else delay
        self._interval = INTERVAL if interval is None else interval
        self._began = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._frames = 0  # drawn so far

    @property
    def shown(self) -> bool:
        """Whether a bar can appear at all (a terminal, and wanted)."""
        return self._shown

    def update(self, done: int, total: int) -> None:
        """``done`` of ``total`` units of work (events, members, rows) are done."""
        self._done, self._total = done, total

    def step(self, label: str) -> None:
        """A new part of the work, of unknown length until ``update`` tells it."""
        self._label, self._done, self._total = label, 0, 0

    def __enter__(self) -> Progress:
        self._began = time.monotonic()
        if self._shown:
            self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._frames:
            if self._total and kind is None:
                self._draw()  # the finished state, whichever frame the clock last drew
            self._write("\r" + ERASE)

    def _run(self) -> None:
        wait = max(0.0, self._delay - (time.monotonic() - self._began))
        if self._stop.wait(wait):
            return
        while self._shown:
            self._draw()
            if self._stop.wait(self._interval):
                return

    def _draw(self) -> None:
        line = render(
            self._label,
            self._done,
            self._total,
            time.monotonic() - self._began,
            _columns(self._stream) - 1,  # the last column would wrap on some terminals
            self._frames,
        )
        self._frames += 1
        self._write("\r" + line + ERASE)

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # the terminal went away, or was closed
            self._shown = False


def render(label: str, done: int, total: int, elapsed: float, columns: int, frame: int = 0) -> str:
    """``Writing 300,258 events …  [#########-----------]  45%  0:02`` in ``columns``.

    With ``total`` unknown (0) a block runs to and fro instead of a share,
    a step each ``frame``.
    """
    clock = f"{int(elapsed) // 60}:{int(elapsed) % 60:02}"
    if total > 0:
        share = min(done, total) / total
        tail = f"  {int(share * 100):3}%  {clock}"
    else:
        tail = f"  {clock}"
    bar = max(10, min(BAR, columns - 4 - len(tail) - min(cells(label), 40)))
    if total > 0:
        filled = int(bar * share)
        inside = "#" * filled + "-" * (bar - filled)
    else:
        place = frame % (2 * (bar - 3))
        place = place if place <= bar - 3 else 2 * (bar - 3) - place
        inside = " " * place + "###" + " " * (bar - 3 - place)
    room = columns - 4 - bar - len(tail)
    text = fit(label, room) if room > 1 else ""
    return fit(f"{text}  [{inside}]{tail}", columns)  # a very narrow terminal cuts the tail


def is_terminal(stream: IO[str]) -> bool:
    """A terminal that can take a redrawn line (not ``TERM=dumb``)."""
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def stdout_is_terminal() -> bool:
    """Whether what the command prints lands on a terminal (where a bar would tear it)."""
    return is_terminal(sys.stdout)


def _columns(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or FALLBACK_COLUMNS
    except (AttributeError, OSError, ValueError):
        return FALLBACK_COLUMNS
