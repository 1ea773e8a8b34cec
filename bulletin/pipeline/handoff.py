"""The print shop hand-off: `build/<id>/print/` with the press PDFs, preflight and job sheet
(as text for the shop, and as JSON for `bulletin deliver`'s job ticket).

Written only when preflight found no fail, and removed when a later build
fails, so whatever sits in that folder is ready for press. It is made in the
build's staging folder and moves into place with the other outputs.
"""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from ..content.model import Issue
from ..editions import EditionFile
from ..files import normal_mode
from ..preflight import Report
from ..preflight.common import TRIM_SIZES_MM
from ..progress import counted
from ..typeset.profiles import PressProfile

log = logging.getLogger("bulletin.handoff")
FOLDER = "print"
JOB_SHEET_JSON = "job-sheet.json"
JOB_SHEET = "job-sheet.txt"


def hand_off(staging: Path, issue: Issue, editions: tuple[EditionFile, ...], report: Report,
             report_text: str, profile: PressProfile) -> Path | None:
    """This build's press files in `staging/print/`, the PDFs read from `staging`;
    None (and no folder: the previous one is to go) on a fail."""
    if report.failed:
        log.info("handoff: withheld, preflight failed")
        return None
    press = [e for e in editions if e.spec.hands_off]
    target = staging / FOLDER
    target.mkdir(mode=normal_mode(folder=True))    # the shop's account reads it
    target.chmod(normal_mode(folder=True))
    for edition in press:
        _link_or_copy(staging / edition.path.name, target / edition.path.name)
    (target / "preflight.txt").write_text(report_text, encoding="utf-8")
    rows = job_sheet_rows(issue, press, report, profile, staging)
    (target / JOB_SHEET).write_text(job_sheet_text(rows), encoding="utf-8")
    (target / JOB_SHEET_JSON).write_text(json.dumps(dict(rows), ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
    log.info("handoff: %s", target.name)
    return target


def _link_or_copy(source: Path, copy: Path) -> None:
    """The press PDF in print/ as a second name of the staged file (no room needed), or
    a copy where the filesystem has no hard links."""
    try:
        os.link(source, copy)
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(source, copy)


def job_sheet_rows(issue: Issue, press: list[EditionFile], report: Report, profile: PressProfile,
                   folder: Path | None = None) -> list[tuple[str, str]]:
    """What the print shop needs to quote and run the job, one (label, fact) each; the
    PDFs read from `folder` when they are staged there."""
    publication, run = issue.publication, issue.publication.print_run
    contacts = publication.contacts
    contact = run.contact or "; ".join(v for v in (contacts.email, contacts.phone, contacts.address) if v)
    warnings = report.count("warn")
    pages = sorted({e.pages for e in press})
    rows = [
        ("Publication", f"{publication.name} ({publication.publisher})"),
        ("Issue", f"No. {issue.number}, {issue.period} ({issue.id}), dated {issue.date}"),
        ("Trim size", f"{publication.page_size} ({_trim(publication.page_size)})"),
        ("Bleed", f"{publication.bleed_mm:g} mm on every side; no crop marks: the TrimBox marks the cut"),
        ("Pages", ", ".join(str(n) for n in pages)),
        ("Binding", f"{run.binding} (pages in multiples of {publication.pages_multiple_of})"),
        ("Colour", "CMYK and grey only, PDF/X-4"),
        ("Colour profile", f"{profile.identifier}, {profile.condition}; {profile.source}"),
        ("Total ink limit", f"{run.ink_limit:g} %"),
        *([("Paper", run.paper)] if run.paper else []),
        ("Contact", contact),
        ("Preflight", f"{report.status}, {warnings} warning{'s' * (warnings != 1)} (preflight.txt)"),
    ]
    for edition in press:
        digest = hashlib.sha256((folder / edition.path.name if folder else edition.path).read_bytes()).hexdigest()
        rows.append((f"File ({edition.language})",
                     f"{edition.path.name}: {counted(edition.pages, 'page')}, {edition.bytes / 1e6:.1f} MB, "
                     f"sha256 {digest}"))
    return rows


def job_sheet_text(rows: list[tuple[str, str]], title: str = "Print job") -> str:
    """The rows one fact a line, the facts aligned."""
    width = max(len(label) for label, _ in rows) + 2
    return f"{title}\n\n" + "".join(f"{label + ':':<{width}}{value}\n" for label, value in rows)


def _trim(page_size: str) -> str:
    width, height = TRIM_SIZES_MM.get(page_size, (210, 297))
    return f"{width:g} × {height:g} mm"
