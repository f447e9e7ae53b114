#!/usr/bin/env python3
"""Set up shiftcell from a fresh clone and run it: needs only Python 3.11+.

    python3 dev.py demo [ARGS…]   a virtualenv, the demo organisation, then shiftcell
    python3 dev.py test [ARGS…]   a virtualenv with test tools, then lint, types and the tests

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
# The folders are installed under other names (pyproject's package-dir), which
# mypy cannot follow through setuptools' editable finder: it reads them through
# a tree of links named as installed.
TYPECHECK = VENV / "typecheck"
INSTALLED_AS = {
    "scheduling": "scheduling",
    "db": "db",
    "tui": "tui",
    "__main__.py": "shiftcell/__main__.py",
}


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
        [python, "-m", "mypy"],
        [python, "-m", "pytest", *args],
    ):
        print("$", " ".join(step[2:]), flush=True)
        code = typecheck(step) if step[2] == "mypy" else subprocess.run(step, cwd=ROOT).returncode
        if code:
            return code
    return 0


def typecheck(command: list[str]) -> int:
    """mypy over the installed names; its report names the files as they are in the repository."""
    view = link_installed_names()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    report = done.stdout + done.stderr
    for name, source in INSTALLED_AS.items():
        report = report.replace(f"{view.relative_to(ROOT) / name}", source)
    print(report, end="", flush=True)
    return done.returncode


def link_installed_names() -> Path:
    """``.venv/typecheck/shiftcell/``: a link per installed name to the folder it comes from."""
    view = TYPECHECK / "shiftcell"
    view.mkdir(parents=True, exist_ok=True)
    for name, source in INSTALLED_AS.items():
        link, target = view / name, ROOT / source
        if link.is_symlink() and link.resolve() == target:
            continue
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target, target_is_directory=target.is_dir())
    return view


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
