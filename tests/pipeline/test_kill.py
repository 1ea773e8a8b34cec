"""A build killed at any point loses nothing: each output is the previous file, byte
for byte, or the complete new one; the next build clears what the killed one left.

`tests/support/killer.py` runs the build and SIGKILLs it at a checkpoint, as a
crash or a power cut would: no `finally`, no cleanup.
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys

import pytest

from tests.support import pdftools
from tests.support.project import CHART, ROOT, Project

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

OUT = ("build", "2017-06")
EMAIL, PRINT, MANIFEST = "milestones-2017-06-en.pdf", "milestones-2017-06-en-print.pdf", "build.json"
# Where the build dies -> the outputs that are new afterwards (the others are the previous ones).
CHECKPOINTS = {
    "loaded": set(),                 # content read, nothing drawn
    "charts": set(),                 # charts drawn, nothing typeset
    "typeset:email": set(),          # before the email edition is typeset
    "typeset:print": set(),          # the email edition staged, the print edition not yet
    "staged": set(),                 # both staged, nothing renamed
    "renamed:email": {EMAIL},        # between the two renames
    "renamed:print": {EMAIL, PRINT}, # both renamed, the manifest not yet written
    "manifest": {EMAIL, PRINT},      # the new manifest written to its temporary file
}


def bulletin_build(root, kill_at: str | None = None):
    runner = ["tests.support.killer", kill_at] if kill_at else ["bulletin"]
    return subprocess.run([sys.executable, "-m", *runner, "build", "issues/2017-06"], cwd=root,
                          capture_output=True, text=True, timeout=180,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def outputs(root) -> dict[str, bytes]:
    """The out folder's files, less what a killed build leaves for the next one to clear."""
    return {p.name: p.read_bytes() for p in root.joinpath(*OUT).iterdir()
            if p.is_file() and not p.name.startswith(".staging-")}


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A project whose issue has been built once: the outputs a killed build must keep."""
    root = tmp_path_factory.mktemp("previous")
    project = Project(root)
    project.replace("    figures:", CHART)
    result = bulletin_build(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def edited(previous, tmp_path):
    """A copy of that project whose headline has changed since it was built."""
    root = tmp_path / "project"
    shutil.copytree(previous, root, symlinks=True)
    project = Project.__new__(Project)
    project.root, project.issue_dir = root, root / "issues" / "2017-06"
    project.replace("headline: A first story", "headline: A second version")
    return root


def is_complete_new_pdf(path) -> bool:
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    return checked.returncode == 0 and "A second version" in pdftools.text(path)


@pytest.mark.parametrize("checkpoint", CHECKPOINTS)
def test_a_build_killed_at_each_point_leaves_previous_or_complete_outputs(previous, edited,
                                                                         checkpoint):
    before = outputs(previous)
    killed = bulletin_build(edited, kill_at=checkpoint)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    after = outputs(edited)
    assert sorted(after) == sorted(before), "an output is missing or a stray file is left"
    new = {name for name in (EMAIL, PRINT) if after[name] != before[name]}
    assert new == CHECKPOINTS[checkpoint]
    assert all(is_complete_new_pdf(edited.joinpath(*OUT, name)) for name in new)
    assert after[MANIFEST] == before[MANIFEST]


@pytest.mark.parametrize("checkpoint", ["typeset:print", "manifest"])   # a staging folder, a file
def test_the_next_build_clears_what_a_killed_one_left(edited, checkpoint):
    out = edited.joinpath(*OUT)
    bulletin_build(edited, kill_at=checkpoint)
    assert list(out.glob(".staging-*")), "the killed build left nothing to clear"
    result = bulletin_build(edited)
    assert result.returncode == 0, result.stderr
    assert not list(out.rglob(".staging-*"))
    assert all(is_complete_new_pdf(out / name) for name in (EMAIL, PRINT))
    manifest = json.loads((out / MANIFEST).read_text())
    assert {o["path"]: o["bytes"] for o in manifest["outputs"]} == {
        name: (out / name).stat().st_size for name in (EMAIL, PRINT)}


def test_two_builds_at_once_do_not_corrupt_each_other(edited):
    out = edited.joinpath(*OUT)
    command = [sys.executable, "-m", "bulletin", "build", "issues/2017-06"]
    builds = [subprocess.Popen(command, cwd=edited, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for _ in range(2)]
    for process in builds:
        _, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr
    assert all(is_complete_new_pdf(out / name) for name in (EMAIL, PRINT))
    manifest = json.loads((out / MANIFEST).read_text())
    assert {o["path"]: o["bytes"] for o in manifest["outputs"]} == {
        name: (out / name).stat().st_size for name in (EMAIL, PRINT)}
    assert not list(out.glob(".staging-*"))


def test_a_second_build_waits_while_another_holds_the_out_folder(previous, edited):
    out = edited.joinpath(*OUT)
    held = os.open(out, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)          # stands in for a build in progress
    try:
        waiting = subprocess.Popen([sys.executable, "-m", "bulletin", "build", "issues/2017-06"],
                                   cwd=edited, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        said = ""
        while "waiting" not in said and select.select([waiting.stderr], [], [], 120)[0]:
            said = waiting.stderr.readline()
            if not said:
                break
        assert said == f"bulletin.build: waiting for another build writing to {out} to finish\n"
        assert waiting.poll() is None
        assert outputs(edited) == outputs(previous)
    finally:
        os.close(held)
    _, stderr = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, stderr
    assert all(is_complete_new_pdf(out / name) for name in (EMAIL, PRINT))
