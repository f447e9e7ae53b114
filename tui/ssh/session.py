"""One SSH session: the app in its own process on its own pseudo-terminal.

Textual's driver owns the whole process (signals, stdin, the terminal), so
each viewer gets a process of their own, forked from the warm parent
(``warm.Zygote``). The server keeps the master side of the terminal: bytes
from the client go in, the app's screen comes out, window changes set the
terminal's size and the kernel tells the app.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from shiftcell.tui.i18n import t
from shiftcell.tui.ssh.environment import session_environment
from shiftcell.tui.ssh.warm import SessionProcess, Zygote

READ_SIZE = 65536
# Keys typed ahead of the app beyond this, and the client is asked to wait.
MAX_PENDING_INPUT = 65536
MAX_COLUMNS = 1000
MAX_ROWS = 500
# How long the app gets to leave after a hang-up before it is killed.
HANGUP_GRACE = 3.0
# How long to wait for the last screen bytes once the app has exited.
DRAIN_TIMEOUT = 2.0


@dataclass(frozen=True)
class SessionSpec:
    """What a session runs, decided by the server from the key that logged in."""

    command: list[str]
    home: Path


class Refusals:
    """What a session reports back to its connection when it refuses a request."""

    def __init__(
        self,
        *,
        no_pty: Callable[[], None],
        exec_request: Callable[[str], None],
        subsystem: Callable[[str], None],
    ) -> None:
        self.no_pty = no_pty
        self.exec_request = exec_request
        self.subsystem = subsystem


def set_window_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class TerminalSession(asyncssh.SSHServerSession[bytes]):
    """Runs ``spec.command`` on a fresh pty for a shell request; refuses everything else."""

    def __init__(
        self,
        spec: SessionSpec,
        refusals: Refusals,
        on_end: Callable[[], None],
        zygote: Zygote,
    ) -> None:
        self.spec = spec
        self.refusals = refusals
        self.on_end = on_end
        self.zygote = zygote
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._pty = False
        self._size = (80, 24)
        self._master: int | None = None
        self._process: SessionProcess | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopper: asyncio.Task[None] | None = None
        self._pending = b""
        self._output_done = asyncio.Event()
        self._closed = False
        self._ended = False

    # -- requests ----------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]
    ) -> bool:
        self._pty = True
        self._size = window_size(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        if not self._pty:
            self.refusals.no_pty()
            return False
        return True

    def exec_requested(self, command: str) -> bool:
        self.refusals.exec_request(command)
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        self.refusals.subsystem(subsystem)
        return False

    def session_started(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    # -- data both ways ----------------------------------------------------

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if self._ended:
            return
        # Keys typed while the app starts are kept and given to it once it runs.
        self._pending += data
        if len(self._pending) > MAX_PENDING_INPUT and self._chan is not None:
            self._chan.pause_reading()  # resumed once the app has taken it in
        if self._master is not None:
            self._write_pending()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._size = window_size(width, height)
        if self._master is not None:
            # The kernel sends SIGWINCH to the app's process group.
            set_window_size(self._master, *self._size)

    def pause_writing(self) -> None:
        # The client reads slower than the app draws: stop reading the app's
        # output, so the app blocks instead of the server buffering without end.
        if self._master is not None:
            asyncio.get_running_loop().remove_reader(self._master)

    def resume_writing(self) -> None:
        if self._master is not None and not self._output_done.is_set():
            asyncio.get_running_loop().add_reader(self._master, self._read_output)

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed = True
        if self._task is None:
            self._end()
        else:
            self._hang_up()

    def _hang_up(self) -> None:
        process = self._process
        if process is not None and process.returncode is None and self._stopper is None:
            self._stopper = asyncio.get_running_loop().create_task(self._stop())

    # -- the app's process ---------------------------------------------------

    async def _run(self) -> None:
        status: int | None = None
        try:
            status = await self._start_and_wait()
        except OSError as error:
            # The app could not be started (a broken install): tell the client, do not hang.
            if not self._closed and self._chan is not None:
                message = t("shiftcell could not start here ({error})", error=error)
                self._chan.write((message + "\r\n").encode())
            status = 1
        finally:
            self._close_master()
            self._end()
        if not self._closed and self._chan is not None and status is not None:
            if status >= 0:
                self._chan.exit(status)
            else:
                self._chan.exit_with_signal(signal.Signals(-status).name.removeprefix("SIG"))

    async def _start_and_wait(self) -> int:
        assert self._chan is not None
        master, terminal = os.openpty()
        self._master = master
        os.set_blocking(master, False)
        set_window_size(terminal, *self._size)
        env = session_environment(
            term=self._chan.get_terminal_type(),
            client_env=self._chan.get_environment(),
            home=self.spec.home,
        )
        try:
            self._process = await self.zygote.spawn(
                self.spec.command, env, self.spec.home, terminal
            )
        finally:
            os.close(terminal)
        loop = asyncio.get_running_loop()
        loop.add_reader(master, self._read_output)
        if self._pending:
            self._write_pending()
        if self._closed:
            self._hang_up()  # the client left while the app was starting
        status = await self._process.wait()
        if self._closed:
            return status
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._output_done.wait(), DRAIN_TIMEOUT)
        return status

    async def _stop(self) -> None:
        """Hang up on the app, and kill it if it lingers."""
        process = self._process
        if process is None or process.returncode is not None:
            return
        process.signal_group(signal.SIGHUP)
        try:
            await asyncio.wait_for(process.wait(), HANGUP_GRACE)
        except TimeoutError:
            process.signal_group(signal.SIGKILL)
            await process.wait()

    async def stop(self) -> None:
        """End the session from the server's side (shutdown), and wait until it has."""
        self._hang_up()
        if self._task is not None:
            await self._task

    def _read_output(self) -> None:
        assert self._master is not None
        try:
            data = os.read(self._master, READ_SIZE)
        except BlockingIOError:
            return
        except OSError as error:
            # EIO: every holder of the terminal's other side has closed it.
            if error.errno != errno.EIO:
                raise
            data = b""
        if not data:
            asyncio.get_running_loop().remove_reader(self._master)
            self._output_done.set()
            return
        if not self._closed and self._chan is not None:
            self._chan.write(data)

    def _write_pending(self) -> None:
        assert self._master is not None
        loop = asyncio.get_running_loop()
        try:
            written = os.write(self._master, self._pending)
        except BlockingIOError:
            written = 0
        except OSError:
            self._pending = b""
            return
        self._pending = self._pending[written:]
        if self._pending:
            loop.add_writer(self._master, self._write_pending)
        else:
            loop.remove_writer(self._master)
            if self._chan is not None and not self._closed:
                self._chan.resume_reading()

    def _close_master(self) -> None:
        if self._master is None:
            return
        loop = asyncio.get_running_loop()
        loop.remove_reader(self._master)
        loop.remove_writer(self._master)
        os.close(self._master)
        self._master = None

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self.on_end()


def window_size(columns: int, rows: int) -> tuple[int, int]:
    """The size to give the app's terminal for what the client reported.

    Some clients report 0x0 (unknown): the classic 80x24 then. A size no screen
    has is capped, so that a client cannot make the app draw (and hold) an
    enormous screen.
    """
    return (min(columns or 80, MAX_COLUMNS), min(rows or 24, MAX_ROWS))
