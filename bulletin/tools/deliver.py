"""`bulletin deliver`: the print hand-off packaged for the print shop.

One zip per version, `<slug>-<id>-v<N>.zip`, holding a folder of the same name: the
print PDFs, the job ticket (the hand-off's job sheet and what publication.yaml's
`deliver:` adds: copies, papers, proof, delivery) as text and JSON, the preflight
report, the contact sheet when `bulletin proof` made one from these PDFs, and
SHA256SUMS (`sha256sum -c SHA256SUMS` checks them). Beside the zip, a covering note
with its checksum, for the message to the shop.

The version rises only when a PDF changes: `deliveries/<id>.json` (committed) records
each version's PDFs and whether it was uploaded. The zip is written the same, byte
for byte, from the same files, so a version made again is the version sent.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..content import load_languages
from ..content.fields import PROOFS
from ..content.model import Issue
from ..errors import DispatchError
from ..files import folder_lock, shown_path, shown_size, write_atomically
from ..pipeline.handoff import FOLDER, JOB_SHEET_JSON, job_sheet_text
from ..pipeline.outputs import MANIFEST
from ..project import Project

SUMS = "SHA256SUMS"


@dataclass(frozen=True)
class Package:
    issue: Issue
    version: int
    zip: Path
    note: Path
    sha256: str
    pdfs: dict[str, str]          # name -> sha256
    made: bool                    # a new version (False: the PDFs of the last one)
    record: Path                  # deliveries/<id>.json

    @property
    def name(self) -> str:
        return self.zip.stem

    def summary(self) -> str:
        state = "new version" if self.made else "unchanged PDFs: the same version"
        return (f"{'deliver':<9} {shown_path(self.zip)}  version {self.version} ({state}), "
                f"{shown_size(self.zip.stat().st_size)}, sha256 {self.sha256}\n"
                f"{'note':<9} {shown_path(self.note)}")


def deliver(issue_dir: Path, out_dir: Path | None = None) -> Package:
    """Package the last build's hand-off; the version and its files recorded in deliveries/."""
    issues = load_languages(issue_dir)
    issue, project = issues[0], Project.of_issue(issue_dir)
    build = project.build / issue.id
    handoff = build / FOLDER
    if not (handoff / JOB_SHEET_JSON).is_file():
        raise DispatchError(f"no print hand-off in {shown_path(handoff)}/: it is written when a build's "
                            f"preflight passes (run bulletin build {shown_path(issue_dir)}; see "
                            f"{shown_path(build / 'preflight.txt')})")
    project.deliveries.mkdir(parents=True, exist_ok=True)
    with folder_lock(project.deliveries):
        return _package(issues, handoff, out_dir or build / "deliver", project.deliveries / f"{issue.id}.json")


def _package(issues: list[Issue], handoff: Path, out_dir: Path, record_path: Path) -> Package:
    issue = issues[0]
    pdfs = {p.name: _sha256(p.read_bytes()) for p in sorted(handoff.glob("*.pdf"))}
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.is_file() else {"versions": []}
    last = record["versions"][-1] if record["versions"] else None
    made = last is None or last["pdfs"] != pdfs
    version = last["version"] + (1 if made else 0) if last else 1
    name = f"{issue.publication.slug}-{issue.id}-v{version}"
    pages = _pages(handoff.parent)
    ticket = job_ticket(issues, json.loads((handoff / JOB_SHEET_JSON).read_text(encoding="utf-8")), version,
                        pdfs, pages)
    files = {pdf: (handoff / pdf).read_bytes() for pdf in pdfs}
    files |= {"job-ticket.txt": job_sheet_text(ticket["rows"], "Print job ticket").encode(),
              "job-ticket.json": (json.dumps(ticket["json"], ensure_ascii=False, indent=2) + "\n").encode(),
              "preflight.txt": (handoff / "preflight.txt").read_bytes(),
              **_contact_sheets(handoff.parent, pdfs)}
    files[SUMS] = "".join(f"{_sha256(data)}  {file}\n" for file, data in sorted(files.items())).encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    data = _zip(name, files, issue.date)
    zip_path = write_atomically(out_dir / f"{name}.zip", data)
    digest = _sha256(data)
    note = write_atomically(out_dir / f"{name}-note.txt",
                            covering_note(issue, name, digest, len(data), pdfs, pages, ticket, last, made))
    if made:
        record["versions"].append({"version": version, "made": dt.date.today().isoformat(), "pdfs": pdfs,
                                   "zip": zip_path.name, "sha256": digest, "uploaded": None})
    else:
        record["versions"][-1]["sha256"] = digest        # the same PDFs; a changed ticket shows here
    write_atomically(record_path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return Package(issue, version, zip_path, note, digest, pdfs, made, record_path)


def job_ticket(issues: list[Issue], sheet: dict[str, str], version: int, pdfs: dict[str, str],
               pages: dict[str, int]) -> dict:
    """The job sheet and what the shop needs beyond it, as rows for text and as JSON."""
    issue = issues[0]
    delivery, run = issue.publication.delivery, issue.publication.print_run
    due = dt.date.fromisoformat(issue.date) - dt.timedelta(days=delivery.days_before)
    copies = {i.language: delivery.copies.get(i.language) for i in issues}
    rows = [("Version", f"{version}"), *sheet.items(),
            ("Copies", ", ".join(f"{lang} {n}" if n else f"{lang} (ask the office)" for lang, n in copies.items())),
            ("Paper (cover)", delivery.cover_paper or "as the text (self-cover)"),
            ("Proof", PROOFS[delivery.proof]),
            ("Delivery", f"by {due.isoformat()}" + (f" to {delivery.address}" if delivery.address else ""))]
    return {"rows": rows, "json": {
        "version": version, "job_sheet": sheet, "copies": copies,
        "paper": {"text": run.paper, "cover": delivery.cover_paper or run.paper},
        "proof": delivery.proof, "delivery": {"date": due.isoformat(), "address": delivery.address},
        "files": [{"name": name, "sha256": digest, "pages": pages.get(name)} for name, digest in pdfs.items()]}}


def covering_note(issue: Issue, name: str, digest: str, size: int, pdfs: dict[str, str], pages: dict[str, int],
                  ticket: dict, last: dict | None, made: bool) -> str:
    """A short note for the message to the shop: what the zip is, its checksums, what changed."""
    publication = issue.publication
    version = name.rsplit("-v", 1)[1]
    if last is None:
        history = f"Version {version}, the first files of this issue."
    elif made:
        changed = sorted(n for n in pdfs if last["pdfs"].get(n) != pdfs[n]) or sorted(set(last["pdfs"]) - set(pdfs))
        history = f"Version {version}, replacing version {last['version']}; changed: {', '.join(changed)}."
    else:
        history = f"Version {version}, with the same PDFs as when it was first made."
    rows = dict(ticket["rows"])
    lines = [f"{publication.name} No. {issue.number}, {issue.period} ({issue.id}): print files",
             "", f"{name}.zip, {shown_size(size)}, sha256 {digest}", history,
             "", "The PDFs (sha256sum -c SHA256SUMS in the zip's folder checks every file):"]
    lines += [f"  {digest_}  {pdf}  ({pages.get(pdf, '?')} pages)" for pdf, digest_ in pdfs.items()]
    lines += ["", *(f"{label}: {rows[label]}" for label in ("Copies", "Paper (cover)", "Proof", "Delivery")),
              "The job ticket (job-ticket.txt and .json) and the preflight report are in the zip.",
              "", publication.publisher, publication.contacts.address,
              *(v for v in (publication.contacts.email, publication.contacts.phone) if v)]
    return "\n".join(lines) + "\n"


def _zip(name: str, files: dict[str, bytes], date: str) -> bytes:
    """The same bytes from the same files: entries in order, dated the issue's date."""
    stamp = (*dt.date.fromisoformat(date).timetuple()[:3], 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in sorted(files):
            info = zipfile.ZipInfo(f"{name}/{file}", date_time=stamp)
            info.external_attr = 0o644 << 16
            # PDFs and PNGs are compressed already: stored, they open straight from the zip.
            info.compress_type = zipfile.ZIP_STORED if file.endswith((".pdf", ".png")) else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[file])
    return buffer.getvalue()


def _contact_sheets(build: Path, pdfs: dict[str, str]) -> dict[str, bytes]:
    """The contact sheets `bulletin proof` made from these very PDFs (not older ones)."""
    sheets = {}
    for pdf in pdfs:
        sheet = build / "proof" / f"{Path(pdf).stem}-contact-sheet.png"
        built = build / pdf
        if sheet.is_file() and built.is_file() and sheet.stat().st_mtime >= built.stat().st_mtime:
            sheets[sheet.name] = sheet.read_bytes()
    return sheets


def _pages(build: Path) -> dict[str, int]:
    try:
        outputs = json.loads((build / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError):
        return {}
    return {Path(o["path"]).name: o["pages"] for o in outputs}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
