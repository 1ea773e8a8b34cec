"""The few exceptions the pipeline raises; the CLI turns them into messages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentProblem:
    """One mistake in an issue's content, located in its file."""
    file: str          # as shown to the user: "issues/2017-04/issue.yaml"
    line: int          # 1-based
    column: int        # 1-based; 0 where a file has no columns to speak of (a CSV's lines)
    message: str

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}:" + (f"{self.column}:" if self.column else "")

    def __str__(self) -> str:
        return f"{self.place} {self.message}"


@dataclass(frozen=True)
class Location:
    """Where a value was read, for a problem found after loading (a chart that cannot
    be drawn legibly): its file, line and column, and its path in the file."""
    file: str
    line: int
    column: int
    where: str = ""

    def problem(self, message: str) -> ContentProblem:
        return ContentProblem(self.file, self.line, self.column,
                              f"{self.where}: {message}" if self.where else message)


class BulletinError(Exception):
    """Anything the user can fix; printed without a traceback, exit status 1."""


class ContentError(BulletinError):
    """Every problem found in an issue's content, reported together."""
    consequence = "nothing was written"

    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class SetupError(BulletinError):
    """The machine lacks something the build needs (a font, a system library)."""


class BuildError(BulletinError):
    """Rendering failed or produced a defect (e.g. a WeasyPrint warning)."""


class RecipientsError(ContentError):
    """Every mistake in a recipients or suppression list, reported together: no message goes."""
    consequence = "nothing was sent"


class DispatchError(BulletinError):
    """Sending or delivery stopped (a server refused, a resume would mix editions): the
    message says why and what to do; the outbox or the delivery record keeps the place."""
