"""The work a build hands its worker processes: one edition of one language each.

The first edition of each language is fitted: the worker composes and lays it
out as often as the fitter asks (see typeset.fitter), then writes it; the
layout it chose comes back with it, and the language's other editions are
composed and laid out once with that layout. Every job is typeset into the
build's staging folder and, when the build is complete, preflighted there.
Jobs and outcomes are plain dataclasses: they cross the process boundary by
pickling.
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..compose import compose, foreign_words
from ..compose.layout import IssueLayout, Tail
from ..content.model import Issue
from ..content.readiness import copy_notices
from ..content.wording import wording
from ..editions import EDITIONS, EditionKind, EditionSpec
from ..preflight import FileReport, Target, check_file
from ..progress import stage
from ..project import Project
from ..typeset import Confinement, FontSet, LinkWords, PressProfile, Typesetter, press_profile
from ..typeset.fill import IssueFill, measure_fill
from ..typeset.fit import FitReport
from ..typeset.fit import measure as measure_fit
from ..typeset.fitter import Choice, Fitter, PhotoSize

log = logging.getLogger("bulletin.build")


@dataclass(frozen=True)
class Composition:
    """What compose makes an edition's HTML from: the charts and photos it places."""
    chart_files: dict[str, Path]
    chart_alts: dict[str, str]
    photos: dict[Path, Path]


@dataclass(frozen=True)
class EditionJob:
    """One edition of one language to typeset (and preflight) into `staging`."""
    issue: Issue
    kind: EditionKind
    composition: Composition
    layout: IssueLayout                       # as chosen, or where the fitter starts
    fit: bool                                 # fit the layout (the language's first edition)
    measure: bool                             # report its fit (the language's first edition)
    fonts: FontSet
    project: Project
    out_dir: Path
    staging: Path
    known_photos: dict[str, str] | None       # sha256 -> source: preflight it; None: do not

    @property
    def spec(self) -> EditionSpec:
        return EDITIONS[self.kind]

    @property
    def name(self) -> str:
        return output_name(self.issue, self.spec)


@dataclass(frozen=True)
class EditionOutcome:
    """What a worker made of a job: the staged PDF, its layout, fit and preflight."""
    language: str
    kind: EditionKind
    name: str
    pages: int
    layout: IssueLayout
    fit: FitReport | None = None
    fill: IssueFill | None = None
    choices: tuple[Choice, ...] = ()
    left: tuple[str, ...] = ()                # what the fitter could not mend, in words
    layouts: int = 1                          # how many layouts the fit took
    design_white: float = 0.0                 # the mean white of the design's own layout
    report: FileReport | None = None
    target: int = 0


def output_name(issue: Issue, edition: EditionSpec) -> str:
    return f"{issue.publication.slug}-{issue.id}-{issue.language}{edition.file_suffix}.pdf"


def issue_press_profile(issue: Issue) -> PressProfile:
    """The print edition's press profile (built once per machine; see typeset.profiles)."""
    run = issue.publication.print_run
    return press_profile(run.profile, run.ink_limit, issue.folder.parent)


def link_words(issue: Issue) -> LinkWords:
    """What the edition's links say they go to: its language's words, its stories' headlines."""
    words = wording(issue.language)
    return LinkWords(words["link_story"], words["link_page"], words["link_web"], words["link_mail"],
                     {story.id: story.headline for story in issue.stories})


def photo_owners(issue: Issue) -> dict[Path, str]:
    """Each photo's story, so that a refused reference names it."""
    return {figure.image: f"story '{story.id}'" for story in issue.stories for figure in story.figures}


def typeset_edition(job: EditionJob) -> EditionOutcome:
    """One edition of one language, fitted or laid out as chosen, typeset into
    staging and preflighted there (runs in a worker process)."""
    issue, spec = job.issue, job.spec
    typesetter = Typesetter(spec, issue.publication, job.fonts, job.project.styles, job.project.root,
                            _confinement(job), issue_press_profile(issue) if spec.press else None,
                            link_words(issue))

    def lay_out(layout: IssueLayout, tail: Tail | None = None):
        html = compose(issue, job.composition.chart_files, job.composition.chart_alts,
                       job.composition.photos, layout, tail)
        return typesetter.lay_out(html, job.name)

    outcome, document = _fitted(job, lay_out) if job.fit else (None, None)
    layout = outcome.layout if outcome else job.layout
    if document is None:
        document = lay_out(layout)
    pages = typesetter.write(document, job.staging / job.name)
    report = _preflight_staged(job) if job.known_photos is not None else None
    outcome = outcome or EditionOutcome(issue.language, job.kind, job.name, pages, layout)
    if not job.measure:
        return dataclasses.replace(outcome, pages=pages, report=report)
    fill = measure_fill(document)
    return dataclasses.replace(outcome, pages=pages, report=report, fit=_fit_report(document, issue),
                               fill=fill, design_white=outcome.design_white if job.fit else fill.mean_white)


def _fitted(job: EditionJob, lay_out) -> tuple[EditionOutcome, object]:
    """The fitter's layout, and the document it laid out whole when that was its best."""
    sizes = {story.id: tuple(_photo_size(f.image) for f in story.figures) for story in job.issue.stories}
    with stage("fit", f"[{job.issue.language}]") as fitting:
        fit = Fitter(job.issue, lay_out, sizes, job.issue.publication.pages_multiple_of).fit(job.layout)
        fitting.result = (f"{fit.page_count} pages in {fit.layouts} layout"
                          f"{'s' if fit.layouts != 1 else ''}, {fit.fill.mean_white:.0%} white")
    return EditionOutcome(job.issue.language, job.kind, job.name, fit.page_count, fit.layout,
                          choices=fit.choices, left=tuple(fit.left), layouts=fit.layouts,
                          target=fit.target, design_white=fit.design_white), fit.document


def _photo_size(path: Path) -> PhotoSize:
    with Image.open(path) as image:          # the header only
        width, height = image.size
        if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):    # placed turned upright
            width, height = height, width
    return PhotoSize(width, height)


def _confinement(job: EditionJob) -> Confinement:
    return Confinement(roots=(job.issue.folder, job.project.styles, job.project.fonts, job.out_dir,
                              *{f.path.parent.resolve() for f in job.fonts.faces}),
                       owners=photo_owners(job.issue))


def _preflight_staged(job: EditionJob) -> FileReport:
    """The preflight of a PDF still in staging, reported under its final name."""
    final = job.out_dir / job.name
    with stage("preflight", final.name) as checking:
        target = Target(job.kind, job.issue.language, job.staging / job.name,
                        tuple(s.headline for s in job.issue.stories), tuple(copy_notices(job.issue)),
                        foreign_words(job.issue))
        report = check_file(target, job.issue.publication, job.known_photos or {},
                            measured=job.out_dir / "photos" / "preflight.json")
        checking.result = report.status
    return dataclasses.replace(report, path=final)


def _fit_report(document, issue: Issue) -> FitReport | None:
    """The fit report of the laid-out edition (a help: never a reason to stop the build)."""
    try:
        return measure_fit(document, issue.publication.pages_multiple_of)
    except Exception as error:  # noqa: BLE001  a help for the officer must never stop the build
        log.warning("fit: no report for %s (%s: %s)", issue.language, type(error).__name__, error)
        return None
