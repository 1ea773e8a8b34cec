"""The lines set for each paragraph (lines.py), kept from one build to the next.

Setting a paragraph's lines measures every word with Pango, after a sample
layout of the stylesheets; a build did it for every paragraph of every edition.
What a paragraph's lines come out as depends only on the paragraph (its markup,
language, column count, indent) and on what decides how it is set: the
stylesheets, the fonts, the line setting code and the libraries that measure.
So the set paragraphs are kept in the build folder under a digest of the latter
(`scope`), and a rebuild after one changed word sets that one paragraph again;
a build that finds every paragraph kept lays out no sample.

A cache that cannot be read, or was kept for another scope, is not used: the
lines are set again, as they would be without it. Nothing here changes what a
paragraph is set as, only whether it is set again.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path

from ..files import write_atomically
from .engine import import_weasyprint

log = logging.getLogger("bulletin.typeset")

FOLDER = "lines"
FORMAT = "1"              # bumped when what is kept changes shape
# The code that decides how a paragraph is set (lines.py and what it imports).
CODE = ("lines.py", "paragraphs.py", "breaking.py", "spacing.py")


def scope(inputs: Iterable[bytes]) -> str:
    """The digest of what sets every paragraph alike: the edition's `inputs`
    (stylesheets, fonts; see render.Typesetter.setting_inputs), the line
    setting code, and the versions of what measures and hyphenates."""
    digest = hashlib.sha256(FORMAT.encode())
    for part in inputs:
        digest.update(hashlib.sha256(part).digest())
    here = Path(__file__).parent
    for name in CODE:
        digest.update((here / name).read_bytes())
    digest.update(_libraries().encode())
    return digest.hexdigest()[:32]


def _libraries() -> str:
    # Loaded where lines are set; `bulletin check` imports this module without them.
    import pyphen
    weasyprint = import_weasyprint()
    from weasyprint.text.ffi import pango  # imported the fast way, just above
    return f"weasyprint {weasyprint.__version__} pyphen {pyphen.__version__} pango {pango.pango_version()}"


class LineCache(MutableMapping):
    """A `LineSetter`'s set paragraphs (its `done`), those of the last build read
    from `path` when they were kept for the same `scope`. `save()` keeps the
    paragraphs this build used, and only those, so the file does not grow with
    every edit."""

    def __init__(self, path: Path | None, scope: str):
        self.path, self.scope = path, scope
        self.kept = self._read()
        self.used: dict[tuple, str] = {}
        self.hits = 0                    # paragraphs found kept (for the log)

    def __getitem__(self, key: tuple) -> str:
        if key in self.used:
            return self.used[key]
        found = self.kept.get(_digest(key))
        if found is None:
            raise KeyError(key)
        self.hits += 1
        self.used[key] = found
        return found

    def __setitem__(self, key: tuple, value: str) -> None:
        self.used[key] = value

    def __delitem__(self, key: tuple) -> None:
        del self.used[key]

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.used)

    def __len__(self) -> int:
        return len(self.used)

    def save(self) -> None:
        if self.path is None:
            return
        data = {"scope": self.scope, "paragraphs": {_digest(k): v for k, v in self.used.items()}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(data, ensure_ascii=False, sort_keys=True))
        except OSError as error:        # a cache: the next build sets the lines again
            log.info("lines: not kept in %s (%s)", self.path, error)

    def _read(self) -> dict[str, str]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["scope"] != self.scope:
                return {}                # other stylesheets, fonts or code: set afresh
            return {k: v for k, v in data["paragraphs"].items() if isinstance(v, str)}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.info("lines: the kept lines in %s are not read (%s)", self.path.name, error)
            return {}


def _digest(key: tuple) -> str:
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:32]
