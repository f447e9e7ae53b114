"""What a session's process is started with: its command line and a from-scratch environment.

Nothing the client sends reaches the process except a checked TERM and a
truecolor hint. COLUMNS and LINES are never set: they would pin the app to
the size at login and resizes would no longer reach it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path

SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"
DEFAULT_TERM = "xterm-256color"
# A terminfo-style name: letters, digits and . _ + - only, so that nothing odd
# (paths, escapes, shell syntax) can ride in on it.
TERM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
TRUECOLOR = ("truecolor", "24bit")


def terminal_type(requested: str | None) -> str:
    """The client's TERM if it looks like a terminal name, else a safe common one."""
    if requested and TERM_NAME.fullmatch(requested) and requested != "dumb":
        return requested
    return DEFAULT_TERM


def session_environment(
    *, term: str | None, client_env: Mapping[str, str], home: Path
) -> dict[str, str]:
    """The whole environment of a session's process."""
    env = {
        "PATH": SAFE_PATH,
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": terminal_type(term),
    }
    if client_env.get("COLORTERM", "").lower() in TRUECOLOR:
        env["COLORTERM"] = "truecolor"
    return env


def warm_environment(home: Path) -> dict[str, str]:
    """The environment the warm parent of the sessions imports the app in.

    The same base as a session's, without a terminal: what Textual and numpy
    read from the environment when imported is then what a fresh session
    would read. One thread for numpy's linear algebra: a process that forks
    must not have started any.
    """
    env = session_environment(term=None, client_env={}, home=home)
    del env["TERM"]
    env["OPENBLAS_NUM_THREADS"] = "1"
    env["OMP_NUM_THREADS"] = "1"
    return env


def session_command(
    database: Path, *, language: str, group: str | None, python: str = sys.executable
) -> list[str]:
    """The app for one session: read-only and scoped to ``group``, or full for a secretary.

    ``-P`` keeps the working directory off the import path.
    """
    command = [python, "-P", "-m", "shiftcell", "--db", str(database), "--lang", language]
    if group is not None:
        command += ["--read-only", "--group", group]
    return [*command, "open"]
