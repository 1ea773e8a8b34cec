"""The folders of a bulletin project: issues/, styles/, fonts/, build/."""
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
