"""Everything that needs no rendering: the content, its characters against the
fonts, and the preflight of the PDFs a build already wrote."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ..compose import foreign_words, markup
from ..content import GlyphCheck, load_languages
from ..content.model import Issue
from ..content.readiness import Notice, copy_notices
from ..content.wording import WORDING_DIR, wording
from ..errors import BuildError, SetupError
from ..preflight import Report, Target, preflight
from ..project import Project
from ..typeset import FontSet, load_fonts
from .outputs import MANIFEST, last_outputs

# A character reference as Markdown reads one: &#128; &#x1F600; &hellip;
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def check(issue_dir: Path, languages: list[str] | None = None) -> list[Issue]:
    """The content and its characters, per language."""
    fonts = load_fonts(Project.of_issue(issue_dir).fonts)
    issues = load_languages(issue_dir, languages, glyphs=glyph_check(fonts))
    for issue in issues:
        check_glyphs(issue, fonts)
    return issues


def glyph_check(fonts: FontSet) -> GlyphCheck:
    """What the content's reader asks of each text: the characters the page prints of
    it (Markdown rendered) that a configured font cannot draw. A character no
    configured font can draw is an error at its line, never a fallback."""
    def missing(text: str, is_markdown: bool) -> list[tuple[str, str]]:
        printed = markup.printed(text) if is_markdown else text
        lacking: dict[str, list[str]] = {}
        for role in fonts.families:
            for ch in fonts.missing_characters(printed, role):
                lacking.setdefault(ch, []).append(role)
        found = [(ch, roles, _written_as(ch, text)) for ch, roles in lacking.items()]
        return [(written, _not_drawn(ch, roles, fonts, written)) for ch, roles, written in found]
    return missing


def _written_as(ch: str, text: str) -> str:
    """How `ch` is written in `text`: itself, or the character reference that makes it
    (found in the file to point at its line), or "" when typography made it."""
    if ch in text:
        return ch
    return next((ref.group() for ref in _REFERENCE.finditer(text) if ch in markup.printed(ref.group())), "")


def _not_drawn(ch: str, roles: list[str], fonts: FontSet, written: str = "") -> str:
    name = unicodedata.name(ch, "")
    shown = f"'{ch}' (U+{ord(ch):04X}{' ' + name if name else ''})" if ch.isprintable() \
        else f"U+{ord(ch):04X}{' ' + name if name else ''}"
    if written.startswith("&"):
        shown += f", written {written},"
    if len(roles) > 1:
        where = f"in neither of the publication's fonts ({', '.join(fonts.families[r] for r in roles)})"
    else:
        where = f"not in the publication's {roles[0]} font, {fonts.families[roles[0]]}"
    return f"the character {shown} is {where} (remove it, or configure a font that has it in fonts/fonts.yaml)"


def readiness(issues: list[Issue]) -> list[Notice]:
    """What is not ready in any language, each place once (a placeholder photo is every
    language's): warnings for `check` and `watch`, fails (or warnings) for preflight."""
    return list(dict.fromkeys(n for issue in issues for n in copy_notices(issue)))


def check_glyphs(issue: Issue, fonts: FontSet) -> None:
    """The bulletin's own words in the issue's language (the labels, month names,
    quotation marks and units of `wording/`) against the fonts: the content's own
    characters were checked as they were read."""
    words = " ".join(_strings(wording(issue.language).words))
    missing = {ch: [role for role in fonts.families if ch in fonts.missing_characters(words, role)]
               for role in fonts.families for ch in fonts.missing_characters(words, role)}
    if missing:
        raise SetupError(f"{WORDING_DIR / (issue.language + '.yaml')}: "
                         + "; ".join(_not_drawn(ch, roles, fonts) for ch, roles in missing.items()))


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def check_preflight(issue_dir: Path, out_dir: Path | None = None) -> Report:
    """`bulletin check --preflight`: preflight the PDFs of the last build, rendering nothing."""
    issues = load_languages(issue_dir)
    project = Project.of_issue(issue_dir)
    out_dir = (out_dir or project.build / issues[0].id).resolve()
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
    return preflight(targets, issues[0].publication, photos, fonts=load_fonts(project.fonts).postscript_names(),
                     title=f"{issues[0].publication.name} {issues[0].id}")
