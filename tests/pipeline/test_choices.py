"""The fitter's kept choices: the start of the next fit, unless another fitter made them, and
of the language's other editions while it runs."""
from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from bulletin.compose.layout import IssueLayout, default_layout
from bulletin.content import load_issue
from bulletin.editions import EditionKind
from bulletin.pipeline import choices, stages
from bulletin.pipeline.choices import Choices
from bulletin.pipeline.jobs import EditionJob
from bulletin.typeset.fitter import Kept


def test_the_last_choices_start_the_next_fit_unless_another_fitter_made_them(project, monkeypatch):
    issue = load_issue(project.issue_dir)
    kept = Choices(project.root / "build" / "2017-06", project.root / "styles")
    layout = replace(default_layout(issue), back_cover=True)
    kept.keep(issue, "a" * 24, layout, None)
    assert kept.recall(issue, "a" * 24) == (layout, None, True)       # the same content
    assert kept.recall(issue, "b" * 24) == (layout, None, False)      # a word changed
    monkeypatch.setattr(choices, "_code_digest", lambda: "another fitter's")
    assert kept.recall(issue, "b" * 24) == (None, None, False)


class Running:
    """A job handed to `Workers`, as the fakes below hand it."""

    def __init__(self, job):
        self.job, self.waited = job, False

    def get(self):
        self.waited = True
        return self.job


class TwoWorkers:
    count = 2

    def __init__(self):
        self.started: list[Running] = []

    def submit(self, function, job):
        self.started.append(Running(job))
        return self.started[-1]


def editions(issue, layout: IssueLayout, *, kept: Kept | None) -> list[EditionJob]:
    email = EditionJob(issue, EditionKind.EMAIL, None, layout, fit=True, measure=True,
                       fonts=None, project=None, out_dir=Path(), staging=Path(), preflight=False,
                       kept=kept)
    return [email, replace(email, kind=EditionKind.PRINT, fit=False, measure=False, kept=None)]


def test_the_other_edition_starts_with_the_kept_choices_and_again_when_the_fit_moves_from_them(project):
    issue = load_issue(project.issue_dir)
    kept = replace(default_layout(issue), back_cover=True)
    email, printed = editions(issue, kept, kept=Kept(4, 0.05, 0.1))
    workers = TwoWorkers()
    ahead = stages._ahead([email, printed], [email], Path("staging"), workers)
    assert [(r.job.kind, r.job.layout) for r in workers.started] == [(EditionKind.PRINT, kept)]
    assert stages._following(printed, kept, ahead, Path("staging"), workers) is workers.started[0]
    moved = default_layout(issue)
    again = stages._following(printed, moved, ahead, Path("staging"), workers)
    assert workers.started[0].waited, "the wrong guess stops writing into staging first"
    assert again is workers.started[1] and again.job.layout == moved


def test_a_fit_from_the_design_starts_no_other_edition_ahead(project):
    email, printed = editions(load_issue(project.issue_dir), default_layout(load_issue(project.issue_dir)),
                              kept=None)
    workers = TwoWorkers()
    assert stages._ahead([email, printed], [email], Path("staging"), workers) == {}
    assert workers.started == []


class Typesetting:
    """Workers that typeset as a fit that hands its layout back would: the fit returns
    unwritten, and each job after it comes back written in the layout it was given."""
    count = 2

    def __init__(self, chosen: IssueLayout):
        self.chosen, self.jobs = chosen, []

    def submit(self, function, job):
        self.jobs.append(job)
        staged = not (job.fit and job.hand_back)
        layout = self.chosen if job.fit else job.layout
        made = Kept(4, 0.05, 0.1) if job.measure and staged else None
        fill = SimpleNamespace() if made else None
        return Running(SimpleNamespace(language=job.issue.language, kind=job.kind, name="", layout=layout,
                                       staged=staged, made=made, fit=None, fill=fill, report=None, photos=()))


def test_a_fit_hands_its_layout_back_and_its_edition_is_written_beside_the_other(project, monkeypatch):
    issue = load_issue(project.issue_dir)
    chosen = replace(default_layout(issue), back_cover=True)
    email, printed = editions(issue, default_layout(issue), kept=None)
    email = replace(email, composition=SimpleNamespace())
    monkeypatch.setattr(stages, "staged_editions", lambda staging, out_dir, outcomes: ())
    kept = Choices(project.root / "build" / "2017-06", project.root / "styles")
    monkeypatch.setattr(kept, "key", lambda issue, composition: "a" * 24)
    workers = Typesetting(chosen)
    charts = SimpleNamespace(drawn=0, reused=0)
    stages.typeset_editions([email, printed], Path(), Path("staging"), workers, charts, issue, kept)
    fit, written, other = workers.jobs
    assert fit.fit and fit.hand_back
    assert (written.kind, written.fit, written.layout) == (EditionKind.EMAIL, False, chosen)
    assert written.fitted.layout == chosen
    assert (other.kind, other.layout) == (EditionKind.PRINT, chosen)
    assert kept.recall(issue, "a" * 24) == (chosen, Kept(4, 0.05, 0.1), True)    # what the written edition made


def test_the_choices_are_keyed_by_the_fitter_and_all_it_imports_of_typeset():
    typeset = Path(choices.__file__).parent.parent / "typeset"

    def imported(name: str) -> set[str]:
        tree = ast.parse((typeset / name).read_text(encoding="utf-8"))
        return {f"{node.module.split('.')[0]}.py" for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}
    deciding, waiting = set(), ["fitter.py"]
    while waiting:
        name = waiting.pop()
        if name not in deciding and (typeset / name).is_file():
            deciding.add(name)
            waiting += imported(name)
    assert deciding <= {path.name for path in choices._code_files()}
