"""Stage 1, content: an issue folder and the publication's settings -> `Issue`, per language.

Everything here reads and checks what the officer wrote; nothing renders.
Every problem of a file is collected and raised together as one `ContentError`,
each located at its line and column.

The format is declared once, in fields.py; each file has its reader:
publication.py (publication.yaml), issue.py (issue.yaml and its stories),
chartdata.py (the charts' data), translation.py (issue.<lang>.yaml), all
reading nodes with yamlreader.py (each value by its kind, kinds.py) into the typed
objects of model.py; characters.py says which characters a text may hold.
yamlwriter.py writes the format back for `bulletin new`.
"""
from __future__ import annotations

from pathlib import Path

from .issue import issue_languages, load_issue
from .model import Issue
from .yamlreader import GlyphCheck

__all__ = ["GlyphCheck", "Issue", "issue_languages", "load_issue", "load_languages"]


def load_languages(issue_dir: Path, languages: list[str] | None = None,
                   glyphs: GlyphCheck | None = None) -> list[Issue]:
    """The issue in each language asked for (all of its languages by default, each
    once), every one checked before anything is drawn; with `glyphs`, every text's
    characters against the fonts."""
    first = load_issue(issue_dir, glyphs=glyphs)
    wanted = list(dict.fromkeys(languages or issue_languages(first.folder, first.language)))
    return [first if lang == first.language else load_issue(issue_dir, lang, glyphs) for lang in wanted]
