"""A build's outputs in its folder: staged, then renamed into place all together,
and described in build.json.

PDFs are rendered into a staging folder beside their final place and renamed
into it only when every edition has rendered, so a failed or interrupted build
leaves the previous PDFs exactly as they were.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..compose.layout import IssueLayout, layout_as_json
from ..content.model import Issue
from ..editions import EditionFile, EditionKind
from ..files import clear_abandoned, make_staging_folder
from ..preflight import Report
from ..typeset.fit import FitReport
from .jobs import EditionOutcome, PlacedPhoto

MANIFEST = "build.json"


@dataclass(frozen=True)
class BuildResult:
    issue: Issue                       # in its first language
    out_dir: Path
    editions: tuple[EditionFile, ...]
    charts_drawn: int
    charts_reused: int
    preflight: Report | None = None    # None for a partial build (watch): not preflighted
    fits: dict[str, FitReport] = field(default_factory=dict)   # language -> its layout's fit
    fitted: dict[str, EditionOutcome] = field(default_factory=dict)  # language -> its fitted edition
    # (language, edition) -> the photos its PDF embeds
    photos: dict[tuple[str, EditionKind], tuple[PlacedPhoto, ...]] = field(default_factory=dict)

    @property
    def layouts(self) -> dict[str, IssueLayout]:
        return {language: outcome.layout for language, outcome in self.fitted.items()}


@contextlib.contextmanager
def staging_folder(out_dir: Path) -> Iterator[Path]:
    """A folder to render into, removed afterwards; what killed builds left is cleared first."""
    clear_abandoned(out_dir)
    staging = make_staging_folder(out_dir)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def move_into_place(staging: Path, out_dir: Path,
                    outcomes: list[EditionOutcome]) -> tuple[EditionFile, ...]:
    """Replace the previous PDFs by the staged ones, with Ctrl-C held until every
    rename is done: past the first, stopping would mix old and new."""
    editions = []
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for outcome in outcomes:
            final = out_dir / outcome.name
            os.replace(staging / outcome.name, final)
            editions.append(EditionFile(outcome.kind, outcome.language, final, outcome.pages,
                                        final.stat().st_size))
    finally:
        if signal.SIGINT in signal.sigpending():
            signal.sigwait({signal.SIGINT})   # too late to stop: the new PDFs are all in place
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return tuple(editions)


def photo_records(issues: list[Issue], photos: Mapping[tuple[str, EditionKind], tuple[PlacedPhoto, ...]],
                  out_dir: Path) -> list[dict]:
    """Which file each edition of each language embeds for each photo, and its
    pixels, with the hash preflight knows it by."""
    folders = {issue.language: issue.folder for issue in issues}
    return [{"source": str(photo.source.relative_to(folders[language])), "language": language,
             "edition": kind.value, "file": os.path.relpath(photo.file, out_dir),
             "pixels": list(photo.pixels), "sha256": photo.sha256}
            for (language, kind), placed in photos.items() for photo in placed]


def manifest(result: BuildResult, photos: list[dict]) -> dict:
    """build.json: every output, the charts drawn and reused, the fit per language,
    and for a complete build each output's preflight, the hand-off and the photos."""
    data: dict = {
        "bulletin": __version__,
        "issue": result.issue.id,
        "outputs": [{"path": str(e.path.relative_to(result.out_dir)), "edition": e.kind.value,
                     "language": e.language, "pages": e.pages, "bytes": e.bytes}
                    for e in result.editions],
        "charts": {"drawn": result.charts_drawn, "reused": result.charts_reused},
        "fit": {language: _fit_json(fit, result.fitted.get(language))
                for language, fit in result.fits.items()},
    }
    report = result.preflight
    if report is not None:
        status = {f.path.name: f.status for f in report.files}
        for output in data["outputs"]:
            output["preflight"] = status.get(Path(output["path"]).name)
        data["preflight"] = {"report": "preflight.txt", **report.as_json()}
        data["handoff"] = None if report.failed else "print/"
        data["photos"] = photos
    return data


def _fit_json(fit: FitReport, fitted: EditionOutcome | None) -> dict:
    """A language's fit: the report of its pages, how full each is, what the fitter chose."""
    data = fit.as_json()
    if fitted is not None and fitted.fill is not None:
        data["fill"] = fitted.fill.as_json()
        data["choices"] = [choice.as_json() for choice in fitted.choices]
        data["left"] = list(fitted.left)
        data["layouts"] = fitted.layouts
        data["design_mean_white"] = round(fitted.design_white, 3)
        data["layout"] = layout_as_json(fitted.layout)
    return data


def last_outputs(out_dir: Path, manifest_data: dict) -> list[EditionFile]:
    """The PDFs build.json lists, as EditionFiles."""
    return [EditionFile(EditionKind(o["edition"]), o["language"], out_dir / o["path"], o["pages"],
                        o["bytes"]) for o in manifest_data["outputs"]]
