"""The fitter's choices, kept from one build to the next.

Fitting takes several layouts; a rebuild should not pay them again for the
same content. The layout chosen for each language is kept in
`build/<id>/fit/`, under a key of everything the layout depends on: the issue
in that language, the charts and photos it places, the stylesheets,
templates and composing code, and the fitting code. With the same key the layout is used as it
is (one layout); with another (a word changed) it is where the fitter starts,
and the fitter stops at once if the pages still fill. Choices a different
fitting code made are not started from: a new fitter fits afresh.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from pathlib import Path

from ..compose import TEMPLATES
from ..compose.layout import IssueLayout, layout_as_json, layout_from_json
from ..content.model import Issue
from ..files import FileCache, write_atomically
from ..typeset import linecache
from ..typeset.fitter import Kept
from .jobs import Composition

log = logging.getLogger("bulletin.build")
FOLDER = "fit"
# The code whose change changes what a fit chooses: the fitter and what it imports of
# typeset, all the way down (a test holds it so).
_CODE = ("fitter.py", "planner.py", "holes.py", "elastic.py", "shapes.py", "pagemap.py", "fill.py",
         "front.py", "fit.py", "changes.py",
         *linecache.CODE)      # the lines set decide the stories' lengths


class Choices:
    """The layouts chosen for an issue's languages, in its build folder."""

    def __init__(self, out_dir: Path, styles: Path):
        self.cache = FileCache(out_dir / FOLDER)
        self.styles = styles

    def key(self, issue: Issue, composition: Composition) -> str:
        digest = hashlib.sha256(repr((issue, sorted(composition.chart_files.items()),
                                      sorted(composition.chart_alts.items()),
                                      sorted(composition.photos.items()))).encode())
        for path in (sorted(self.styles.glob("*.css")) + sorted(TEMPLATES.glob("*.j2"))
                     + sorted(TEMPLATES.parent.glob("*.py")) + _code_files()):   # compose's too: the HTML
            digest.update(path.read_bytes())
        return digest.hexdigest()[:24]

    def recall(self, issue: Issue, key: str) -> tuple[IssueLayout | None, Kept | None, bool]:
        """The layout kept for this content (and True), else the last one kept for the
        language when it still has the same stories (and False), else None; with what
        it made of the issue then."""
        exact = self.cache.find(key)
        if exact is not None:
            return *self._read(exact, issue), True
        last = self.cache.folder / f"last-{issue.language}.json"
        return *(self._read(last, issue) if last.is_file() else (None, None)), False

    def keep(self, issue: Issue, key: str, layout: IssueLayout, made: Kept | None) -> None:
        text = json.dumps({"story_ids": [s.id for s in issue.stories], "code": _code_digest(),
                           **layout_as_json(layout),
                           "made": dataclasses.asdict(made) if made else None},
                          indent=1, sort_keys=True)
        self.cache.put(key, f"{issue.language}.json", text)
        write_atomically(self.cache.folder / f"last-{issue.language}.json", text)
        self.cache.keep_only({self.cache.folder / f"last-{issue.language}.json",
                              self.cache.path(key, f"{issue.language}.json")},
                             f"*-{issue.language}.json")

    def _read(self, path: Path, issue: Issue) -> tuple[IssueLayout | None, Kept | None]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["story_ids"] != [s.id for s in issue.stories] or data.get("code") != _code_digest():
                return None, None          # other stories, or chosen by another fitter: fit afresh
            return layout_from_json(data), Kept(**data["made"]) if data.get("made") else None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.info("fit: the kept choices in %s are not read (%s)", path.name, error)
            return None, None


def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in _code_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _code_files() -> list[Path]:
    typeset = Path(__file__).parent.parent / "typeset"
    return [typeset / name for name in _CODE]
