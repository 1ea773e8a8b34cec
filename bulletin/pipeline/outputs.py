"""A build's outputs in its folder: staged, then renamed into place all together,
and described in build.json.

Everything a build promises (the PDFs, preflight.txt, the print shop's `print/`,
the HTML kept, build.json) is made in a staging folder beside its final place
and renamed into it only when all of it is made, together: a failed or
interrupted build leaves the previous outputs exactly as they were (see
`files.replace_together`).
"""
from __future__ import annotations

import contextlib
import errno
import math
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..compose.layout import IssueLayout, layout_as_json
from ..content.model import Issue
from ..editions import EditionFile, EditionKind
from ..errors import BuildError
from ..files import PartlyReplaced, clear_abandoned, make_staging_folder, replace_together, shown_path
from ..preflight import Report
from ..typeset.fit import FitReport
from .jobs import EditionOutcome, PlacedPhoto

if TYPE_CHECKING:
    from .workers import Workers

MANIFEST = "build.json"
REPORT = "preflight.txt"
HTML_FOLDER = "html"
# Errors of the disk rather than of the build, told in plain words (see `disk_problem`).
FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
DENIED = (errno.EACCES, errno.EPERM)
IN_THE_WAY = (errno.EISDIR, errno.ENOTDIR, errno.ENOTEMPTY, errno.EEXIST)


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
    languages_left: tuple[str, ...] = ()  # the issue's languages not built (`--lang` named others)

    @property
    def layouts(self) -> dict[str, IssueLayout]:
        return {language: outcome.layout for language, outcome in self.fitted.items()}


def out_folder(path: Path) -> Path:
    """The build's output folder, made if missing: a folder, never a file."""
    path = path.resolve()
    if path.exists() and not path.is_dir():
        raise BuildError(f"{shown_path(path)} is a file, not a folder (give --out a folder: "
                         "it is made if missing)")
    with plain_errors(path):
        path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def plain_errors(out_dir: Path, room: int = 0) -> Iterator[None]:
    """A full disk, a read-only or forbidden folder told as what to free or change,
    instead of an internal error; and, as every such failure comes before the outputs
    are renamed or after that was undone, that the previous outputs are untouched.
    `room` is what the build needs on the disk besides its outputs (bytes)."""
    try:
        yield
    except PartlyReplaced as err:
        raise BuildError(f"the outputs could not all be replaced: {err}. Build again once the "
                         "disk is sound.") from err
    except OSError as err:
        problem = disk_problem(err, out_dir, room)
        if problem is None:
            raise
        raise BuildError(f"{problem}. The previous outputs are untouched.") from err


def disk_problem(err: OSError, out_dir: Path, room: int = 0) -> str | None:
    """What the user is to free or change for `err`, if it is the disk's doing."""
    path = Path(err.filename) if err.filename else out_dir
    writing = path.is_relative_to(out_dir) or out_dir.is_relative_to(path)
    folder = shown_path(out_dir if writing else path.parent) + "/"
    elsewhere = "or build elsewhere with --out DIR"
    if err.errno in IN_THE_WAY and err.filename2 and Path(err.filename2).is_relative_to(out_dir):
        return (f"{shown_path(err.filename2)} stands where an output goes ({err.strerror}): "
                f"move it out of {folder}")
    if err.errno in FULL:
        free = shutil.disk_usage(out_dir).free if out_dir.exists() else 0
        need = room + 2 * _outputs_size(out_dir) + 1_000_000
        return (f"no space left on the disk holding {folder} ({free / 1e6:.1f} MB free): free at least "
                f"{math.ceil(need / 1e6)} MB there (while it typesets, a build keeps WeasyPrint's copies "
                f"of the fonts and its new PDFs beside the last ones), {elsewhere}")
    if err.errno == errno.EROFS:
        return (f"{folder} is on a read-only filesystem: the outputs cannot be written there "
                f"(remount it read-write, {elsewhere})")
    if err.errno in DENIED:
        if writing:
            return (f"no permission to write in {folder} ({err.strerror}): change its permissions "
                    f"(chmod u+w {folder}), {elsewhere}")
        return (f"no permission to read {shown_path(path)} ({err.strerror}): change its permissions "
                "(chmod u+r)")
    return None


def _outputs_size(out_dir: Path) -> int:
    """The bytes the last build's PDFs take in `out_dir`."""
    try:
        return sum(p.stat().st_size for p in out_dir.glob("*.pdf") if p.is_file())
    except OSError:
        return 0


@contextlib.contextmanager
def staging_folder(out_dir: Path, workers: Workers) -> Iterator[Path]:
    """A folder for `workers` to render into, removed once they have stopped (a worker still
    writing a PDF into it would leave it behind); what killed builds left is cleared first."""
    clear_abandoned(out_dir)
    staging = make_staging_folder(out_dir)
    try:
        yield staging
    finally:
        workers.stop()
        shutil.rmtree(staging, ignore_errors=True)


def staged_editions(staging: Path, out_dir: Path,
                    outcomes: list[EditionOutcome]) -> tuple[EditionFile, ...]:
    """The PDFs the outcomes staged, under the paths they will have in `out_dir`."""
    return tuple(EditionFile(o.kind, o.language, out_dir / o.name, o.pages, (staging / o.name).stat().st_size)
                 for o in outcomes)


def move_into_place(staging: Path, out_dir: Path, names: list[str], removed: Sequence[str]) -> None:
    """Replace the previous outputs by the staged ones (`names`, build.json last) and
    take `removed` away, all together or not at all."""
    replace_together(staging, out_dir, names, removed)


def photo_records(issues: list[Issue], photos: Mapping[tuple[str, EditionKind], tuple[PlacedPhoto, ...]],
                  out_dir: Path) -> list[dict]:
    """Which file each edition of each language embeds for each photo, and its
    pixels, with the hash preflight knows it by."""
    folders = {issue.language: issue.folder for issue in issues}
    return [{"source": str(photo.source.relative_to(folders[language])), "language": language,
             "edition": kind.value, "file": os.path.relpath(photo.file, out_dir),
             "pixels": list(photo.pixels), "sha256": photo.sha256}
            for (language, kind), placed in photos.items() for photo in placed]


def manifest(result: BuildResult, photos: list[dict], earlier: dict | None = None) -> dict:
    """build.json: every output, the charts drawn and reused, the fit per language,
    and for a complete build each output's preflight, the hand-off and the photos.
    A build of some languages keeps the others' entries from the `earlier` build.json,
    marked as such, while their PDFs are still there."""
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
        data["handoff"] = None if report.failed or result.languages_left else "print/"
        data["photos"] = photos
    if result.languages_left:
        data["languages_built"] = sorted({e.language for e in result.editions})
        data["outputs"] += _kept_outputs(result, earlier)
        data["fit"].update({language: fit for language, fit in (earlier or {}).get("fit", {}).items()
                            if language in result.languages_left})
    return data


def _kept_outputs(result: BuildResult, earlier: dict | None) -> list[dict]:
    """The earlier build's outputs in the languages this one left out, still on disk."""
    kept = []
    for output in (earlier or {}).get("outputs", []):
        name = str(output.get("path", ""))
        path = result.out_dir / name
        if output.get("language") in result.languages_left and Path(name).name == name and path.is_file() \
                and path.stat().st_size == output.get("bytes"):
            kept.append({**output, "kept": "from an earlier build"})
    return kept


def _fit_json(fit: FitReport, fitted: EditionOutcome | None) -> dict:
    """A language's fit: the report of its pages, how full each is, what the fitter chose."""
    data = fit.as_json()
    if fitted is not None and fitted.fill is not None:
        data["fill"] = fitted.fill.as_json()
        data["choices"] = [choice.as_json() for choice in fitted.choices]
        data["left"] = list(fitted.left)
        data["layouts"] = fitted.layouts
        data["design_mean_white"] = round(fitted.design_white, 3)
        if fitted.spacing is not None:
            data["spacing"] = fitted.spacing.as_json()
        data["layout"] = layout_as_json(fitted.layout)
    return data


def last_outputs(out_dir: Path, manifest_data: dict) -> list[EditionFile]:
    """The PDFs build.json lists, as EditionFiles."""
    return [EditionFile(EditionKind(o["edition"]), o["language"], out_dir / o["path"], o["pages"],
                        o["bytes"]) for o in manifest_data["outputs"]]
