"""Preflight as a stage: each PDF read once, then held to its edition's checks.

The checks come from one table, `CHECKS`, merged from the rooms that hold them
(common, press, reader); an edition's spec names the ones that apply
(`EditionSpec.checks`). A new check is an entry in a room's table and a name in
a spec, not a new branch here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

import pikepdf

from ..content.model import Publication
from ..editions import EDITIONS
from . import common, press, reader, tagged
from .context import Check, CheckContext
from .memory import PhotoMemory
from .report import FAIL, FileReport, Finding, Report, Target, merge
from .scanner import ContentScan

CHECKS: Mapping[str, Check] = MappingProxyType({**common.CHECKS, **press.CHECKS, **reader.CHECKS,
                                                **tagged.CHECKS})
# What a PDF that cannot be read through raises, and is reported as a fail of its structure.
UNREADABLE = (KeyError, AttributeError, TypeError, ValueError, OSError, pikepdf.PdfError)

Job = tuple[Target, Publication, dict[str, str], None, frozenset[str] | None]


def preflight(targets: list[Target], publication: Publication,
              photos: dict[str, str] | None = None, title: str = "",
              map: Callable[..., Iterable[FileReport]] = map,
              fonts: frozenset[str] | None = None) -> Report:
    """Check every PDF; `photos` names the issue's photos by the sha256 of the placed file.

    `fonts` names the configured faces (their PostScript names): a PDF with any other
    font fails. `map` runs the files' checks: one after the other by default, or a pool's
    `map` (the function it is given pickles). There is no pool of its own: a
    build checks each file in the worker that wrote it (`check_file`), so the
    build's workers stay the project's one pool, and `bulletin check
    --preflight` measured no faster with a pool than without."""
    jobs: list[Job] = [(target, publication, photos or {}, None, fonts) for target in targets]
    return Report(title or publication.name, tuple(map(_check_job, jobs)))


def _check_job(job: Job) -> FileReport:
    return check_file(*job)


def check_file(target: Target, publication: Publication, photos: dict[str, str],
               measured: Path | None = None, fonts: frozenset[str] | None = None) -> FileReport:
    """Read one PDF through and check it for its edition.

    `measured` keeps, by the sha256 of their bytes, the photos read through so
    far and the total ink of the CMYK ones: a photo met again in a later build
    is neither decoded nor measured again (most of a warm print preflight)."""
    spec = EDITIONS[target.edition]
    checks = [CHECKS[name] for name in spec.checks]   # a name not in CHECKS raises, not "cannot be read"
    memory = PhotoMemory(measured)
    known = memory.size()
    with pikepdf.open(target.path) as pdf:
        pages = len(pdf.pages)
        try:
            scan = ContentScan(pdf, photos, memory)
            scan.run()
            context = CheckContext(pdf, scan, target, publication, spec, fonts)
            findings = [finding for check in checks for finding in check(context)]
        except UNREADABLE as err:
            findings = [Finding(FAIL, "structure", f"cannot be read through: {err}")]
    if memory.size() != known:
        memory.save()
    return FileReport(target.edition, target.language, target.path, pages, tuple(merge(findings)))
