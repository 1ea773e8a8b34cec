"""The work a build hands its worker processes: one edition of one language each.

A job is typeset into the build's staging folder, its fit measured (once per
language: both editions share one layout) and, when the build is complete,
preflighted there; what comes back is an `EditionOutcome`. Jobs and outcomes
are plain dataclasses: they cross the process boundary by pickling.
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Issue
from ..editions import EDITIONS, EditionKind, EditionSpec
from ..preflight import FileReport, Target, check_file
from ..progress import stage
from ..project import Project
from ..typeset import Confinement, FontSet, PressProfile, press_profile, typeset
from ..typeset.fit import FitReport
from ..typeset.fit import measure as measure_fit

log = logging.getLogger("bulletin.build")


@dataclass(frozen=True)
class EditionJob:
    """One edition of one language to typeset (and preflight) into `staging`."""
    issue: Issue
    kind: EditionKind
    html: str
    fonts: FontSet
    project: Project
    out_dir: Path
    staging: Path
    measure_fit: bool                         # the first edition of its language
    known_photos: dict[str, str] | None       # sha256 -> source: preflight it; None: do not

    @property
    def spec(self) -> EditionSpec:
        return EDITIONS[self.kind]

    @property
    def name(self) -> str:
        return output_name(self.issue, self.spec)


@dataclass(frozen=True)
class EditionOutcome:
    """What a worker made of a job: the staged PDF, its fit and its preflight."""
    language: str
    kind: EditionKind
    name: str
    pages: int
    fit: FitReport | None
    report: FileReport | None


def output_name(issue: Issue, edition: EditionSpec) -> str:
    return f"{issue.publication.slug}-{issue.id}-{issue.language}{edition.file_suffix}.pdf"


def issue_press_profile(issue: Issue) -> PressProfile:
    """The print edition's press profile (built once per machine; see typeset.profiles)."""
    run = issue.publication.print_run
    return press_profile(run.profile, run.ink_limit, issue.folder.parent)


def photo_owners(issue: Issue) -> dict[Path, str]:
    """Each photo's story, so that a refused reference names it."""
    return {figure.image: f"story '{story.id}'" for story in issue.stories for figure in story.figures}


def typeset_edition(job: EditionJob) -> EditionOutcome:
    """One edition of one language, typeset into staging and preflighted there
    (runs in a worker process)."""
    issue, spec = job.issue, job.spec
    confinement = Confinement(roots=(issue.folder, job.project.styles, job.project.fonts,
                                     job.out_dir, *{f.path.parent.resolve() for f in job.fonts.faces}),
                              owners=photo_owners(issue))
    fits: list[FitReport] = []
    pages = typeset(job.html, spec, job.staging / job.name, publication=issue.publication,
                    fonts=job.fonts, styles_dir=job.project.styles, base_url=job.project.root,
                    confinement=confinement,
                    profile=issue_press_profile(issue) if spec.press else None,
                    on_layout=_fit_measurer(fits, issue) if job.measure_fit else None)
    report = _preflight_staged(job) if job.known_photos is not None else None
    return EditionOutcome(issue.language, job.kind, job.name, pages,
                          fits[0] if fits else None, report)


def _preflight_staged(job: EditionJob) -> FileReport:
    """The preflight of a PDF still in staging, reported under its final name."""
    final = job.out_dir / job.name
    with stage("preflight", final.name) as checking:
        target = Target(job.kind, job.issue.language, job.staging / job.name,
                        tuple(s.headline for s in job.issue.stories))
        report = check_file(target, job.issue.publication, job.known_photos or {},
                            measured=job.out_dir / "photos" / "preflight.json")
        checking.result = report.status
    return dataclasses.replace(report, path=final)


def _fit_measurer(fits: list[FitReport], issue: Issue):
    """Measures the fit of `issue`'s layout into `fits`."""
    def measure(document) -> None:
        try:
            fits.append(measure_fit(document, issue.publication.pages_multiple_of))
        except Exception as error:  # noqa: BLE001  a help for the officer must never stop the build
            log.warning("fit: no report for %s (%s: %s)", issue.language,
                        type(error).__name__, error)
    return measure
