"""The photos preflight has met, kept by the sha256 of their bytes between files and builds."""
from __future__ import annotations

import json
from pathlib import Path

from ..files import folder_lock, write_atomically


class PhotoMemory:
    """The photos preflight has met, by the sha256 of their bytes: those read
    through without error, and the total ink of the CMYK ones.

    `path` (a build's photos/preflight.json) keeps them from one build to the
    next and between the workers of one: each language's print file places
    the same photos. Without it, they are known for one file only."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.read_through: set[str] = set()
        self.inks: dict[str, float] = {}
        self._merge_file()

    def size(self) -> tuple[int, int]:
        return len(self.read_through), len(self.inks)

    def save(self) -> None:
        """Merged with what is there: each edition's worker writes it, and neither
        may lose what the other has just written."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with folder_lock(self.path.parent):
            self._merge_file()
            write_atomically(self.path, json.dumps({"read": sorted(self.read_through), "inks": self.inks},
                                                   indent=0, sort_keys=True))

    def _merge_file(self) -> None:
        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.read_through.update(str(d) for d in data.get("read", ()))
            self.inks.update({str(d): float(ink) for d, ink in data.get("inks", {}).items()})
        except (OSError, ValueError, TypeError, AttributeError):
            pass                          # none yet, or damaged: read and measured again
