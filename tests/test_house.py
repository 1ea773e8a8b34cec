"""The package's shape: rooms by stage, data flowing one way, no room too large.

Each module may import only from its own room and the rooms listed before it
(the order in which data flows through the pipeline); no module is over 500
lines; an import inside a function says why on its line or the one above."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.project import ROOT

PACKAGE = ROOT / "bulletin"
# Rooms in the order data flows; a room may import from itself and those before it.
ROOMS = ("errors", "files", "project", "editions", "progress", "syslibs", "content", "charts",
         "compose", "typeset", "preflight", "pipeline", "tools", "cli", "__main__", "__init__")
MAX_LINES = 500


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def room(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_rooms(path: Path) -> set[str]:
    """The rooms of bulletin that `path` imports, resolved from relative imports."""
    package = path.relative_to(PACKAGE).parent.parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            parts = (*base, *(node.module.split(".") if node.module else ()))
            names = [parts] if parts else [(alias.name,) for alias in node.names]
            found |= {p[0] for p in names if p}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for name in ([module] if module else [a.name for a in node.names]):
                if name and name.startswith("bulletin."):
                    found.add(name.split(".")[1])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_data_flows_one_way(path):
    own = ROOMS.index(room(path))
    upward = {r for r in imported_rooms(path) if r in ROOMS and ROOMS.index(r) > own}
    assert not upward, f"{path.name} imports from rooms after its own: {sorted(upward)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_the_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{lines} lines"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_an_import_inside_a_function_says_why(path):
    source = path.read_text(encoding="utf-8").splitlines()
    silent = []
    for node in ast.walk(ast.parse("\n".join(source))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)) and not _says_why(source, inner.lineno):
                    silent.append(f"{inner.lineno}: {source[inner.lineno - 1].strip()}")
    assert not silent, "imports inside functions without a reason:\n" + "\n".join(silent)


def _says_why(source: list[str], number: int) -> bool:
    """A comment on the import's line, or above the block of imports it belongs to."""
    if "#" in source[number - 1]:
        return True
    above = number - 2
    while above >= 0 and source[above].strip().startswith(("import ", "from ")):
        above -= 1
    return above >= 0 and source[above].strip().startswith("#")


def test_the_rooms_are_every_room():
    assert {room(p) for p in modules()} <= set(ROOMS)
