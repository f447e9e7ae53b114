"""The warm parent: one process that has imported the app, and forks a process per session.

    python -P -m shiftcell.tui.ssh.zygote FD

Started by the SSH server with one end of a socket pair (``FD``). It imports
what a session's first screen needs (Textual, numpy, the store, the CLI, the
main screen) and what it needs next (the planner, sqlite-utils for writing),
and does nothing more: it opens no database and no terminal, starts
no thread and no event loop, so that a fork of it is as clean as a fresh
interpreter that happens to have those modules loaded. It then waits for
requests, one at a time; for each (command, environment, working directory,
and the session's pty passed along) it forks twice: the grandchild becomes
the session (``child.become_session``), the middle process exits at once, so
that the session is re-parented to the server, which has made itself the
"child subreaper" of its descendants. The server is then the session's
parent: it alone waits for it and collects its exit status, and a session
outlives this process if it dies.

Messages are JSON, one per datagram (a ``SOCK_SEQPACKET`` pair):

- to the server, once the imports are done: ``{"ready": PID}``;
- from the server: ``{"command": [...], "env": {...}, "cwd": "..."}`` with the
  pty's terminal side attached (``SCM_RIGHTS``);
- to the server: ``{"pid": N}``, or ``{"pid": N or null, "error": "..."}`` when
  the session could not start (a pid given is the server's to reap).

The process ends when the server's end of the pair closes (the server has
stopped or died). Memory: the modules imported here are shared, copy-on-write,
by every session; ``gc.freeze()`` keeps the sessions' collector from writing
to (and so copying) those pages.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import resource
import socket
import sys

from shiftcell.tui.ssh.child import become_session, name_process

# /proc/PID/comm of this process: how an operator (and the benchmarks) tell it apart.
ZYGOTE_NAME = "shiftcell-warm"
MAX_MESSAGE = 1 << 20
# The command line (`python -m shiftcell … open`) and the app, whose
# FIRST_SCREEN_MODULES are imported after it; then what a session needs next,
# which a fresh app imports when first used: the Chinese catalogues (a key's
# language may be Chinese), the planner (a leader plans and books) and every
# book of the store.
WARM_MODULES = ("shiftcell.tui.cli", "shiftcell.tui.app")
LATER_MODULES = (
    "shiftcell.tui.locale_zh",
    "shiftcell.tui.locale_zh_click",
    "shiftcell.db.planning",
    "shiftcell.db.attendance",
    "shiftcell.db.cadence",
    "shiftcell.db.calendars.feeds",
    "shiftcell.db.make_ups",
    "shiftcell.db.ssh_keys",
)


def main(argv: list[str]) -> int:
    name_process(ZYGOTE_NAME)
    control = socket.socket(fileno=int(argv[0]))
    if len(argv) > 1:
        # The server raised its own limit of open files for its connections; a
        # session needs no more than the server was started with.
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(int(argv[1]), hard), hard))
    warm_up()
    control.send(json.dumps({"ready": os.getpid()}).encode())
    serve(control)
    return 0


def warm_up() -> None:
    """Import what a session needs, then set every object aside from the collector."""
    gc.disable()
    for name in WARM_MODULES:
        importlib.import_module(name)
    for name in importlib.import_module("shiftcell.tui.app").FIRST_SCREEN_MODULES:
        importlib.import_module(name)
    for name in LATER_MODULES:
        importlib.import_module(name)
    from shiftcell.db import load_sqlite_utils  # a leader's writes

    load_sqlite_utils()
    # Rich loads its table of character widths at the first wide character (any
    # Chinese name): once here, not in every session.
    from rich.cells import cell_len

    cell_len("党")
    # Objects made until now are never collected: a session's collector then
    # never touches (and so never copies) the pages they are on.
    gc.freeze()


def serve(control: socket.socket) -> None:
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, MAX_MESSAGE, 1)
        except ConnectionError:
            return
        if not message:
            for fd in fds:
                os.close(fd)
            return  # the server is gone
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"pid": None, "error": "no terminal given"}).encode())
            continue
        request = json.loads(message)
        reply = spawn(request["command"], request["env"], request["cwd"], fds[0])
        control.send(json.dumps(reply).encode())


def spawn(command: list[str], env: dict[str, str], cwd: str, terminal: int) -> dict[str, object]:
    """Fork the session's process (twice, so that the server becomes its parent)."""
    readable, writable = os.pipe2(os.O_CLOEXEC)
    try:
        middle = os.fork()
    except OSError as error:
        for fd in (readable, writable, terminal):
            os.close(fd)
        return {"pid": None, "error": error.strerror or str(error)}
    if middle == 0:
        _middle(command, env, cwd, terminal, readable, writable)
    os.close(writable)
    os.close(terminal)
    os.waitpid(middle, 0)
    # The session writes its pid, then why it could not start or nothing; the
    # middle process writes only why it could not fork.
    chunks = []
    while chunk := os.read(readable, 65536):
        chunks.append(chunk)
    os.close(readable)
    first, _, why = b"".join(chunks).decode("utf-8", "replace").partition("\n")
    reply: dict[str, object] = {"pid": int(first) if first.isdigit() else None}
    if why or reply["pid"] is None:
        reply["error"] = why or "the session's process could not be made"
    return reply


def _middle(
    command: list[str], env: dict[str, str], cwd: str, terminal: int, readable: int, writable: int
) -> None:
    try:
        os.close(readable)
        if os.fork() == 0:
            become_session(command, env, cwd, terminal, writable)
        code = 0
    except BaseException as error:
        os.write(writable, f"\n{error}".encode())
        code = 1
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
