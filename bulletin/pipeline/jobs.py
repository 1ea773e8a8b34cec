"""The work a build hands its worker processes: one edition of one language each.

The first edition of each language is fitted: the worker composes and lays it
out as often as the fitter asks (see typeset.fitter), then writes it; the
layout it chose comes back with it, and the language's other editions are
composed and laid out once with that layout. When the fitter's best was a
trial of a few pages, the fitted edition must be laid out whole again anyway:
its layout then comes back unwritten, and another job writes it beside the
other editions, on the core the fit leaves free. Every job is typeset into the
build's staging folder and, when the build is complete, preflighted there.
Jobs and outcomes are plain dataclasses: they cross the process boundary by
pickling.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..compose import compose, foreign_words
from ..compose.layout import IssueLayout, Tail, default_layout
from ..content.model import Issue
from ..content.readiness import copy_notices
from ..content.wording import wording
from ..editions import EDITIONS, EditionKind, EditionSpec
from ..files import temporary_files_in
from ..preflight import FileReport, Target, check_file
from ..progress import counted, stage
from ..project import Project
from ..typeset import (
    Confinement,
    EditionPhotos,
    FontSet,
    LinkWords,
    Made,
    PressProfile,
    Typesetter,
    press_profile,
    recipe_for,
)
from ..typeset.changes import changes
from ..typeset.fill import IssueFill, measure_fill
from ..typeset.fit import FitReport, with_holes
from ..typeset.fit import measure as measure_fit
from ..typeset.fitter import Choice, Fitter, Kept, PhotoSize
from ..typeset.linecache import FOLDER as LINES_FOLDER
from ..typeset.linecache import LineCache
from ..typeset.linecache import scope as line_scope
from ..typeset.lines import LineSetter
from ..typeset.pagemap import map_pages
from ..typeset.spacing import IssueSpacing, measure_spacing, with_rivers

log = logging.getLogger("bulletin.build")


@dataclass(frozen=True)
class Composition:
    """What compose makes an edition's HTML from: the charts it places, and the
    stand-in it lays each photo out with (see typeset.photos)."""
    chart_files: dict[str, Path]
    chart_alts: dict[str, str]
    photos: dict[Path, Path]


@dataclass(frozen=True)
class PlacedPhoto:
    """A photo as an edition's PDF embeds it: its original, the file, its sha256."""
    source: Path
    file: Path
    pixels: tuple[int, int]
    sha256: str


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
    preflight: bool                           # preflight the PDF written (a complete build)
    kept: Kept | None = None                  # what the kept choices made before: enough again?
    hand_back: bool = False                   # a fit whose last layout was not of the whole issue
                                              # returns unwritten, to be written beside the others
    fitted: EditionOutcome | None = None      # a fit handed back: written in its layout, not fitted

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
    spacing: IssueSpacing | None = None       # the word spacing of its body text
    choices: tuple[Choice, ...] = ()
    left: tuple[str, ...] = ()                # what the fitter could not mend, in words
    layouts: int = 1                          # how many layouts the fit took
    design_white: float = 0.0                 # the mean white of the design's own layout

    @property
    def made(self) -> Kept | None:
        """What the layout made of the issue, kept with it for the next build."""
        if self.fill is None:
            return None
        worst = self.fill.worst
        return Kept(self.pages, self.fill.mean_white, worst.white if worst else 0.0)
    report: FileReport | None = None
    target: int = 0
    photos: tuple[PlacedPhoto, ...] = ()      # what the PDF embeds for each photo
    staged: bool = True                       # its PDF is in staging (not a fit handed back)


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
    staging and preflighted there (runs in a worker process), WeasyPrint's own
    temporary files in staging too."""
    with temporary_files_in(job.staging):
        return _typeset_edition(job)


def set_lines(job: EditionJob) -> int:
    """The edition's paragraphs in its job's layout set into lines and kept (linecache.py):
    run while the main process draws the charts, it leaves its typesetting only the lines
    the fitter's changes need. The number of paragraphs set (runs in a worker process; the
    charts are not needed to set lines)."""
    with temporary_files_in(job.staging):
        typesetter = _typesetter(job)
        kept_lines = line_cache(job, typesetter)
        _composed(job, LineSetter(typesetter.sample, kept_lines), job.layout)
        kept_lines.save()
        return len(kept_lines)


def _typesetter(job: EditionJob) -> Typesetter:
    issue, spec = job.issue, job.spec
    profile = issue_press_profile(issue) if spec.press else None
    recipe = recipe_for(spec.photos, issue.publication, job.out_dir / "photos" / job.kind.value, profile)
    confinement = _confinement(job)
    return Typesetter(spec, issue.publication, job.fonts, job.project.styles, job.project.root,
                      confinement, profile, EditionPhotos(recipe, job.composition.photos, confinement),
                      dt.date.fromisoformat(issue.date), link_words(issue))


def _composed(job: EditionJob, setter: LineSetter, layout: IssueLayout, tail: Tail | None = None) -> str:
    """The edition's HTML in `layout`, its justified paragraphs set into lines (lines.py)."""
    return setter.set(compose(job.issue, job.composition.chart_files, job.composition.chart_alts,
                              job.composition.photos, layout, tail))


def set_html(job: EditionJob, layout: IssueLayout) -> str:
    """The HTML WeasyPrint lays out for the edition in `layout` (for `build --keep-html`)."""
    typesetter = _typesetter(job)
    return _composed(job, LineSetter(typesetter.sample, line_cache(job, typesetter)), layout)


def line_cache(job: EditionJob, typesetter: Typesetter) -> LineCache:
    """The lines set for the edition in the last build (linecache.py)."""
    return LineCache(line_cache_path(job), line_scope(typesetter.setting_inputs()))


def line_cache_path(job: EditionJob) -> Path:
    return job.out_dir / LINES_FOLDER / f"{job.issue.language}-{job.kind.value}.json"


def _typeset_edition(job: EditionJob) -> EditionOutcome:
    issue = job.issue
    typesetter = _typesetter(job)
    kept_lines = line_cache(job, typesetter)
    setter = LineSetter(typesetter.sample, kept_lines)   # even colour: lines.py

    def lay_out(layout: IssueLayout, tail: Tail | None = None):
        return typesetter.lay_out(_composed(job, setter, layout, tail), job.name)

    outcome, document = _fitted(job, lay_out) if job.fit else (job.fitted, None)
    if job.hand_back and outcome is not None and document is None:
        kept_lines.save()         # the lines it set, for the job that writes it
        return dataclasses.replace(outcome, staged=False)
    fitted = outcome is not None
    layout = outcome.layout if outcome else job.layout
    if document is None:
        document = lay_out(layout)
    kept_lines.save()
    log.info("lines: %d of %d paragraphs as kept", kept_lines.hits, len(kept_lines))
    pages = typesetter.write(document, job.staging / job.name)
    photos = tuple(_placed(made) for made in typesetter.placed)
    report = _preflight_staged(job, photos) if job.preflight else None
    outcome = outcome or EditionOutcome(issue.language, job.kind, job.name, pages, layout)
    if not job.measure:
        return dataclasses.replace(outcome, pages=pages, report=report, photos=photos)
    if fitted:       # the fitter measured the pages of its whole layouts already
        fill, choices = outcome.fill or measure_fill(document), outcome.choices
    else:            # kept choices laid out as they are: the report still says what the pages hold
        mapped = map_pages(document)
        fill = IssueFill(tuple(page.fill for page in mapped))
        choices = changes(default_layout(issue), layout, mapped)
    spacing = _spacing(document, issue)
    fit = _fit_report(document, issue)
    if fit is not None and spacing is not None:
        fit = with_rivers(fit, spacing)
    if fit is not None:
        fit = with_holes(fit, fill)
    return dataclasses.replace(outcome, pages=pages, report=report, photos=photos,
                               fit=fit, fill=fill, spacing=spacing, choices=choices,
                               design_white=outcome.design_white if fitted else fill.mean_white)


def _placed(made: Made) -> PlacedPhoto:
    return PlacedPhoto(made.source, made.path, (made.width, made.height),
                       hashlib.sha256(made.path.read_bytes()).hexdigest())


def _fitted(job: EditionJob, lay_out) -> tuple[EditionOutcome, object]:
    """The fitter's layout, and the document it laid out whole when that was its best."""
    sizes = {story.id: tuple(_photo_size(f.image) for f in story.figures) for story in job.issue.stories}
    with stage("fit", f"[{job.issue.language}]") as fitting:
        fit = Fitter(job.issue, lay_out, sizes, job.issue.publication.pages_multiple_of).fit(
            job.layout, job.kept)
        fitting.result = (f"{counted(fit.page_count, 'page')} in {counted(fit.layouts, 'layout')}, "
                          f"{fit.fill.mean_white:.0%} white")
    return EditionOutcome(job.issue.language, job.kind, job.name, fit.page_count, fit.layout,
                          choices=fit.choices, left=tuple(fit.left), layouts=fit.layouts,
                          target=fit.target, design_white=fit.design_white,
                          fill=fit.fill if fit.document is not None else None), fit.document


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


def _preflight_staged(job: EditionJob, photos: tuple[PlacedPhoto, ...]) -> FileReport:
    """The preflight of a PDF still in staging, reported under its final name, its
    photos known by the hash of the files it embeds."""
    final = job.out_dir / job.name
    known = {p.sha256: str(p.source.relative_to(job.issue.folder)) for p in photos}
    with stage("preflight", final.name) as checking:
        target = Target(job.kind, job.issue.language, job.staging / job.name,
                        tuple(s.headline for s in job.issue.stories), tuple(copy_notices(job.issue)),
                        foreign_words(job.issue))
        report = check_file(target, job.issue.publication, known,
                            measured=job.out_dir / "photos" / "preflight.json",
                            fonts=job.fonts.postscript_names())
        checking.result = report.status
    return dataclasses.replace(report, path=final)


def _fit_report(document, issue: Issue) -> FitReport | None:
    """The fit report of the laid-out edition (a help: never a reason to stop the build)."""
    try:
        return measure_fit(document, issue.publication.pages_multiple_of)
    except Exception as error:  # noqa: BLE001  a help for the officer must never stop the build
        log.warning("fit: no report for %s (%s: %s)", issue.language, type(error).__name__, error)
        return None


def _spacing(document, issue: Issue) -> IssueSpacing | None:
    """The word spacing of the laid-out edition's body text (a help, as the fit report is)."""
    try:
        return measure_spacing(document)
    except Exception as error:  # noqa: BLE001  a help for the officer must never stop the build
        log.warning("fit: no word spacing for %s (%s: %s)", issue.language, type(error).__name__, error)
        return None
