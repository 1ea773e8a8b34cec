"""Stage 3, compose: `Issue` + drawn charts + placed photos -> the issue's HTML.

The HTML is the same for every edition but for the files it places; what
differs between the editions (bleed, colour values) lives in the stylesheets
`typeset` adds.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import replace
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..charts import across, chart_table, keyfigure_view, taller
from ..content.fields import focus_position
from ..content.model import Chart, Figure, Issue, Story
from ..content.wording import wording
from . import markup
from .layout import Head, IssueLayout, Setting, StoryLayout, Tail, default_layout
from .views import Block, ChartView, FactBoxView, FigureView, KeyFigureView, QuoteView, StoryView

log = logging.getLogger("bulletin.compose")
TEMPLATES = Path(__file__).parent / "templates"
QUOTE_WORDS = 8        # a pull quote's first words, which find the paragraph it comes from
ACROSS_TAIL = 600      # characters after a quote set across: about six lines in each of two columns


def compose(issue: Issue, chart_files: dict[str, Path], chart_alts: dict[str, str],
            photos: dict[Path, Path] | None = None, layout: IssueLayout | None = None,
            tail: Tail | None = None) -> str:
    """`photos` maps each figure's image to the file this edition places (see typeset.photos);
    `layout` is how the page sets each story (the design's default when not given);
    `tail` composes the fitter's trial of the stories from one on (see `Tail`)."""
    layout = layout or default_layout(issue)
    stories = [_story_view(issue, story, layout.of(story.id), chart_files, chart_alts, photos or {})
               for story in issue.stories]
    contacts = layout.contacts_after if not layout.back_cover else None
    if tail is not None:
        first = next((n for n, s in enumerate(stories) if s.id == tail.first), 0)
        if contacts in {s.id for s in stories[:first]}:
            contacts = ""                   # set in the pages the trial keeps: not again
        last = next((n for n, s in enumerate(stories) if s.id == tail.last), len(stories) - 1)
        stories = stories[first:last + 1]
    html = _environment().get_template("issue.html.j2").render(
        issue=issue, publication=issue.publication, stories=stories, tail=tail,
        cover=next((s for s in stories if s.is_cover and s.figures), None),
        cover_style=_cover_style(layout, stories), front=layout.front,
        contacts_after=contacts, back_cover=layout.back_cover or issue.back_cover,
        words=wording(issue.language), foreign=_foreign_words(issue),
        editorial=markup.blocks(issue.editorial, issue.language) if issue.editorial else "",
        keywords=", ".join(s.kicker for s in issue.stories if s.kicker))
    log.info("compose: %d stories, %d characters of HTML", len(stories), len(html))
    return html


# The publication's words the page prints, by their key in a translation.
PUBLICATION_WORDS = ("name", "tagline", "publisher", "donors", "address", "web", "email")
UNTRANSLATED = ("name", "web", "email")     # a name and addresses: never translated


def _foreign_words(issue: Issue) -> dict[str, Markup]:
    """` lang="en"` for each of the publication's words printed in another language than
    the edition's (its name, its addresses, the words its translation lacks), else ""."""
    publication = issue.publication
    if not publication.language or publication.language == issue.language:
        return {key: Markup("") for key in PUBLICATION_WORDS}
    given = publication.translations.get(issue.language, {})
    attribute = Markup(' lang="{}"').format(publication.language)
    return {key: attribute if key in UNTRANSLATED or key not in given else Markup("")
            for key in PUBLICATION_WORDS}


def foreign_words(issue: Issue) -> tuple[tuple[str, str], ...]:
    """(words, language) of the publication's name and addresses, as the page prints them,
    where they are in another language than the edition's: for preflight to find in the tags."""
    publication = issue.publication
    if not publication.language or publication.language == issue.language:
        return ()
    shown = (publication.name, publication.contacts.web.replace("https://", ""), publication.contacts.email)
    return tuple((words, publication.language) for words in shown if words)


def _cover_style(layout: IssueLayout, stories: list[StoryView]) -> str:
    """The cover photo's height, when the fitter set one, anchored at its focus."""
    cover = next((s for s in stories if s.is_cover and s.figures), None)
    parts = [f"height: {layout.front.cover_photo_mm:.1f}mm"] if layout.front.cover_photo_mm else []
    if cover is not None and cover.figures[0].focus != "50% 50%":
        parts.append(f"object-position: {cover.figures[0].focus}")
    return "; ".join(parts)


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One per process: templates are compiled once (and again when they change)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                     autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)
    environment.filters["tie"] = _tie
    return environment


@jinja2.pass_context
def _tie(context, text: str) -> str:
    """`{{ words | tie }}`: the publication's own words with the issue language's no-break spaces."""
    return markup.plain(str(text), context["issue"].language)


def _story_view(issue: Issue, story: Story, layout: StoryLayout, chart_files, chart_alts,
                photos) -> StoryView:
    language = issue.language
    is_cover = story.id == issue.cover_story
    figures = tuple(_figure_view(f, language, photos) for f in story.figures)
    # The cover story's first photo is on the front page; any other story's
    # first photo is in its head unless the head is words only; the rest are
    # in its columns. (WeasyPrint pushes a column container to the next page
    # when an unbreakable photo early in it does not fit, stranding the headline.)
    in_head = layout.head is not Head.TEXT and bool(figures) and not is_cover
    head_figure = replace(figures[0], height_mm=layout.head_photo_mm) if in_head else None
    in_columns = figures[1:] if in_head or is_cover else figures
    charts = tuple(_chart_view(c, chart_files, chart_alts, language, layout.panel_across, layout.panel_taller)
                   for c in story.charts)
    return StoryView(
        id=story.id, kicker=markup.plain(story.kicker, language), new_page=layout.new_page,
        head=layout.head.value,
        headline=markup.plain(story.headline, language),
        lead=markup.inline(story.lead, language), columns=layout.columns,
        is_cover=is_cover, figures=figures, lead_figure=head_figure,
        blocks=_column_flow(story, layout, in_columns, language),
        factbox=FactBoxView(markup.plain(story.factbox.title, language),
                            markup.blocks(story.factbox.body, language))
        if story.factbox else None,
        chart_rows=_chart_rows(charts), panel_breaks=layout.panel_breaks,
        chart_sources=tuple(dict.fromkeys(markup.plain(c.source, language)
                                          for c in story.charts if c.source)))


def _column_flow(story: Story, layout: StoryLayout, figures: tuple[FigureView, ...],
                 language: str) -> tuple[Block, ...]:
    """Body paragraphs with photos after the second and pull quotes near the middle;
    each photo cropped and each block spaced as the layout says."""
    heights = layout.photo_mm + (None,) * (len(figures) - len(layout.photo_mm))
    text = [Block("text", html=p) for p in markup.paragraphs(story.body, language)]
    photos = [(layout.paragraphs_before(n),
               Block("figure", figure=replace(f, height_mm=h), across=layout.photo(n) is Setting.ACROSS))
              for n, (f, h) in enumerate(zip(figures, heights))]
    # Photos follow the second paragraph, or later where the fitter moved one: first in
    # the columns, a photo would have to fit under the head with it, which the head's
    # room on a page rarely allows.
    flow: list[Block] = []
    for n, paragraph in enumerate(text):
        flow += [photo for before, photo in photos if before == n] + [paragraph]
    flow += [photo for before, photo in photos if before >= len(text)]
    quotes = [(QuoteView(markup.plain(q.text, language), markup.plain(q.attribution, language)),
               layout.quote(n)) for n, q in enumerate(story.quotes) if layout.quote(n) is not Setting.OUT]
    for n, (quote, setting) in enumerate(quotes, start=1):
        nominal = min(len(flow), max(2, len(flow) * n // (len(quotes) + 1) + 1))
        across = setting is Setting.ACROSS
        flow.insert(_quote_place(flow, nominal, _source(flow, quote), across),
                    Block("quote", quote=quote, across=across))
    space = dict(layout.space_mm)
    return tuple(replace(block, space_mm=space.get(n, 0.0)) for n, block in enumerate(flow))


def _source(flow: list[Block], quote: QuoteView) -> Block | None:
    """The paragraph that says the quote's words, if the story has it."""
    said = " ".join(markup.words(quote.text).split()[:QUOTE_WORDS])
    return next((b for b in flow if b.kind == "text" and said and said in markup.words(b.html)), None)


def _quote_place(flow: list[Block], nominal: int, source: Block | None, across: bool = False) -> int:
    """Where a pull quote goes: never beside the paragraph it quotes (the reader would
    meet the words twice in a row); not last in the story (after its last paragraph it
    closes the story, or stands alone atop the next page); set across the columns, not
    over a tail too short to share between them (a few lines in the first column, white
    beside them); two paragraphs from its source
    where it can be, since short paragraphs in columns put one beside the other; not
    first, nor opening the columns (where a short story's middle paragraph is the
    source, that is its place); between two paragraphs; nearest `nominal`."""
    at_source = next((n for n, b in enumerate(flow) if b is source), None)
    tails = [0] * (len(flow) + 1)         # characters of text from each place to the end
    for n in reversed(range(len(flow))):
        tails[n] = tails[n + 1] + (len(markup.words(flow[n].html)) if flow[n].kind == "text" else 0)

    def cost(at: int) -> tuple:
        gap = len(flow) if at_source is None else at - 1 - at_source if at_source < at else at_source - at
        near = flow[max(0, at - 1):at + 1]
        return (gap < 1, at == len(flow), across and tails[at] < ACROSS_TAIL, gap < 2, at < 2, at == 0,
                any(b.kind == "quote" for b in near),
                any(b.kind != "text" for b in near), abs(at - nominal), at)
    return min(range(len(flow) + 1), key=cost, default=nominal)


def _chart_rows(charts: tuple[ChartView, ...]) -> tuple[tuple[ChartView, ...], ...]:
    """The panel's rows in order: two half-width charts side by side, a full one alone."""
    rows: list[tuple[ChartView, ...]] = []
    for chart in charts:
        if chart.width == "half" and rows and len(rows[-1]) == 1 and rows[-1][0].width == "half":
            rows[-1] = (rows[-1][0], chart)
        else:
            rows.append((chart,))
    return tuple(rows)


def _figure_view(figure: Figure, language: str, photos: dict[Path, Path]) -> FigureView:
    return FigureView(src=photos.get(figure.image, figure.image).as_uri(),
                      caption=markup.plain(figure.caption, language),
                      credit=markup.plain(figure.credit, language), alt=figure.alt,
                      focus=focus_position(figure.focus))


def _chart_view(chart: Chart, chart_files, chart_alts, language: str, panel_across: bool,
                panel_taller: bool) -> ChartView:
    """A chart's words, its SVG (or, for key figures, the figures set as text) and its table;
    across the panel when the layout sets it so and the chart was drawn that wide too;
    drawn taller when the layout sets it so and it was drawn so too."""
    figures = tuple(KeyFigureView.of(keyfigure_view(p.value, p.unit or chart.unit, language),
                                  markup.plain(p.label, language))
                    for p in chart.points) if chart.kind == "keyfigures" else ()
    name = chart.id
    if panel_across and (across(chart.id) in chart_files or chart.kind == "keyfigures"):
        chart, name = replace(chart, width="full"), across(chart.id)
    src = chart_files.get(taller(name) if panel_taller and taller(name) in chart_files else name)
    return ChartView(id=chart.id, kind=chart.kind, width=chart.width,
                     title=markup.plain(chart.title, language),
                     subtitle=markup.plain(chart.subtitle, language),
                     notes=markup.plain(chart.notes, language),
                     source=markup.plain(chart.source, language),
                     src=src.as_uri() if src is not None else "",
                     alt=chart_alts[chart.id], figures=figures,
                     table=chart_table(chart, language) if chart.table else None)
