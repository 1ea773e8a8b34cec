"""What the templates are given: each story, photo and chart as the page sets it.

Views hold the words already turned into safe HTML (Markdown rendered, the
language's ties applied) and the files this edition places; the templates
only arrange them.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..charts import ChartTable, KeyFigure
from ..content.model import PullQuote


@dataclass(frozen=True)
class FigureView:
    src: str                        # file: URI of the photo this edition places
    caption: str
    credit: str
    alt: str


@dataclass(frozen=True)
class Block:
    """One item of a story's column flow: a body paragraph, a photo or a pull quote."""
    kind: str                       # "text" | "figure" | "quote"
    html: Markup = Markup("")
    figure: FigureView | None = None
    quote: PullQuote | None = None


@dataclass(frozen=True)
class KeyFigureView:
    """A key figure as the page sets it: the number, its unit and its label."""
    before: str
    number: str
    unit: str
    label: str

    @classmethod
    def of(cls, figure: KeyFigure, label: str) -> KeyFigureView:
        return cls(figure.before, figure.number, figure.unit, label)


@dataclass(frozen=True)
class ChartView:
    id: str
    kind: str
    width: str                      # "half" | "full"
    title: str
    subtitle: str
    notes: str
    source: str
    src: str                        # the drawn SVG's file: URI ("" for key figures)
    alt: str
    figures: tuple[KeyFigureView, ...]
    table: ChartTable | None


@dataclass(frozen=True)
class FactBoxView:
    title: str
    html: Markup


@dataclass(frozen=True)
class StoryView:
    id: str
    kicker: str
    headline: str
    lead: Markup
    columns: int
    new_page: bool
    wide_photo: bool
    is_cover: bool
    figures: tuple[FigureView, ...]
    lead_figure: FigureView | None  # beside the headline (or across the page when wide)
    blocks: tuple[Block, ...]
    factbox: FactBoxView | None
    charts: tuple[ChartView, ...]
    chart_sources: tuple[str, ...]
