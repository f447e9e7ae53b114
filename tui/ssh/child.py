"""A session's process, just forked from the warm parent: made into a process of its own.

Everything a fresh ``python`` on the session's terminal would have is set up
anew here, and nothing of the warm parent is kept but its imported modules:
its own session and process group with the pty as controlling terminal and
as stdin, stdout and stderr; no other open file; default signal handling;
the environment built by the server and nothing else; standard streams made
for the terminal. Then the command runs as ``python`` would run it, in this
process: ``python [-P] -m MODULE …`` or ``python [-P] SCRIPT …``; any other
command is executed as a program.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import gc
import io
import os
import runpy
import signal
import sys
import termios
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import NoReturn

# What a session's process calls itself in /proc/PID/comm (``ps -o comm``).
SESSION_NAME = "shiftcell-ssh"
# Status when the command could not be started, as a shell says it.
CANNOT_RUN = 127


def become_session(
    command: Sequence[str], env: Mapping[str, str], cwd: str, terminal: int, report: int
) -> NoReturn:
    """Turn this forked process into the session's own and run ``command``; never returns.

    ``report`` gets this process's pid on a line, then why the command could not
    start if it could not; it is closed once the command has started.
    """
    os.write(report, f"{os.getpid()}\n".encode())
    try:
        _take_terminal(terminal)
        _close_all_but(report)
        _default_signals()
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        _fresh_standard_streams()
        name_process(SESSION_NAME)
        gc.enable()
        run = _runner(list(command))
    except BaseException as error:
        _fail(report, error)
    if run is None:
        _execute(list(command), env, report)
    os.close(report)
    code = 0
    try:
        run()
    except SystemExit as end:
        code = _exit_code(end.code)
    except BaseException:
        traceback.print_exc()
        code = 1
    _finish(code)


def name_process(name: str) -> None:
    """Set /proc/self/comm, what ``ps -o comm`` and ``top`` show."""
    try:
        with open("/proc/self/comm", "w") as comm:
            comm.write(name[:15])
    except OSError:
        pass


def _take_terminal(terminal: int) -> None:
    # A session of its own, then the pty as its controlling terminal: the kernel
    # then signals window changes to the app and hangs it up with the connection.
    os.setsid()
    fcntl.ioctl(terminal, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(terminal, fd)
    if terminal > 2:
        os.close(terminal)


def _close_all_but(keep: int) -> None:
    """Close every file the warm parent had open (its socket to the server above all)."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd != keep:
            with contextlib.suppress(OSError):  # the listing's own, already gone
                os.close(fd)


def _default_signals() -> None:
    """Signal handling as a fresh interpreter has it, and nothing blocked."""
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    for signum in signal.valid_signals():
        if signum in (signal.SIGKILL, signal.SIGSTOP):
            continue
        try:
            signal.signal(signum, signal.SIG_DFL)
        except (OSError, ValueError):
            continue
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    if signal.SIGXFSZ in signal.valid_signals():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _fresh_standard_streams() -> None:
    """stdin, stdout and stderr on the terminal, as the interpreter makes them for a tty."""
    stdin = _stream(0, "r", "strict")
    stdout = _stream(1, "w", "strict")
    stderr = _stream(2, "w", "backslashreplace")
    # Textual's driver uses the __std*__ ones: those of this process, not of the warm parent.
    sys.stdin = sys.__stdin__ = stdin  # type: ignore[misc]
    sys.stdout = sys.__stdout__ = stdout  # type: ignore[misc]
    sys.stderr = sys.__stderr__ = stderr  # type: ignore[misc]


def _stream(fd: int, mode: str, errors: str) -> io.TextIOWrapper:
    binary = open(fd, mode + "b", closefd=False)  # noqa: SIM115 - as long as the process
    line_buffering = os.isatty(fd) or fd == 2
    return io.TextIOWrapper(binary, encoding="utf-8", errors=errors, line_buffering=line_buffering)


def _runner(command: list[str]) -> Callable[[], object] | None:
    """How ``python`` would run ``command`` here, or None when it is not this python."""
    if not command or command[0] != sys.executable:
        return None
    rest = command[1:]
    safe_path = False
    while rest[:1] == ["-P"]:
        safe_path, rest = True, rest[1:]
    if rest[:1] == ["-m"] and len(rest) >= 2:
        module, args = rest[1], rest[2:]
        sys.argv = ["-m", *args]
        if not safe_path:
            sys.path.insert(0, os.getcwd())
        return lambda: runpy.run_module(module, run_name="__main__", alter_sys=True)
    if rest and not rest[0].startswith("-"):
        script, args = rest[0], rest[1:]
        sys.argv = [script, *args]
        if not safe_path:
            sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
        return lambda: runpy.run_path(script, run_name="__main__")
    return None


def _execute(command: list[str], env: Mapping[str, str], report: int) -> NoReturn:
    """Replace this process with another program (``report`` closes on success)."""
    try:
        if not command:
            raise FileNotFoundError("empty command")
        os.execvpe(command[0], command, dict(env))
    except BaseException as error:
        _fail(report, error)


def _fail(report: int, error: BaseException) -> NoReturn:
    text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    try:
        os.write(report, (text or type(error).__name__).encode("utf-8", "replace"))
    finally:
        os._exit(CANNOT_RUN)


def _exit_code(code: object) -> int:
    """What ``sys.exit(code)`` makes the interpreter exit with."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _finish(code: int) -> NoReturn:
    """End as the interpreter ends: wait for threads, run exit handlers, flush, exit."""
    try:
        threading._shutdown()  # type: ignore[attr-defined]  # what Py_Finalize calls
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:
        pass
    os._exit(code)
