"""Everything that needs no rendering: the content, its characters against the
fonts, and the preflight of the PDFs a build already wrote."""
from __future__ import annotations

import html
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ..charts import chart_words
from ..compose import foreign_words
from ..content import load_languages
from ..content.model import Issue, Story
from ..content.readiness import Notice, copy_notices
from ..errors import BuildError
from ..preflight import Report, Target, preflight
from ..project import Project
from ..typeset import FontSet, load_fonts
from .outputs import MANIFEST, last_outputs


def check(issue_dir: Path, languages: list[str] | None = None) -> list[Issue]:
    """The content and its characters, per language."""
    issues = load_languages(issue_dir, languages)
    fonts = load_fonts(Project.of_issue(issue_dir).fonts)
    for issue in issues:
        check_glyphs(issue, fonts)
    return issues


def readiness(issues: list[Issue]) -> list[Notice]:
    """What is not ready in any language, each place once (a placeholder photo is every
    language's): warnings for `check` and `watch`, fails (or warnings) for preflight."""
    return list(dict.fromkeys(n for issue in issues for n in copy_notices(issue)))


def check_glyphs(issue: Issue, fonts: FontSet) -> None:
    """A character no configured font can draw is an error, never a fallback."""
    problems = []
    for story in issue.stories:
        # As printed: Markdown turns character references (&#x1F600;) into characters.
        text = html.unescape(" ".join(story_texts(story)))
        for role in ("text", "display"):
            for ch in fonts.missing_characters(text, role):
                name = unicodedata.name(ch, "unnamed character")
                problems.append(f"story '{story.id}': the character '{ch}' (U+{ord(ch):04X} {name}) "
                                f"is not in the font {fonts.families[role]}")
    if problems:
        raise BuildError("\n".join(dict.fromkeys(problems)))


def story_texts(story: Story) -> Iterator[str]:
    """Every text of a story the page prints."""
    yield from (story.kicker, story.headline, story.lead, story.body)
    for quote in story.quotes:
        yield from (quote.text, quote.attribution)
    for figure in story.figures:
        yield from (figure.caption, figure.credit)
    if story.factbox:
        yield from (story.factbox.title, story.factbox.body)
    for chart in story.charts:
        yield from chart_words(chart)


def check_preflight(issue_dir: Path, out_dir: Path | None = None) -> Report:
    """`bulletin check --preflight`: preflight the PDFs of the last build, rendering nothing."""
    issues = load_languages(issue_dir)
    out_dir = (out_dir or Project.of_issue(issue_dir).build / issues[0].id).resolve()
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BuildError(f"no build of {issues[0].id} in {out_dir}/ to preflight "
                         f"(run: bulletin build {issue_dir})") from None
    editions = last_outputs(out_dir, manifest)
    missing = [str(e.path) for e in editions if not e.path.is_file()]
    if missing:
        raise BuildError(f"the last build's PDFs are gone: {', '.join(missing)} (build again)")
    by_language = {i.language: i for i in issues}
    targets = [Target(e.kind, e.language, e.path,
                      tuple(s.headline for s in by_language[e.language].stories),
                      tuple(copy_notices(by_language[e.language])), foreign_words(by_language[e.language]))
               if e.language in by_language else Target(e.kind, e.language, e.path) for e in editions]
    photos = {p["sha256"]: p["source"] for p in manifest.get("photos", [])}
    return preflight(targets, issues[0].publication, photos,
                     title=f"{issues[0].publication.name} {issues[0].id}")
