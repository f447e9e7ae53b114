"""The server's side of warm sessions: the warm parent kept running, and the sessions it forks.

``Zygote`` starts ``shiftcell.tui.ssh.zygote`` (see there), asks it for a
session's process, and starts a new one when it has died: at once, or, if it
died within seconds of its start, those seconds later (so that something
that kills it at once cannot make the server restart it in a loop); a login
meanwhile starts one itself. All talk with it happens on one thread of its
own, one request at a time, so that the event loop never waits.

``SessionProcess`` is a session's process as the server sees it: the server
is its parent (it made itself the subreaper of its descendants), watches it
through a pidfd and collects its exit status.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from shiftcell.tui.i18n import t
from shiftcell.tui.ssh.environment import warm_environment

MAX_MESSAGE = 1 << 16
# Importing the app takes about a second; a loaded machine may take many more.
READY_TIMEOUT = 120.0
# A session's process is forked in milliseconds; anything longer means a stuck parent.
SPAWN_TIMEOUT = 30.0
# Warm parents are started at most this often, unless a login needs one.
RESTART_EVERY = 5.0
PR_SET_CHILD_SUBREAPER = 36


class SpawnError(OSError):
    """A session's process could not be started; the text says why."""


def become_subreaper() -> None:
    """Make processes orphaned below this one (the sessions) this process's children.

    The warm parent forks each session through a middle process that exits at
    once; the kernel then gives the session to the nearest subreaper above it.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))


class Zygote:
    """The warm parent of the sessions, started on demand and again when it dies."""

    def __init__(self, home: Path, *, open_files: int, python: str = sys.executable) -> None:
        self.home = home
        # The limit of open files sessions get: the one the server was started with.
        self.open_files = open_files
        self.python = python
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shiftcell-warm")
        self._process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        """Begin warming up now, without waiting, so that the first login finds it ready."""
        self._loop = asyncio.get_running_loop()
        self._executor.submit(self._ensure_running)

    async def spawn(
        self, command: Sequence[str], env: Mapping[str, str], cwd: Path, terminal: int
    ) -> SessionProcess:
        """A new session's process running ``command`` on ``terminal`` (a pty's terminal side)."""
        loop = asyncio.get_running_loop()
        self._loop = loop
        request = json.dumps({"command": list(command), "env": dict(env), "cwd": str(cwd)})
        pid = await loop.run_in_executor(self._executor, self._spawn, request.encode(), terminal)
        return SessionProcess(pid)

    async def close(self) -> None:
        """Stop the warm parent (running sessions are not its children, and go on)."""
        self._closing = True
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self._stop)
        self._executor.shutdown(wait=True)

    # -- on the zygote's own thread ------------------------------------------

    def _spawn(self, request: bytes, terminal: int) -> int:
        for attempt in (1, 2):
            control = self._ensure_running()
            try:
                socket.send_fds(control, [request], [terminal])
            except OSError:
                # It died while idle: nothing was asked of it yet, so ask a new one.
                self._stop()
                if attempt == 2:
                    raise
                continue
            try:
                reply = control.recv(MAX_MESSAGE)
            except OSError as error:
                self._stop()
                message = t("the app did not start in time ({error})", error=error)
                raise SpawnError(message) from None
            if not reply:
                self._stop()
                raise SpawnError(t("the app stopped while starting"))
            answer = json.loads(reply)
            pid = answer.get("pid")
            if answer.get("error"):
                if isinstance(pid, int):
                    _reap(pid)
                raise SpawnError(str(answer["error"]))
            assert isinstance(pid, int)
            return pid
        raise AssertionError("unreachable")

    def _ensure_running(self) -> socket.socket:
        if self._control is not None and self._process is not None:
            if self._process.poll() is None:
                return self._control
            self._stop()
        if self._closing:
            raise SpawnError(t("the server is stopping"))
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        module = "shiftcell.tui.ssh.zygote"
        arguments = [str(theirs.fileno()), str(self.open_files)]
        try:
            process = subprocess.Popen(
                [self.python, "-P", "-m", module, *arguments],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=warm_environment(self.home),
                cwd=self.home,
                # Not in the server's process group: a Ctrl-C at the server's
                # terminal is for the server, which then ends this process itself.
                start_new_session=True,
            )
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.settimeout(READY_TIMEOUT)
        try:
            ready = ours.recv(MAX_MESSAGE)
        except OSError:
            ready = b""
        if not ready:
            ours.close()
            _end(process)
            raise SpawnError(t("the app could not be loaded; the server's output says why"))
        ours.settimeout(SPAWN_TIMEOUT)
        self._process, self._control = process, ours
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._watch, process)
        return ours

    def _stop(self) -> None:
        if self._control is not None:
            self._control.close()  # it ends on its own when it sees this
            self._control = None
        if self._process is not None:
            _end(self._process)
            self._process = None

    def _restart(self, process: subprocess.Popen[bytes]) -> None:
        """Replace a warm parent that died, unless a login has already replaced it."""
        if self._closing:
            return
        if process is self._process:
            self._stop()
        if self._process is None:
            with contextlib.suppress(OSError):
                self._ensure_running()

    # -- on the event loop ---------------------------------------------------

    def _watch(self, process: subprocess.Popen[bytes]) -> None:
        """Hear at once when this warm parent dies, to have a new one ready."""
        loop = asyncio.get_running_loop()
        started = loop.time()

        def restart() -> None:
            if not self._closing:
                self._executor.submit(self._restart, process)

        def ended() -> None:
            loop.remove_reader(pidfd)
            os.close(pidfd)
            loop.call_at(max(loop.time(), started + RESTART_EVERY), restart)

        try:
            pidfd = os.pidfd_open(process.pid)
        except OSError:
            restart()
            return
        loop.add_reader(pidfd, ended)


class SessionProcess:
    """A session's process: a child of the server, in a process group of its own."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._done = asyncio.Event()
        self._pidfd = os.pidfd_open(pid)
        asyncio.get_running_loop().add_reader(self._pidfd, self._exited)

    def _exited(self) -> None:
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            pid, status = self.pid, 255 << 8  # reaped elsewhere: status unknown
        if pid == 0:
            return
        asyncio.get_running_loop().remove_reader(self._pidfd)
        os.close(self._pidfd)
        self.returncode = os.waitstatus_to_exitcode(status)
        self._done.set()

    async def wait(self) -> int:
        await self._done.wait()
        assert self.returncode is not None
        return self.returncode

    def signal_group(self, signum: signal.Signals) -> None:
        """Signal the process and everything it started (its group), while it is unreaped."""
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signum)


def _end(process: subprocess.Popen[bytes]) -> None:
    """Wait briefly for a warm parent told to go, then kill it."""
    try:
        process.wait(2.0)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _reap(pid: int) -> None:
    """Collect a session's process that failed to start (it exits at once)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
