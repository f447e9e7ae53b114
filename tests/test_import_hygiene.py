"""Dependencies point one way: tui → db → scheduling."""

import subprocess
import sys

import pytest


def _loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


def test_the_scheduling_core_loads_neither_the_ui_nor_the_database() -> None:
    """The domain stays fast to import and test, and usable from any front end."""
    loaded = _loaded_after_import("scheduling")
    assert "textual" not in loaded
    assert "sqlite3" not in loaded
    assert not {"db", "tui"} & loaded


@pytest.mark.parametrize("module", ["db", "shiftcell.db.store"])
def test_the_store_never_reaches_for_the_ui(module: str) -> None:
    assert "textual" not in _loaded_after_import(module)
    assert "tui" not in _loaded_after_import(module)
