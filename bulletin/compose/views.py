"""What the templates are given: each story, photo and chart as the page sets it.

Views hold the words already turned into safe HTML (Markdown rendered, the
language's ties applied) and the files this edition places; the templates
only arrange them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..charts import ChartTable, KeyFigure


@dataclass(frozen=True)
class FigureView:
    src: str                        # file: URI of the photo this edition places
    caption: str
    credit: str
    alt: str
    height_mm: float | None = None  # cropped to this height (None: the design's, or as shot)
    focus: str = "50% 50%"          # where the subject is: what every crop keeps

    @property
    def style(self) -> str:
        """The img's style: its crop when the layout sets one, anchored at its focus."""
        parts = [f"height: {self.height_mm:.1f}mm", "object-fit: cover"] if self.height_mm else []
        if self.focus != "50% 50%":
            parts.append(f"object-position: {self.focus}")
        return "; ".join(parts)


@dataclass(frozen=True)
class QuoteView:
    """A pull quote's words and whose they are, with the language's no-break spaces."""
    text: str
    attribution: str


@dataclass(frozen=True)
class Block:
    """One item of a story's column flow: a body paragraph, a photo or a pull quote."""
    kind: str                       # "text" | "figure" | "quote"
    html: Markup = Markup("")
    figure: FigureView | None = None
    quote: QuoteView | None = None
    space_mm: float = 0.0           # added above it, to fill a page's foot
    across: bool = False            # set across every column of the story

    @property
    def style(self) -> str:
        return f"margin-top: {self.space_mm:.2f}mm" if self.space_mm else ""

    @property
    def spaced_html(self) -> Markup:
        """A text block's HTML with its added space on its first element."""
        if not self.space_mm:
            return self.html
        return Markup(re.sub(r"^\s*<(\w+)", lambda m: f'<{m[1]} style="{self.style}"', self.html,
                             count=1))


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
    head: str                       # "beside" | "wide" | "text" (see compose.layout.Head)
    is_cover: bool
    figures: tuple[FigureView, ...]
    lead_figure: FigureView | None  # in the head: beside the headline or across the page
    blocks: tuple[Block, ...]
    factbox: FactBoxView | None
    chart_rows: tuple[tuple[ChartView, ...], ...]   # the panel's rows: two halves or one full
    panel_breaks: bool              # the panel may break between its rows
    chart_sources: tuple[str, ...]
