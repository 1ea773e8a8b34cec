"""Stage 5, preflight: the checks a file is held to come from its edition's spec,
looked up in one table, not chosen by a branch on the edition's name."""
from __future__ import annotations

import dataclasses

import pytest

from bulletin.editions import EDITIONS, EditionKind
from bulletin.preflight import CHECKS, Target, check_file, run
from tests.support.builds import edition


@pytest.mark.parametrize("kind", list(EDITIONS))
def test_every_check_an_edition_names_is_in_the_registry(kind):
    assert [name for name in EDITIONS[kind].checks if name not in CHECKS] == []


@pytest.mark.slow                 # reads the seed issue's build
def test_a_check_listed_for_an_edition_runs_and_appears_in_its_report(seed, monkeypatch):
    """The email's size check, listed for print too, runs on the print file."""
    spec = EDITIONS[EditionKind.PRINT]
    monkeypatch.setattr(run, "EDITIONS", {EditionKind.PRINT: dataclasses.replace(
        spec, checks=spec.checks + ("size",))})
    publication = seed.issue.publication
    roomy = dataclasses.replace(publication, email_edition=dataclasses.replace(
        publication.email_edition, size_budget_mb=100))
    path = edition(seed, "print")
    report = check_file(Target(EditionKind.PRINT, "en", path), roomy, {})
    assert list(dict.fromkeys(f.check for f in report.findings)) == [
        "structure", "copy", "pdf/x", "boxes", "pages", "fonts", "images", "colour", "ink", "black text",
        "small type", "annotations", "size"]
    [size] = [f.line() for f in report.findings if f.check == "size"]
    assert size == f"  PASS  size        -        {path.stat().st_size / 1e6:.1f} MB, within the 100 MB budget"
