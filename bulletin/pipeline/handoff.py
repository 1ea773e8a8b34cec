"""The print shop hand-off: `build/<id>/print/` with the press PDFs, preflight and job sheet
(as text for the shop, and as JSON for `bulletin deliver`'s job ticket).

Written only when preflight found no fail, and removed when a later build
fails, so whatever sits in that folder is ready for press.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from ..content.model import Issue
from ..editions import EditionFile
from ..files import make_staging_folder
from ..preflight import Report
from ..preflight.common import TRIM_SIZES_MM
from ..typeset.profiles import PressProfile

log = logging.getLogger("bulletin.handoff")
FOLDER = "print"
JOB_SHEET = "job-sheet.txt"
JOB_SHEET_JSON = "job-sheet.json"


def hand_off(out_dir: Path, issue: Issue, editions: tuple[EditionFile, ...], report: Report,
             report_text: str, profile: PressProfile) -> Path | None:
    """Replace `out_dir/print/` with this build's press files; None (and no folder) on a fail."""
    target = out_dir / FOLDER
    if report.failed:
        shutil.rmtree(target, ignore_errors=True)
        log.info("handoff: withheld, preflight failed")
        return None
    press = [e for e in editions if e.spec.hands_off]
    staging = make_staging_folder(out_dir, FOLDER)   # not mkdtemp's 0700: the shop's account reads it
    try:
        for edition in press:
            shutil.copy2(edition.path, staging / edition.path.name)
        (staging / "preflight.txt").write_text(report_text, encoding="utf-8")
        rows = job_sheet_rows(issue, press, report, profile)
        (staging / JOB_SHEET).write_text(job_sheet_text(rows), encoding="utf-8")
        (staging / JOB_SHEET_JSON).write_text(json.dumps(dict(rows), ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8")
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("handoff: %s", target)
    return target


def job_sheet_rows(issue: Issue, press: list[EditionFile], report: Report,
                   profile: PressProfile) -> list[tuple[str, str]]:
    """What the print shop needs to quote and run the job, one (label, fact) each."""
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
        digest = hashlib.sha256(edition.path.read_bytes()).hexdigest()
        rows.append((f"File ({edition.language})",
                     f"{edition.path.name}: {edition.pages} pages, {edition.bytes / 1e6:.1f} MB, "
                     f"sha256 {digest}"))
    return rows


def job_sheet_text(rows: list[tuple[str, str]], title: str = "Print job") -> str:
    """The rows one fact a line, the facts aligned."""
    width = max(len(label) for label, _ in rows) + 2
    return f"{title}\n\n" + "".join(f"{label + ':':<{width}}{value}\n" for label, value in rows)


def _trim(page_size: str) -> str:
    width, height = TRIM_SIZES_MM.get(page_size, (210, 297))
    return f"{width:g} × {height:g} mm"


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` in `target`'s place; the old folder goes only once the new one is whole."""
    old = None
    if target.exists():
        old = make_staging_folder(target.parent, "old-")
        os.replace(target, old / FOLDER)
    os.replace(staging, target)
    if old:
        shutil.rmtree(old, ignore_errors=True)
