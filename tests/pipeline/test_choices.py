"""The fitter's kept choices: the start of the next fit, unless another fitter made them."""
from __future__ import annotations

from dataclasses import replace

from bulletin.compose.layout import default_layout
from bulletin.content import load_issue
from bulletin.pipeline import choices
from bulletin.pipeline.choices import Choices


def test_the_last_choices_start_the_next_fit_unless_another_fitter_made_them(project, monkeypatch):
    issue = load_issue(project.issue_dir)
    kept = Choices(project.root / "build" / "2017-06", project.root / "styles")
    layout = replace(default_layout(issue), back_cover=True)
    kept.keep(issue, "a" * 24, layout, None)
    assert kept.recall(issue, "a" * 24) == (layout, None, True)       # the same content
    assert kept.recall(issue, "b" * 24) == (layout, None, False)      # a word changed
    monkeypatch.setattr(choices, "_code_digest", lambda: "another fitter's")
    assert kept.recall(issue, "b" * 24) == (None, None, False)
