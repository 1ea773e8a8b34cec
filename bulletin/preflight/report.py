"""What preflight finds and how it is shown: findings per file, a report per build.

These are the types that cross a worker's process boundary (by pickling) and
that the pipeline writes out as preflight.txt and build.json; they need
nothing of pikepdf.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.readiness import Notice
from ..editions import EditionKind
from ..progress import counted

PASS, WARN, FAIL = "pass", "warn", "fail"
RANK = {PASS: 0, WARN: 1, FAIL: 2}
# The order of the report's lines, by the check a finding names (not the
# registry's keys: both editions' image checks report as "images").
CHECK_ORDER = ("structure", "copy", "pdf/x", "tags", "headings", "artifacts", "languages", "metadata",
               "bookmarks", "boxes", "pages",
               "fonts", "images", "colour", "ink", "black text", "small type", "annotations", "alt text",
               "links", "link tags", "link text", "size")


@dataclass(frozen=True)
class Finding:
    status: str                  # pass | warn | fail
    check: str                   # one of CHECK_ORDER
    message: str
    pages: tuple[int, ...] = ()  # 1-based; empty for the whole file
    object: str = ""             # the image, font, annotation ... concerned

    def brief(self) -> str:
        """One line for a terminal: check, pages, object, message."""
        where = f" {pages_label(self.pages)}" if self.pages else ""
        what = f" {self.object}" if self.object else ""
        return f"{self.check}{where}{what}: {self.message}"

    def line(self) -> str:
        where = pages_label(self.pages) if self.pages else "-"
        what = f"{self.object}: " if self.object else ""
        return f"  {self.status.upper():4}  {self.check:<11} {where:<8} {what}{self.message}"


@dataclass(frozen=True)
class FileReport:
    edition: EditionKind
    language: str
    path: Path
    pages: int
    findings: tuple[Finding, ...]

    @property
    def status(self) -> str:
        return max((f.status for f in self.findings), key=RANK.__getitem__, default=PASS)


@dataclass(frozen=True)
class Report:
    title: str                   # "Milestones 2017-04"
    files: tuple[FileReport, ...]

    @property
    def status(self) -> str:
        return max((f.status for f in self.files), key=RANK.__getitem__, default=PASS)

    @property
    def failed(self) -> bool:
        return self.status == FAIL

    def count(self, status: str) -> int:
        return sum(1 for f in self.files for x in f.findings if x.status == status)

    def lines(self, status: str) -> list[str]:
        return [f"{f.path.name}: {x.brief()}" for f in self.files
                for x in f.findings if x.status == status]

    def failure(self, where: Path) -> str:
        """The message of a failed preflight: every fail, and what was (not) written."""
        lines = self.lines(FAIL)
        return (f"preflight failed ({len(lines)} fail): the PDFs are in {where}/ to check, the "
                "print shop hand-off is withheld:\n  " + "\n  ".join(lines))

    def text(self) -> str:
        """preflight.txt: the verdict, then every check of every file."""
        head = (f"Preflight of {self.title}: {self.status.upper()} "
                f"({self.count(FAIL)} fail, {self.count(WARN)} warn)")
        blocks = [head, ""]
        for file in self.files:
            blocks.append(f"{file.path.name}  ({file.edition} edition, {file.language}, "
                          f"{counted(file.pages, 'page')}): {file.status.upper()}")
            blocks += [finding.line() for finding in file.findings]
            blocks.append("")
        return "\n".join(blocks)

    def as_json(self) -> dict:
        return {"title": self.title, "status": self.status, "fail": self.count(FAIL),
                "warn": self.count(WARN),
                "files": [{"path": f.path.name, "edition": f.edition, "language": f.language,
                           "status": f.status,
                           "findings": [{"status": x.status, "check": x.check,
                                         "pages": list(x.pages), "object": x.object,
                                         "message": x.message} for x in f.findings]}
                          for f in self.files]}


@dataclass(frozen=True)
class Target:
    """One PDF to preflight and what it is held to."""
    edition: EditionKind
    language: str
    path: Path
    headlines: tuple[str, ...] = ()   # each story's, to find among the email's bookmarks
    copy: tuple[Notice, ...] = ()     # what its content has not finished (content.readiness)
    foreign: tuple[tuple[str, str], ...] = ()   # (words, language) it prints in another language

    def __post_init__(self) -> None:
        # An edition given by name ("print") is kept as its kind: a name that is
        # no edition fails here, not halfway through the checks.
        object.__setattr__(self, "edition", EditionKind(self.edition))


def merge(findings: list[Finding]) -> list[Finding]:
    """One line per (status, check, object, message), its pages together; in CHECK_ORDER."""
    merged: dict[tuple, set] = {}
    for f in findings:
        merged.setdefault((f.status, f.check, f.object, f.message), set()).update(f.pages)
    out = [Finding(s, c, m, tuple(sorted(p)), o) for (s, c, o, m), p in merged.items()]
    return sorted(out, key=lambda f: (CHECK_ORDER.index(f.check), -RANK[f.status], f.pages, f.object,
                                      f.message))


def pages_label(pages: tuple[int, ...]) -> str:
    """Pages as runs: p.1-3,5."""
    runs, start = [], None
    for i, page in enumerate(pages):
        if start is None:
            start = page
        if i + 1 == len(pages) or pages[i + 1] != page + 1:
            runs.append(f"{start}" if start == page else f"{start}-{page}")
            start = None
    return "p." + ",".join(runs)
