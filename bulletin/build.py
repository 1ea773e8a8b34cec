"""The whole pipeline: load -> charts -> compose -> typeset -> write.

Outputs are rendered into a temporary folder beside their final place and
renamed into it only when every edition has rendered, so a failed or
interrupted build leaves the previous PDFs exactly as they were.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import BuildError
from .fonts import FontSet, load_fonts
from .load import issue_languages, load_issue
from .model import Edition, Issue

EDITIONS = ("email", "print")

log = logging.getLogger("bulletin.build")
# Two charts side by side in an infographic panel of the A4 text width.
CHART_WIDTH_MM = 81.0


@dataclass(frozen=True)
class Project:
    """The folders of a bulletin project: issues/, styles/, fonts/, build/."""
    root: Path

    @classmethod
    def of_issue(cls, issue_dir: Path) -> "Project":
        return cls(issue_dir.resolve().parent.parent)

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def fonts(self) -> Path:
        return self.root / "fonts"

    @property
    def build(self) -> Path:
        return self.root / "build"


@dataclass(frozen=True)
class BuildResult:
    issue: Issue
    out_dir: Path
    editions: tuple[Edition, ...]
    charts_drawn: int
    charts_reused: int


def check(issue_dir: Path, languages: list[str] | None = None) -> list[Issue]:
    """Everything that needs no rendering: the content and its characters, per language."""
    issues = load_languages(issue_dir, languages)
    fonts = load_fonts(Project.of_issue(issue_dir).fonts)
    for issue in issues:
        check_glyphs(issue, fonts)
    return issues


def build(issue_dir: Path, out_dir: Path | None = None,
          languages: list[str] | None = None) -> BuildResult:
    """Every edition of every language asked for (all of the issue's by default)."""
    project = Project.of_issue(issue_dir)
    issues = load_languages(issue_dir, languages)
    fonts = load_fonts(project.fonts)
    for issue in issues:
        check_glyphs(issue, fonts)
    first = issues[0]
    out_dir = (out_dir or project.build / first.id).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    from .compose import compose
    jobs, drawn, reused = [], 0, 0
    for issue in issues:
        chart_files, chart_alts, new, old = _draw_charts(issue, fonts, out_dir / "charts" / issue.language)
        drawn, reused = drawn + new, reused + old
        jobs += [(issue, kind, compose(issue, chart_files[kind], chart_alts)) for kind in EDITIONS]
    editions = _typeset_editions(jobs, fonts, project, out_dir)
    result = BuildResult(first, out_dir, editions, drawn, reused)
    _write_atomically(out_dir / "build.json", json.dumps(_manifest(result), indent=2) + "\n")
    return result


def load_languages(issue_dir: Path, languages: list[str] | None = None) -> list[Issue]:
    """The issue in each language asked for, all checked before anything is drawn."""
    first = load_issue(issue_dir)
    wanted = languages or issue_languages(first.folder, first.language)
    return [first if lang == first.language else load_issue(issue_dir, lang) for lang in wanted]


def check_glyphs(issue: Issue, fonts: FontSet) -> None:
    """A character no configured font can draw is an error, never a fallback."""
    problems = []
    for story in issue.stories:
        text = " ".join(_story_texts(story))
        for role in ("text", "display"):
            for ch in fonts.missing_characters(text, role):
                name = unicodedata.name(ch, "unnamed character")
                problems.append(f"story '{story.id}': the character '{ch}' (U+{ord(ch):04X} {name}) "
                                f"is not in the font {fonts.families[role]}")
    if problems:
        raise BuildError("\n".join(dict.fromkeys(problems)))


def _story_texts(story):
    yield from (story.kicker, story.headline, story.lead, story.body)
    for quote in story.quotes:
        yield from (quote.text, quote.attribution)
    for figure in story.figures:
        yield from (figure.caption, figure.credit)
    if story.factbox:
        yield from (story.factbox.title, story.factbox.body)
    for chart in story.charts:
        yield from (chart.title, chart.subtitle, chart.source)
        for point in chart.points:
            yield from (point.label, point.note)


def _draw_charts(issue: Issue, fonts: FontSet, charts_dir: Path):
    """SVG charts per edition: RGB for the email edition, DeviceCMYK for the press."""
    charts = [chart for story in issue.stories for chart in story.charts]
    if not charts:
        return {kind: {} for kind in EDITIONS}, {}, 0, 0
    from .charts import ChartTheme, chart_alt, draw_charts
    theme = ChartTheme(family=fonts.families["display"],
                       font_files=tuple(f.path for f in fonts.faces_of("display")),
                       colours=issue.publication.colours,
                       width_mm=CHART_WIDTH_MM, background="tint")
    files = {kind: draw_charts(charts, charts_dir / kind, theme, cmyk=kind == "print")
             for kind in EDITIONS}
    return files, {c.id: c.alt or chart_alt(c) for c in charts}, len(charts) * len(EDITIONS), 0


def _typeset_editions(jobs: list[tuple[Issue, str, str]], fonts: FontSet, project: Project,
                      out_dir: Path) -> tuple[Edition, ...]:
    """Render every (issue, edition kind, html) job into staging, then rename all into place."""
    from .typeset import Confinement, typeset
    _clear_abandoned_staging(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=out_dir))
    try:
        rendered = []
        for issue, kind, html in jobs:
            confinement = Confinement(roots=(issue.folder, project.styles, project.fonts, out_dir,
                                             *{f.path.parent.resolve() for f in fonts.faces}))
            name = _output_name(issue, kind)
            started = time.perf_counter()
            pages = typeset(html, kind, staging / name, publication=issue.publication, fonts=fonts,
                            styles_dir=project.styles, base_url=project.root,
                            confinement=confinement)
            log.info("write: %s in %.1f s", name, time.perf_counter() - started)
            rendered.append((issue.language, kind, name, pages))
        editions = []
        for language, kind, name, pages in rendered:   # all rendered: now replace the old ones
            final = out_dir / name
            os.replace(staging / name, final)
            editions.append(Edition(kind, language, final, pages, final.stat().st_size))
        return tuple(editions)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _clear_abandoned_staging(out_dir: Path) -> None:
    """Remove what builds that were killed left behind (their process is gone)."""
    for folder in out_dir.glob(".staging-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _output_name(issue: Issue, kind: str) -> str:
    stem = f"{issue.publication.slug}-{issue.id}-{issue.language}"
    return f"{stem}-print.pdf" if kind == "print" else f"{stem}.pdf"


def _manifest(result: BuildResult) -> dict:
    return {
        "bulletin": __version__,
        "issue": result.issue.id,
        "outputs": [{"path": str(e.path.relative_to(result.out_dir)), "edition": e.kind,
                     "language": e.language, "pages": e.pages, "bytes": e.bytes}
                    for e in result.editions],
        "charts": {"drawn": result.charts_drawn, "reused": result.charts_reused},
    }


def _write_atomically(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temp, path)
