"""Stage 3, compose: `Issue` + drawn charts + placed photos -> the issue's HTML.

The HTML is the same for every edition but for the files it places; what
differs between the editions (bleed, colour values) lives in the stylesheets
`typeset` adds.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import jinja2

from ..charts import chart_table, keyfigure_view
from ..content.model import Chart, Figure, Issue, Story
from ..content.wording import wording
from . import markup
from .views import Block, ChartView, FactBoxView, FigureView, KeyFigureView, StoryView

log = logging.getLogger("bulletin.compose")
TEMPLATES = Path(__file__).parent / "templates"


def compose(issue: Issue, chart_files: dict[str, Path], chart_alts: dict[str, str],
            photos: dict[Path, Path] | None = None) -> str:
    """`photos` maps each figure's image to the file this edition places (see typeset.photos)."""
    stories = [_story_view(issue, story, chart_files, chart_alts, photos or {})
               for story in issue.stories]
    html = _environment().get_template("issue.html.j2").render(
        issue=issue, publication=issue.publication, stories=stories,
        cover=next((s for s in stories if s.is_cover and s.figures), None),
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


def _story_view(issue: Issue, story: Story, chart_files, chart_alts, photos) -> StoryView:
    language = issue.language
    is_cover = story.id == issue.cover_story
    figures = tuple(_figure_view(f, language, photos) for f in story.figures)
    # The cover story's first photo is on the front page; any other story's
    # first photo sits beside its headline, the rest in its columns.
    # (WeasyPrint pushes a column container to the next page when an
    # unbreakable photo early in it does not fit, stranding the headline.)
    return StoryView(
        id=story.id, kicker=story.kicker, new_page=story.new_page, wide_photo=story.wide_photo,
        headline=markup.plain(story.headline, language),
        lead=markup.inline(story.lead, language), columns=story.columns,
        is_cover=is_cover, figures=figures,
        lead_figure=None if is_cover or not figures else figures[0],
        blocks=_column_flow(story, figures[1:], language),
        factbox=FactBoxView(story.factbox.title, markup.blocks(story.factbox.body, language))
        if story.factbox else None,
        charts=tuple(_chart_view(c, chart_files, chart_alts, language) for c in story.charts),
        chart_sources=tuple(dict.fromkeys(c.source for c in story.charts if c.source)))


def _column_flow(story: Story, figures: tuple[FigureView, ...], language: str) -> tuple[Block, ...]:
    """Body paragraphs with photos after the second and pull quotes near the middle."""
    text = [Block("text", html=p) for p in markup.paragraphs(story.body, language)]
    flow = text[:2] + [Block("figure", figure=f) for f in figures] + text[2:]
    for n, quote in enumerate(story.quotes, start=1):
        at = min(len(flow), max(2, len(flow) * n // (len(story.quotes) + 1) + 1))
        flow.insert(at, Block("quote", quote=quote))
    return tuple(flow)


def _figure_view(figure: Figure, language: str, photos: dict[Path, Path]) -> FigureView:
    return FigureView(src=photos.get(figure.image, figure.image).as_uri(),
                      caption=markup.plain(figure.caption, language),
                      credit=markup.plain(figure.credit, language), alt=figure.alt)


def _chart_view(chart: Chart, chart_files, chart_alts, language: str) -> ChartView:
    """A chart's words, its SVG (or, for key figures, the figures set as text) and its table."""
    figures = tuple(KeyFigureView.of(keyfigure_view(p.value, p.unit or chart.unit, language),
                                  markup.plain(p.label, language))
                    for p in chart.points) if chart.kind == "keyfigures" else ()
    return ChartView(id=chart.id, kind=chart.kind, width=chart.width,
                     title=markup.plain(chart.title, language),
                     subtitle=markup.plain(chart.subtitle, language),
                     notes=markup.plain(chart.notes, language), source=chart.source,
                     src=chart_files[chart.id].as_uri() if chart.id in chart_files else "",
                     alt=chart_alts[chart.id], figures=figures,
                     table=chart_table(chart, language) if chart.table else None)
