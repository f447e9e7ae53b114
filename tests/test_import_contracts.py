"""Dependencies point one way, tui → db → scheduling; inside tui no import runs back up a floor.

Checked on every module file, not only on the package roots: half of
``scheduling`` and most of ``db`` are imported lazily, inside the functions
that need them, where importing a package root never reaches. Each module is
one test case, so ``pytest -v`` lists every module covered.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path

import pytest
from source_modules import INSTALLED_AS, ModuleFile, imports_of, module_files, reaches

CORE = module_files("scheduling")
STORE = module_files("db")
UI = module_files("tui")
WATCHED = ("shiftcell", "textual", "sqlite3", "sqlite_utils")
CORE_MAY_NOT = ("shiftcell.db", "shiftcell.tui", "textual", "sqlite3", "sqlite_utils")
STORE_MAY_NOT = ("shiftcell.tui", "textual")

# The rooms of tui from the ground up: views and words (models and what the UI
# says), widgets, screens, then the commands, the app and the command line.
# A room may not import from those above it. Feeds and SSH stand aside: they
# serve data and sessions, and draw nothing.
FLOORS = {
    "views": ("screens", "widgets", "commands", "app", "cli"),
    "words": ("screens", "widgets", "commands", "app", "cli"),
    "widgets": ("screens", "commands", "app", "cli"),
    "screens": ("commands", "cli"),
    "feeds": ("screens", "widgets"),
    "ssh": ("screens", "widgets"),
}


def _room(module: ModuleFile) -> str:
    """``shiftcell.tui.widgets.roster`` → ``widgets``; ``shiftcell.tui.app`` → ``app``."""
    parts = module.name.split(".")
    return parts[2] if len(parts) > 2 else ""


FLOORED = [m for m in UI if _room(m) in FLOORS]


def _name(module: ModuleFile) -> str:
    return module.name


@pytest.mark.parametrize("module", CORE, ids=_name)
def test_the_scheduling_core_imports_neither_the_database_nor_the_ui(module: ModuleFile) -> None:
    """The domain stays pure: fast to import and test, and usable from any front end."""
    assert reaches(imports_of(module, WATCHED), CORE_MAY_NOT) == []


@pytest.mark.parametrize("module", STORE, ids=_name)
def test_the_store_imports_nothing_of_the_ui(module: ModuleFile) -> None:
    """The CLI, the feed server and scripts open the store without paying for Textual."""
    assert reaches(imports_of(module, WATCHED), STORE_MAY_NOT) == []


@pytest.mark.parametrize("module", FLOORED, ids=_name)
def test_no_import_runs_back_up_a_floor(module: ModuleFile) -> None:
    """A widget that imports a screen, or a view model that imports a widget, tangles the rooms."""
    above = tuple(f"shiftcell.tui.{room}" for room in FLOORS[_room(module)])
    assert reaches(imports_of(module), above) == []


def test_the_walk_finds_exactly_the_modules_python_finds() -> None:
    """The contracts are only as good as the list of files: it must match the installed names."""
    walked = {m.name for m in module_files()}
    installed = set(INSTALLED_AS.values())
    for package in INSTALLED_AS.values():
        path = import_module(package).__path__
        installed |= {info.name for info in pkgutil.walk_packages(path, f"{package}.")}
    assert walked == installed
    assert len(FLOORED) > 0.5 * len(UI)  # most of tui lives in rooms


def test_every_way_of_writing_an_import_is_seen(tmp_path: Path) -> None:
    """A contract is worth what its reader sees: lazy, relative and dynamic imports included."""
    package = tmp_path / "pkg"
    package.mkdir()
    source = package / "mod.py"
    source.write_text(
        "from __future__ import annotations\n"
        "import importlib\n"
        "from typing import TYPE_CHECKING\n"
        "from . import sibling\n"
        "from ..up import thing\n"
        "if TYPE_CHECKING:\n"
        "    from textual.app import App\n"
        "SCREEN = 'shiftcell.tui.screens.main'\n"
        "LAZY = {'Store': 'shiftcell.db.store'}\n"
        "def later():\n"
        "    import sqlite3\n"
        "    importlib.import_module('sqlite_utils')\n"
        "    importlib.import_module(SCREEN)\n"
        "    importlib.import_module('.near', package='shiftcell.db')\n"
        "    __import__('shiftcell.tui.app')\n"
        "    return 'Textual and sqlite3 said in prose are not imports.'\n",
        encoding="utf-8",
    )
    module = ModuleFile("shiftcell.scheduling.pkg.mod", source, is_package=False)
    seen = imports_of(module, WATCHED)
    assert {"shiftcell.scheduling.pkg.sibling", "shiftcell.scheduling.up.thing"} <= seen
    forbidden = {
        "textual.app",
        "shiftcell.db.store",
        "sqlite3",
        "sqlite_utils",
        "shiftcell.tui.screens.main",
        "shiftcell.db.near",
        "shiftcell.tui.app",
    }
    assert forbidden <= set(reaches(seen, CORE_MAY_NOT))
    assert not any("prose" in name for name in seen)


# -- in a fresh interpreter: what importing each module really loads ---------


def _loaded_after_import(module: str, cwd: Path) -> set[str]:
    code = "import importlib, sys; importlib.import_module(sys.argv[1]); print(*sys.modules)"
    # -I: neither the repository (the current directory) nor PYTHON* variables on the path
    done = subprocess.run(
        [sys.executable, "-I", "-c", code, module],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    return set(done.stdout.split())


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The modules loaded by importing each module of scheduling and db, each in its own process."""
    cwd = tmp_path_factory.mktemp("elsewhere")
    names = [m.name for m in CORE + STORE]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(
            zip(names, pool.map(lambda n: _loaded_after_import(n, cwd), names), strict=True)
        )


@pytest.mark.parametrize("module", CORE, ids=_name)
def test_importing_a_scheduling_module_loads_neither_the_database_nor_the_ui(
    module: ModuleFile, loaded: dict[str, set[str]]
) -> None:
    """What the source says is checked above; this is what Python actually loads."""
    assert module.name in loaded[module.name]
    assert reaches(loaded[module.name], CORE_MAY_NOT) == []


@pytest.mark.parametrize("module", STORE, ids=_name)
def test_importing_a_store_module_loads_nothing_of_the_ui(
    module: ModuleFile, loaded: dict[str, set[str]]
) -> None:
    assert module.name in loaded[module.name]
    assert reaches(loaded[module.name], STORE_MAY_NOT) == []
