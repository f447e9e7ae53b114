#!/usr/bin/env python3
"""Set up shiftcell from a fresh clone and run it: needs only Python 3.11+.

    python3 dev.py demo [ARGS…]   a virtualenv, the demo organisation, then shiftcell
    python3 dev.py test [ARGS…]   a virtualenv with test tools, then lint and the test suite

The virtualenv lives in ``.venv`` and is reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
DEMO_DB = ROOT / "demo.db"


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs on whatever python3 is
        sys.exit(f"shiftcell needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    command, args = (argv[0], argv[1:]) if argv else ("demo", [])
    if command == "demo":
        return demo(args)
    if command == "test":
        return test(args)
    sys.exit(f"unknown command {command!r}: use `demo` or `test`")


def ensure_environment() -> None:
    """Create .venv and install shiftcell with its test tools, when needed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / ".installed"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("Creating .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing shiftcell and its dependencies …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[test]"], check=True)
    stamp.write_text(wanted)


def demo(args: list[str]) -> int:
    ensure_environment()
    shiftcell = [str(BIN / "shiftcell"), "--db", str(DEMO_DB)]
    if not DEMO_DB.exists():
        subprocess.run([*shiftcell, "demo"], check=True)
    return subprocess.run([*shiftcell, *args]).returncode


def test(args: list[str]) -> int:
    ensure_environment()
    python = str(BIN / "python")
    for step in (
        [python, "-m", "ruff", "check", "."],
        [python, "-m", "ruff", "format", "--check", "."],
        [python, "-m", "pytest", *args],
    ):
        print("$", " ".join(step[2:]), flush=True)
        code = subprocess.run(step, cwd=ROOT).returncode
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
