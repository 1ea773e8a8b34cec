"""Reproducible files: the same issue, fonts, profile and code give the same PDFs,
byte for byte, on every build: from clean in another folder, and again warm (its
stand-ins, photos, charts and fit choices reused)."""
from __future__ import annotations

import shutil

import pytest

from bulletin.pipeline import build
from tests.support.builds import sha256
from tests.support.project import ROOT, copy_project

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)


def pdfs(result) -> dict[str, str]:
    return {edition.path.name: sha256(edition.path) for edition in result.editions}


def test_builds_from_clean_and_warm_give_byte_identical_pdfs(seed, tmp_path_factory):
    root = copy_project(tmp_path_factory.getbasetemp() / "seed-again", loose=False)
    issue = root / "issues" / "2017-04"
    shutil.copytree(ROOT / "issues" / "2017-04", issue, ignore=shutil.ignore_patterns("photos"))
    shutil.copytree(seed.issue.folder / "photos", issue / "photos")          # the same photos
    again = build(issue)
    assert len(pdfs(seed)) == 4
    assert pdfs(again) == pdfs(seed)
    assert pdfs(build(issue)) == pdfs(seed)
