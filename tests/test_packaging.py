"""shiftcell installs under a name of its own, with every package folder and its styles.

The folders keep short names in the repository (scheduling/, db/, tui/), but
``db``, ``tui`` and ``scheduling`` are taken on PyPI, and pip does not notice
two distributions writing the same files: installed, they live only inside
``shiftcell``. The package list in pyproject.toml is explicit, so a new folder
left out of it would be missing from a wheel while every test here, run from
the repository, still passed.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from source_modules import INSTALLED_AS, ROOT, ModuleFile, imports_of, module_files, reaches

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _installed_path(path: Path) -> str:
    """``tui/screens/main.tcss`` → ``shiftcell/tui/screens/main.tcss``, as a wheel holds it."""
    folder, *rest = path.relative_to(ROOT).parts
    return "/".join([*INSTALLED_AS[folder].split("."), *rest])


def _styles() -> list[Path]:
    return sorted((ROOT / "tui").rglob("*.tcss"))


def test_every_folder_with_python_files_is_in_the_package_list() -> None:
    """A new folder under scheduling/, db/ or tui/ that nobody added would not be installed."""
    folders = {m.name.rpartition(".")[0] for m in module_files() if not m.is_package}
    folders |= {m.name for m in module_files() if m.is_package}
    assert set(SETUPTOOLS["packages"]) == {"shiftcell", *folders}


def test_each_folder_is_installed_under_shiftcell() -> None:
    assert SETUPTOOLS["package-dir"] == {
        "shiftcell": "shiftcell",
        **{v: k for k, v in INSTALLED_AS.items()},
    }


def test_every_style_sheet_is_package_data() -> None:
    """A screen whose .tcss is not installed fails to open, and only once installed from a wheel."""
    patterns = SETUPTOOLS["package-data"]["shiftcell.tui"]
    assert _styles(), "no .tcss files found: the check below would prove nothing"
    for style in _styles():
        inside = style.relative_to(ROOT / "tui").as_posix()
        assert any(fnmatch.fnmatch(inside, p) for p in patterns), inside


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built from a copy of the sources, so the repository gets no build/ folder."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in (*INSTALLED_AS, "shiftcell"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check"]
    # The test extra brings a recent enough setuptools: no download, under a second.
    subprocess.run(
        [*pip, "--no-deps", "--no-build-isolation", "-w", str(out), str(source)], check=True
    )
    (built,) = out.glob("shiftcell-*.whl")
    return zipfile.ZipFile(built)


def test_a_wheel_holds_only_shiftcell(wheel: zipfile.ZipFile) -> None:
    """Installing shiftcell must never overwrite another distribution's ``db`` or ``tui``."""
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"shiftcell"}


def test_a_wheel_holds_every_module_and_style_sheet(wheel: zipfile.ZipFile) -> None:
    held = set(wheel.namelist())
    expected = {_installed_path(m.path) for m in module_files()} | {"shiftcell/__main__.py"}
    assert expected - held == set()
    assert {_installed_path(style) for style in _styles()} - held == set()


def test_no_code_test_or_benchmark_imports_a_folder_by_its_repository_name() -> None:
    """``import tui`` works only from the repository root, and loads a second copy of the code."""
    found = {}
    for folder in (*INSTALLED_AS, "shiftcell", "tests", "benchmarks", "docs"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            imported = imports_of(ModuleFile(path.stem, path, is_package=False), watched=())
            if wrong := reaches(imported, tuple(INSTALLED_AS)):
                found[path.relative_to(ROOT).as_posix()] = wrong
    assert found == {}


# -- from a directory outside the repository ----------------------------------


def _python(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The project's Python, away from the repository: -I leaves the current directory off the path."""
    return subprocess.run(
        [sys.executable, "-I", *args], capture_output=True, text=True, cwd=tmp_path, check=False
    )


@pytest.mark.parametrize("name", sorted(INSTALLED_AS))
def test_the_folders_are_not_installed_under_their_own_names(tmp_path: Path, name: str) -> None:
    done = _python(tmp_path, "-c", f"import {name}")
    assert done.returncode != 0
    assert f"No module named '{name}'" in done.stderr


def test_the_store_is_imported_by_its_installed_name(tmp_path: Path) -> None:
    done = _python(tmp_path, "-c", "import shiftcell.db.store as s; print(s.__name__)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "shiftcell.db.store"


def test_python_m_shiftcell_runs_the_command_line(tmp_path: Path) -> None:
    """The SSH server starts each session this way: it must be shiftcell's own CLI that answers."""
    done = _python(tmp_path, "-m", "shiftcell", "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"shiftcell, version {PYPROJECT['project']['version']}"
