"""The few exceptions the pipeline raises; the CLI turns them into messages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentProblem:
    """One mistake in an issue's content, located in its file."""
    file: str          # as shown to the user: "issues/2017-04/issue.yaml"
    line: int          # 1-based
    column: int        # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


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

    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class SetupError(BulletinError):
    """The machine lacks something the build needs (a font, a system library)."""


class BuildError(BulletinError):
    """Rendering failed or produced a defect (e.g. a WeasyPrint warning)."""
