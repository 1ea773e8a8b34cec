"""Builds shared by the edition and preflight tests, each made once per test session.

A session fixture defined in one test module is built again by another, so the
builds are cached here, in the session's base temporary folder.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pikepdf

from bulletin.pipeline import build
from bulletin.tools.placeholders import fill_missing_placeholders
from tests.support.project import ROOT, Project, copy_project

_BUILT: dict[str, object] = {}


def seed_build(tmp_path_factory):
    """The seed issue, every language, built once per session in a copy of the project.

    Under pytest-xdist (`make test` runs one worker per core) the first worker to ask builds
    it in the folder the workers share, under a lock, and leaves the result pickled
    there for the other: the build costs a minute, and both would otherwise pay it."""
    if "seed" not in _BUILT:
        shared = tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            shared = shared.parent
        with open(shared / "seed.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            _BUILT["seed"] = _seed_in(shared / "seed-editions")
    return _BUILT["seed"]


def _seed_in(folder: Path):
    kept = folder / "result.pickle"
    if kept.exists():
        return pickle.loads(kept.read_bytes())
    root = copy_project(folder, loose=False)
    shutil.copytree(ROOT / "issues" / "2017-04", root / "issues" / "2017-04",
                    ignore=shutil.ignore_patterns("photos"))
    fill_missing_placeholders(root / "issues" / "2017-04")
    result = build(root / "issues" / "2017-04")
    kept.write_bytes(pickle.dumps(result))
    return result


def edition(result, kind: str, language: str = "en") -> Path:
    return next(e.path for e in result.editions if e.kind == kind and e.language == language)


def project_in(tmp_path_factory, name: str) -> Project:
    folder = tmp_path_factory.getbasetemp() / name
    folder.mkdir()
    return Project(folder)


def bulletin(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bulletin", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def append_css(project: Project, sheet: str, css: str) -> None:
    with open(project.root / "styles" / sheet, "a", encoding="utf-8") as handle:
        handle.write("\n" + textwrap.dedent(css))


def content_operators(pdf: pikepdf.Pdf):
    """(page number, operator, operands) of every page and every form it draws, recursively."""
    for number, page in enumerate(pdf.pages, start=1):
        yield from _operators(page.obj, page.obj.get("/Resources"), number, set())


def _operators(stream, resources, number: int, seen: set):
    for operands, operator in pikepdf.parse_content_stream(stream):
        yield number, str(operator), operands
        if str(operator) == "Do":
            xobject = resources.XObject[operands[0]]
            if xobject.Subtype == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from _operators(xobject, xobject.get("/Resources", resources), number, seen)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
