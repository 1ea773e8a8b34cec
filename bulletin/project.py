"""The folders of a bulletin project: issues/, styles/, fonts/, build/, mailing/, deliveries/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def of_issue(cls, issue_dir: Path) -> Project:
        return cls(issue_dir.resolve().parent.parent)

    @property
    def issues(self) -> Path:
        return self.root / "issues"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def fonts(self) -> Path:
        return self.root / "fonts"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def mailing(self) -> Path:
        """Recipients, the suppression list and each issue's outbox: personal data, never
        under build/ (cleaned away) and never committed (.gitignore)."""
        return self.root / "mailing"

    @property
    def deliveries(self) -> Path:
        """What went to the print shop, per issue: versions and checksums, committed."""
        return self.root / "deliveries"
