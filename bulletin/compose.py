"""Stage 3, compose: `Issue` + drawn charts -> the issue's HTML.

The HTML is the same for every edition; what differs between the email and
print editions (bleed, colour values) lives in the stylesheets `typeset` adds.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import markup
from .charts import chart_table, keyfigure_view
from .wording import wording
from .model import Chart, Figure, Issue, PullQuote, Story

log = logging.getLogger("bulletin.compose")
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Block:
    """One item of a story's column flow: a body paragraph, a photo or a pull quote."""
    kind: str                       # "text" | "figure" | "quote"
    html: Markup = Markup("")
    figure: dict | None = None
    quote: PullQuote | None = None


def compose(issue: Issue, chart_files: dict[str, Path], chart_alts: dict[str, str],
            photos: dict[Path, Path] | None = None) -> str:
    """`photos` maps each figure's image to the file this edition places (see images.py)."""
    stories = [_story_view(issue, story, chart_files, chart_alts, photos or {})
               for story in issue.stories]
    html = _environment().get_template("issue.html.j2").render(
        issue=issue, publication=issue.publication, stories=stories,
        cover=next((s for s in stories if s["is_cover"] and s["figures"]), None),
        words=wording(issue.language),
        editorial=markup.blocks(issue.editorial, issue.language) if issue.editorial else "",
        keywords=", ".join(s.kicker for s in issue.stories if s.kicker))
    log.info("compose: %d stories, %d characters of HTML", len(stories), len(html))
    return html


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One per process: templates are compiled once (and again when they change)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def _story_view(issue: Issue, story: Story, chart_files, chart_alts, photos) -> dict:
    language = issue.language
    is_cover = story.id == issue.cover_story
    figures = [_figure_view(f, language, photos) for f in story.figures]
    # The cover story's first photo is on the front page; any other story's
    # first photo sits beside its headline, the rest in its columns.
    # (WeasyPrint pushes a column container to the next page when an
    # unbreakable photo early in it does not fit, stranding the headline.)
    in_columns = figures[1:]
    return {
        "id": story.id, "kicker": story.kicker, "new_page": story.new_page,
        "wide_photo": story.wide_photo,
        "headline": markup.plain(story.headline, language),
        "lead": markup.inline(story.lead, language), "columns": story.columns,
        "is_cover": is_cover, "figures": figures,
        "lead_figure": None if is_cover or not figures else figures[0],
        "blocks": _column_flow(story, in_columns, language),
        "factbox": story.factbox and {"title": story.factbox.title,
                                      "html": markup.blocks(story.factbox.body, language)},
        "charts": [_chart_view(c, chart_files, chart_alts, language) for c in story.charts],
        "chart_sources": list(dict.fromkeys(c.source for c in story.charts if c.source)),
    }


def _column_flow(story: Story, figures: list[dict], language: str) -> list[Block]:
    """Body paragraphs with photos after the second and pull quotes near the middle."""
    text = [Block("text", html=p) for p in markup.paragraphs(story.body, language)]
    flow = text[:2] + [Block("figure", figure=f) for f in figures] + text[2:]
    for n, quote in enumerate(story.quotes, start=1):
        at = min(len(flow), max(2, len(flow) * n // (len(story.quotes) + 1) + 1))
        flow.insert(at, Block("quote", quote=quote))
    return flow


def _figure_view(figure: Figure, language: str, photos: dict[Path, Path]) -> dict:
    return {"src": photos.get(figure.image, figure.image).as_uri(),
            "caption": markup.plain(figure.caption, language),
            "credit": markup.plain(figure.credit, language), "alt": figure.alt}


def _chart_view(chart: Chart, chart_files, chart_alts, language: str) -> dict:
    """A chart's words, its SVG (or, for key figures, the figures set as text) and its table."""
    figures = [{**keyfigure_view(p.value, p.unit or chart.unit, language),
                "label": markup.plain(p.label, language)}
               for p in chart.points] if chart.kind == "keyfigures" else []
    return {"id": chart.id, "kind": chart.kind, "width": chart.width,
            "title": markup.plain(chart.title, language),
            "subtitle": markup.plain(chart.subtitle, language),
            "notes": markup.plain(chart.notes, language), "source": chart.source,
            "src": chart_files[chart.id].as_uri() if chart.id in chart_files else "",
            "alt": chart_alts[chart.id], "figures": figures,
            "table": chart_table(chart, language) if chart.table else None}
