"""Every module file of shiftcell, by installed name, and what each one imports.

Read from the source with ``ast``, so a module imported only lazily (inside a
function, under ``TYPE_CHECKING``, through ``importlib``) is seen as well as
one imported at the top.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Folder in the repository → the name it is installed under (pyproject's package-dir).
INSTALLED_AS = {"scheduling": "shiftcell.scheduling", "db": "shiftcell.db", "tui": "shiftcell.tui"}
DYNAMIC_IMPORTS = {"import_module", "__import__"}
DOTTED_NAME = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


@dataclass(frozen=True)
class ModuleFile:
    name: str  # shiftcell.db.store
    path: Path
    is_package: bool  # an __init__.py

    @property
    def package(self) -> str:
        """Where a relative import starts from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]


def module_files(folder: str | None = None) -> list[ModuleFile]:
    """Every .py file under scheduling/, db/ and tui/ (or only ``folder``), by installed name."""
    found = []
    for source, installed in INSTALLED_AS.items():
        if folder is not None and source != folder:
            continue
        for path in sorted((ROOT / source).rglob("*.py")):
            parts = path.relative_to(ROOT / source).with_suffix("").parts
            is_package = parts[-1] == "__init__"
            name = ".".join((installed, *(parts[:-1] if is_package else parts)))
            found.append(ModuleFile(name, path, is_package))
    return found


def imports_of(module: ModuleFile, watched: tuple[str, ...] = ("shiftcell",)) -> set[str]:
    """Every module ``module`` may import, wherever and however the import is written.

    Besides ``import`` statements: ``importlib.import_module(...)`` and
    ``__import__(...)`` of a literal or of a module-level constant, and any
    string naming a module under one of the ``watched`` roots (a table of
    lazily imported names, say). For ``from a import b``, both ``a`` and
    ``a.b`` are counted, since ``b`` may be a module.
    """
    tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
    constants = _string_constants(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module or "", node.level, module.package)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call) and _callee(node.func) in DYNAMIC_IMPORTS and node.args:
            name = _text(node.args[0], constants)
            keywords = {k.arg: _text(k.value, constants) for k in node.keywords}
            if name is not None:
                relative = name.lstrip(".")
                start = keywords.get("package") or module.package
                found.add(_absolute(relative, len(name) - len(relative), start))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and DOTTED_NAME.fullmatch(node.value)
            and node.value.split(".")[0] in watched
        ):
            found.add(node.value)
    return found


def reaches(imported: set[str], forbidden: tuple[str, ...]) -> list[str]:
    """The imports that are, or lie inside, one of the ``forbidden`` modules."""
    return sorted(
        name for name in imported if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


def _absolute(name: str, level: int, package: str) -> str:
    if level == 0:
        return name
    base = package.split(".")
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _callee(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _text(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments."""
    found = {}
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update({t.id: value.value for t in targets if isinstance(t, ast.Name)})
    return found
