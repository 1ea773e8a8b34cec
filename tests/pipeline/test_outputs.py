"""The outputs' promise under failure: the PDFs, build.json, preflight.txt and print/
move together or not at all, the message says which, nothing temporary is left behind,
and every file is written with the user's normal permissions.

The full disk is a real one: a small tmpfs, mounted in a namespace of the build's own
(tests/support/hostile.py), filled to leave a given room before the build starts.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin.pipeline.outputs import staging_folder
from bulletin.pipeline.workers import Workers
from tests.support import hostile
from tests.support.project import CHART, ROOT, Project

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

OUT = ("build", "2017-06")
PDFS = ("milestones-2017-06-en.pdf", "milestones-2017-06-en-print.pdf")
PROMISED = (*PDFS, "build.json", "preflight.txt", "print/milestones-2017-06-en-print.pdf",
            "print/preflight.txt", "print/job-sheet.txt")


def bulletin(root: Path, *args: str, prefix: tuple[str, ...] = (), env: dict | None = None,
             umask: int | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "bulletin", "build", "issues/2017-06", *args],
                          cwd=root, capture_output=True, text=True, timeout=180,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def promised(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in PROMISED if (out / name).is_file()}


def complete_and_consistent(out: Path) -> bool:
    """build.json lists the PDFs there, at their sizes, and print/ holds the print PDF."""
    listed = json.loads((out / "build.json").read_text())["outputs"]
    return ({o["path"]: o["bytes"] for o in listed} == {n: (out / n).stat().st_size for n in PDFS}
            and (out / "print" / PDFS[1]).read_bytes() == (out / PDFS[1]).read_bytes())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """A project built once: its outputs are the previous ones each test starts from."""
    project = Project(tmp_path_factory.mktemp("built"))
    project.replace("    figures:", CHART)
    done = bulletin(project.root)
    assert done.returncode == 0, done.stderr
    project.replace("headline: A first story", "headline: A second version")
    return project


@pytest.mark.skipif(not hostile.namespaces_work(), reason="needs unshare and user namespaces to mount")
def test_on_a_filling_disk_the_outputs_are_all_previous_or_all_new(built, tmp_path):
    """Whatever room the disk has left, every output is the previous build's, byte for
    byte, with a message saying so, or all are this build's; no temporary file is left,
    in the output folder or in the system's temporary folder. The rooms tried go from
    too little to start to enough, through failures while the PDFs are written."""
    outcomes = {}
    for room_kb in (16, 96, 1024, 8192, 49152):       # WeasyPrint's font copies take 20 MB
        kept, disk, temporary = (tmp_path / f"{name}-{room_kb}" for name in ("kept", "disk", "tmp"))
        shutil.copytree(built.root.joinpath(*OUT), kept, symlinks=True)
        disk.mkdir()
        temporary.mkdir()
        before = promised(kept)
        prefix = hostile.on_small_disk("64m", disk, kept, hostile.fill(disk, room_kb * 1024))
        done = bulletin(built.root, "--out", str(disk / "out"), prefix=prefix, env={"TMPDIR": str(temporary)})
        after = promised(kept)
        if done.returncode == 0:
            assert set(after) == set(before) and all(after[n] != before[n] for n in PDFS), room_kb
            assert complete_and_consistent(kept), room_kb
        else:
            assert done.returncode == 1, done.stderr
            assert done.stderr.startswith("bulletin: error: no space left on the disk holding "), done.stderr
            assert done.stderr.endswith("The previous outputs are untouched.\n"), done.stderr
            assert after == before, room_kb
        assert not list(kept.rglob(".staging-*")), room_kb
        assert not list(temporary.iterdir()), room_kb
        outcomes[room_kb] = done.returncode
    assert outcomes[16] == 1 and outcomes[49152] == 0, outcomes


def test_a_failure_while_renaming_puts_the_previous_outputs_back(built, tmp_path):
    """A real failure halfway through the renames: a folder stands where build.json
    goes, so the PDFs renamed before it must go back."""
    out = tmp_path / "out"
    shutil.copytree(built.root.joinpath(*OUT), out, symlinks=True)
    (out / "build.json").unlink()
    (out / "build.json").mkdir()
    (out / "build.json" / "notes.txt").write_text("someone's notes")
    before = promised(out)
    done = bulletin(built.root, "--out", str(out))
    assert done.returncode == 1
    assert done.stderr == (f"bulletin: error: {out / 'build.json'} stands where an output goes (Is a directory): "
                           f"move it out of {out}/. The previous outputs are untouched.\n")
    assert promised(out) == before
    assert (out / "build.json" / "notes.txt").read_text() == "someone's notes"
    assert not list(out.rglob(".staging-*"))


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_every_output_has_the_users_normal_permissions(built, tmp_path, umask):
    out = tmp_path / "out"
    done = bulletin(built.root, "--out", str(out), "--keep-html", umask=umask)
    assert done.returncode == 0, done.stderr
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in [out, *out.rglob("*")]}
    wrong = {name: oct(mode) for name, mode in modes.items()
             if mode != (0o777 if Path(out / name).is_dir() else 0o666) & ~umask}
    assert wrong == {}
    assert {"build.json", "preflight.txt", "print/job-sheet.txt", "html/milestones-2017-06-en.html"} <= set(modes)
    # The HTML as laid out: its paragraphs already set into lines (typeset/lines.py).
    assert 'class="set-line"' in (out / "html" / "milestones-2017-06-en.html").read_text(encoding="utf-8")
    assert any(name.startswith("charts/") and name.endswith(".svg") for name in modes)


def _keep_writing(folder: str) -> None:
    """A worker writing its PDF into the staging folder, page after page, for a few seconds."""
    end = time.monotonic() + 5.0
    n = 0
    while time.monotonic() < end:
        with contextlib.suppress(OSError):          # the folder may be gone under it
            Path(folder, f"page-{n}.pdf").write_bytes(b"%PDF")
        n += 1


def test_a_failed_build_leaves_no_staging_folder_a_worker_was_writing_into(tmp_path):
    with pytest.raises(RuntimeError), Workers(2) as workers, staging_folder(tmp_path, workers) as staging:
        workers.submit(_keep_writing, str(staging))
        while len(list(staging.iterdir())) < 1000:      # the worker is started and writing
            time.sleep(0.01)
        raise RuntimeError("the layout's deadline")
    assert not list(tmp_path.rglob(".staging-*"))
