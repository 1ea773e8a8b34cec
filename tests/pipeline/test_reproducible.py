"""Reproducible files: the same issue, fonts, profile and code give the same PDFs,
byte for byte, on every build: from clean in another folder, and again warm (its
stand-ins, photos, charts and fit choices reused)."""
from __future__ import annotations

import logging
import shutil

import pytest

from bulletin.editions import EditionKind
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


def test_lines_kept_from_the_last_build_give_the_pdf_that_setting_them_afresh_gives(project, caplog):
    """A rebuild after one changed word sets only that paragraph again (typeset/linecache.py),
    and its PDF is the one a build that sets every line afresh makes."""
    email = (EditionKind.EMAIL,)           # one job: it runs in this process, its log is caplog's
    project.replace("The first paragraph of the story.", "The first paragraph of the story, "
                    "which the representatives of the agencies reviewed at length. " * 4)
    build(project.issue_dir, kinds=email)
    project.replace("The first paragraph", "The opening paragraph")
    with caplog.at_level(logging.INFO, logger="bulletin.build"):
        warm = build(project.issue_dir, kinds=email)
    assert "lines: 1 of 2 paragraphs as kept" in caplog.text
    kept = pdfs(warm)
    shutil.rmtree(warm.out_dir / "lines")
    assert pdfs(build(project.issue_dir, kinds=email)) == kept      # the same choices, lines set afresh
    assert (warm.out_dir / "lines").is_dir()
