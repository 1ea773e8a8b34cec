"""Word spacing: how far justification stretches the spaces of the story text, read
from WeasyPrint's boxes.

A justified line is filled by widening its word spaces. A little passes unseen;
past about twice a normal space (PT Serif's is 0.26 em) the line reads as loose,
and loose lines stacked in a column open white channels down it (rivers). For
every line of justified body text this measures the mean gap between its words,
in ems of its type: each space's advance in its font and size (as Pango sets
it) plus what justification added to it (`TextBox.justification_spacing`, the
same for every space of a line), and on a line set with letter-spacing, the
letter-spacing the letters around the space add to it. pdftotext -bbox-layout reads the same gaps
from the PDF, to a thousandth of an em.

Body text is the paragraphs and list items of a story's columns (not its fact
box, pull quotes, captions or charts). Counted: its justified lines except the
last line of each paragraph, which is set flush left. Lines without a space
have nothing to widen and are counted apart when they stop short of the measure
(`unfilled`); ragged-right lines (`text-align: left`) are counted apart too,
since their spaces never stretch.

The figures are per 1,000 justified lines, for the issue, each page and each
story, and every loose line keeps its page and column so that the fit report
can say where the rivers are.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..progress import counted
from .fit import FitReport, Flaw

LOOSE_EM = 0.6       # a mean word gap this wide reads as a loose line
RIVER_EM = 0.9       # and this wide as a hole: a river where such lines stack
FULL_PX = 0.5        # a line this near the end of its measure reaches it
# Body text: the paragraphs and list items of a story's columns, but not those of
# the boxes set apart in them.
BODY_BLOCKS = {"p", "li"}
APART = {"factbox", "pull-quote", "photo", "infographic"}


@dataclass(frozen=True)
class LineGap:
    """One justified line: where it is and how wide its word spaces are."""
    page: int
    column: int          # 1, 2, 3 in its run of columns on the page; 0 outside columns
    story: str
    gap: float           # mean word gap, in ems of the line's type
    spaces: int
    size: float          # the type's size, px
    top: float           # the line's box, CSS px from the page's top left corner
    left: float
    right: float
    text: str

    @property
    def loose(self) -> bool:
        return self.gap >= LOOSE_EM

    @property
    def river(self) -> bool:
        return self.gap >= RIVER_EM

    @property
    def where(self) -> str:
        return f"column {self.column} of page {self.page}" if self.column else f"page {self.page}"


@dataclass(frozen=True)
class Spacing:
    """Counts over some lines: an issue's, a page's or a story's."""
    lines: int = 0       # justified lines measured (last lines of paragraphs left out)
    loose: int = 0       # of which with a mean gap >= LOOSE_EM (rivers included)
    rivers: int = 0      # of which >= RIVER_EM
    unfilled: int = 0    # justified lines without a space that stop short of the measure
    ragged: int = 0      # lines of body text set ragged right (not measured)
    worst: float = 0.0   # the widest mean gap, ems

    @property
    def loose_per_1000(self) -> float:
        return 1000 * self.loose / self.lines if self.lines else 0.0

    @property
    def rivers_per_1000(self) -> float:
        return 1000 * self.rivers / self.lines if self.lines else 0.0

    def as_json(self) -> dict:
        return {"lines": self.lines, "loose": self.loose, "rivers": self.rivers,
                "loose_per_1000": round(self.loose_per_1000, 1),
                "rivers_per_1000": round(self.rivers_per_1000, 1),
                "unfilled": self.unfilled, "ragged": self.ragged, "worst_em": round(self.worst, 2)}


@dataclass(frozen=True)
class IssueSpacing:
    """The word spacing of a laid-out issue: the whole, each page, each story, and
    every loose line."""
    total: Spacing
    pages: tuple[tuple[int, Spacing], ...] = ()
    stories: tuple[tuple[str, Spacing], ...] = ()
    loose: tuple[LineGap, ...] = field(default=())

    def story(self, story_id: str) -> Spacing:
        return dict(self.stories).get(story_id, Spacing())

    def rivers_of(self, story_id: str) -> list[LineGap]:
        return [line for line in self.loose if line.story == story_id and line.river]

    def summary(self) -> str:
        t = self.total
        ragged = f"; {t.ragged:,} set ragged right" if t.ragged else ""
        if not t.lines:
            return f"word spacing: no justified lines{ragged}"
        return (f"word spacing: {t.loose_per_1000:.0f} loose lines (word gaps of {LOOSE_EM} em or more) "
                f"and {t.rivers_per_1000:.1f} rivers ({RIVER_EM} em or more) per 1,000 lines: "
                f"{t.loose} and {t.rivers} of {t.lines:,} justified{ragged}")

    def as_json(self) -> dict:
        return {**self.total.as_json(),
                "limits_em": {"loose": LOOSE_EM, "river": RIVER_EM},
                "pages": [{"page": n, **s.as_json()} for n, s in self.pages],
                "stories": [{"story": story, **s.as_json()} for story, s in self.stories],
                "loose_lines": [{"page": g.page, "column": g.column, "story": g.story,
                                 "gap_em": round(g.gap, 2), "river": g.river, "text": g.text}
                                for g in self.loose]}


def with_rivers(fit: FitReport, spacing: IssueSpacing) -> FitReport:
    """The fit report with a flaw for each column where a story's lines open rivers."""
    stories = []
    for story in fit.stories:
        rivers = spacing.rivers_of(story.id)
        places = dict.fromkeys((line.page, line.where) for line in rivers)
        flaws = [Flaw("rivers", page, where, _rivers(sum(1 for r in rivers if r.where == where)))
                 for page, where in places]
        stories.append(replace(story, flaws=story.flaws + tuple(flaws)))
    return replace(fit, stories=tuple(stories))


def _rivers(count: int) -> str:
    return f"rivers: {counted(count, 'line')} spaced {RIVER_EM} em or more"


# ---- Measuring the laid-out document ------------------------------------------

def measure_spacing(document) -> IssueSpacing:
    """The word spacing of the body text of a laid-out WeasyPrint `Document`."""
    issue, pages, stories = _Tally(), {}, {}   # type: ignore[var-annotated]
    loose = []
    for item, gap in measured_lines(document):
        tallies = (issue, pages.setdefault(item.page, _Tally()), stories.setdefault(item.story, _Tally()))
        for tally in tallies:
            if gap == RAGGED:
                tally.ragged += 1
            else:
                tally.add(gap)
        if isinstance(gap, LineGap) and gap.loose:
            loose.append(gap)
    return IssueSpacing(issue.spacing(), tuple((n, t.spacing()) for n, t in sorted(pages.items())),
                        tuple((s, t.spacing()) for s, t in stories.items()), tuple(loose))


def measured_lines(document) -> Iterator[tuple[BodyLine, LineGap | str | None]]:
    """Each line of body text but the last of a paragraph, with its mean word gap: a
    LineGap; RAGGED when it is not justified, UNFILLED or None as `line_gap` says."""
    found = list(body_lines(document))
    last = _last_lines(found)
    spaces = _SpaceWidths()
    for item in found:
        if item.align != "justify":
            yield item, RAGGED
        elif id(item.line) not in last:
            yield item, line_gap(item, spaces)


@dataclass
class _Tally:
    lines: int = 0
    loose: int = 0
    rivers: int = 0
    unfilled: int = 0
    ragged: int = 0
    worst: float = 0.0

    def add(self, gap: LineGap | str | None) -> None:
        self.lines += 1
        if gap == UNFILLED:
            self.unfilled += 1
        elif isinstance(gap, LineGap):
            self.loose += gap.loose
            self.rivers += gap.river
            self.worst = max(self.worst, gap.gap)

    def spacing(self) -> Spacing:
        return Spacing(self.lines, self.loose, self.rivers, self.unfilled, self.ragged, self.worst)


UNFILLED = "unfilled"
RAGGED = "ragged"


@dataclass(frozen=True)
class BodyLine:
    """A line of body text as found on its page."""
    line: Any            # its LineBox
    page: int
    column: int
    story: str
    align: str           # its block's text-align
    paragraph: Any       # the element whose lines these are
    measure: float       # the right edge of its block's content, px


@dataclass(frozen=True)
class _Place:
    """Where the walk through a page's boxes is."""
    page: int
    story: str = ""
    column: int = 0
    body: bool = False           # inside a story's columns, not in a box set apart
    paragraph: Any = None        # the body text element whose lines come next
    measure: float = 0.0


def body_lines(document) -> Iterator[BodyLine]:
    """Every line of body text of `document`, page by page, in the order of the flow."""
    for number, page in enumerate(document.pages, start=1):
        yield from _walk(page._page_box, _Place(number))


def _walk(box, place: _Place) -> Iterator[BodyLine]:
    run = 0                      # columns since the last block set across them
    for child in getattr(box, "children", ()):
        if type(child).__name__ == "LineBox":
            if place.paragraph is not None and next(_texts(child), None) is not None:
                yield BodyLine(child, place.page, place.column, place.story,
                               child.style["text_align_all"], place.paragraph, place.measure)
        elif getattr(child, "is_column", False):
            run += 1
            yield from _walk(child, replace(place, column=run))
        elif hasattr(child, "children"):
            if _in_flow(child):
                run = 0
            yield from _walk(child, _inside(child, place))


def _inside(box, place: _Place) -> _Place:
    element: Any = getattr(box, "element", None)
    if not hasattr(element, "get"):
        return place
    tag = getattr(box, "element_tag", None)
    classes = set((element.get("class") or "").split())
    if tag == "article" and element.get("id"):
        return replace(place, story=element.get("id"), column=0, body=False, paragraph=None)
    if "story-columns" in classes:
        return replace(place, body=True)
    if classes & APART:
        return replace(place, body=False, paragraph=None)
    if place.body and tag in BODY_BLOCKS and not type(box).__name__.startswith("Inline"):
        return replace(place, paragraph=element, measure=box.content_box_x() + box.width)
    return place


def _last_lines(found: list[BodyLine]) -> set[int]:
    """The last line of each paragraph, on whichever page or column it is set."""
    last: dict[int, object] = {}
    for item in found:
        last[id(item.paragraph)] = item.line
    return {id(line) for line in last.values()}


def line_gap(item: BodyLine, spaces: _SpaceWidths) -> LineGap | str | None:
    """The mean word gap of a justified line; UNFILLED when it has no space and stops
    short, None when it has no space and reaches its measure."""
    boxes = list(_texts(item.line))
    gaps = []
    for box in boxes:
        count = box.text.count(" ") + box.text.count("\u00a0")
        em = box.style["font_size"]
        gaps += [(spaces.of(box.style) + box.justification_spacing + _letter_spacing(box.style)) / em] * count
    line = item.line
    if not gaps:
        return None if line.position_x + line.width >= item.measure - FULL_PX else UNFILLED
    return LineGap(item.page, item.column, item.story, sum(gaps) / len(gaps), len(gaps),
                   boxes[0].style["font_size"], line.position_y, line.position_x,
                   line.position_x + line.width, "".join(box.text for box in boxes))


class _SpaceWidths:
    """The advance of a word space in each font and size, with the style's own word and
    letter spacing, as Pango sets it."""

    def __init__(self) -> None:
        self.known: dict[tuple, float] = {}

    def of(self, style) -> float:
        key = tuple(str(style[name]) for name in (
            "font_family", "font_style", "font_weight", "font_stretch", "font_size", "lang",
            "word_spacing", "letter_spacing", "font_feature_settings", "font_kerning"))
        if key not in self.known:
            self.known[key] = _width("n n", style) - _width("nn", style)
        return self.known[key]


def _letter_spacing(style) -> float:
    """What the letters around a space add to its gap when the line is letter-spaced:
    one letter's spacing, which poppler reads as part of the gap too."""
    spacing = style["letter_spacing"]
    return 0.0 if spacing == "normal" else spacing


def _width(text: str, style) -> float:
    from weasyprint.text.line_break import Layout, line_size  # loaded where pages are laid out
    layout = Layout(style)
    layout.set_text(text)
    line, _ = layout.get_first_line()
    return line_size(line, style)[0]


def _texts(box) -> Iterator:
    if type(box).__name__ == "TextBox":
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def _in_flow(box) -> bool:
    return hasattr(box, "border_height") and type(box).__name__ not in (
        "AbsolutePlaceholder", "FixedPlaceholder")
