"""Planning a fit: where each story would end for each choice, and the choices
that fill every page, found by dynamic programming over the stories.

The model lays the pages end to end: a story runs its measured length from
where it starts, and may be made a little longer or shorter by its elastic
parts (a taller or shorter photo, space between paragraphs). A story starts
right after the one before it, unless its head and a few lines do not fit
there: then it starts on the next page and the rest of the page is white.
A chart panel that does not fit at the foot of a page jumps to the next one.

For each story the planner weighs its choices (head with photo beside, head
as words only with the photo in the columns, photo across the page) and
where to end it (as it falls, at the foot of its page, or just early enough
for the next head to fit), and keeps, page count first, the plan with the
least white. The plan is an estimate: the fitter lays it out and plans again
from what the pages really are.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..compose.layout import Head, IssueLayout, Setting
from ..content.model import Story
from .pagemap import PX_PER_MM
from .shapes import StoryShape

# The design's sizes (styles/bulletin.css) that a choice not laid out yet will take.
BESIDE_PHOTO_MM = 74.0           # .story-head-beside .photo width
HEAD_PHOTO_MM = 49.0             # .photo img height, beside the headline
WIDE_PHOTO_MM = 92.0             # .story-head-wide .photo img height
GUTTER_MM = 6.0
PHOTO_AROUND_MM = 13.0           # a caption of two lines and the margin under a photo
MIN_LINES = 3                    # a story's head keeps this many of its lines on its page
FEATHER_MM = 1.6                 # space the fitter may add above a block of text
MIN_CROP_AREA = 0.55             # a crop keeps at least this share of the photo
PHOTO_MAX_MM = 140.0             # no photo taller: across the page, a portrait would fill it alone
BUCKET_PX = 2.0                  # the planner's resolution

WORST_WHITE = 0.12               # white above this share of a page costs more
SAFETY = 8 * PX_PER_MM           # the model's error: room kept so that a head still fits
CHANGE_COST = 0.008
SPILL = 60 * PX_PER_MM            # a story's last page shorter than this is a spill
SPILL_COST = 0.3
FILLER_COST = 0.004              # the contacts box set in a hole rather than at the end
BACK_COVER_COST = 0.01           # a page of its own for the contacts, when it makes the count
PAGE_COST = 10.0                 # a page off the binding's count outweighs any white


@dataclass(frozen=True)
class PhotoRange:
    """How tall a photo may be cropped at a width, in px: [low, high], now `now`."""
    now: float
    low: float
    high: float
    ratio: float = 0.667             # its own height over width, uncropped
    cap: float = 1e9                 # the tallest it may be for the press's resolution, at any width

    def high_at(self, width: float) -> float:
        """The tallest crop at another width: no more than the press allows, and keeping
        enough of the picture."""
        return min(self.cap, self.ratio * width / MIN_CROP_AREA, 1.5 * width, PHOTO_MAX_MM * PX_PER_MM)

    def low_at(self, width: float) -> float:
        """The shortest crop at a width: enough of the picture kept, and no thin strip."""
        return max(width * self.ratio * MIN_CROP_AREA, width * 0.45)

    @property
    def widest(self) -> float:
        """The widest it may be set for the press's resolution (its pixels at 300 ppi)."""
        return self.cap / self.ratio


@dataclass(frozen=True)
class ColumnStyle:
    """A column count's measure and type, as styles/bulletin.css sets them."""
    width_mm: float
    size_pt: float
    leading_pt: float

    @property
    def depth(self) -> float:
        """Height a unit of text takes in one such column: lines are width over size
        characters long, and each is a leading deep."""
        return self.leading_pt * self.size_pt / self.width_mm


COLUMN_STYLES = {1: ColumnStyle(178.0, 9.6, 13.4), 2: ColumnStyle(86.0, 9.6, 13.4),
                 3: ColumnStyle(56.0, 9.2, 12.9)}
FULL_WIDTH_MM = 178.0
QUOTE_ACROSS = (17.0 / 12.5, 21.0 / 15.5, 30.0)   # size and leading against a column's, right indent mm


@dataclass(frozen=True)
class Option:
    """One way to set a story: its head, columns and pull quotes, and the length it then runs."""
    head: Head
    columns: int
    quotes: Setting
    length: float                    # top of head to foot of its columns, panel left out
    head_height: float               # what must fit, with MIN_LINES, for it to start on a page
    grow: float                      # how much longer its elastic parts can make it
    shrink: float                    # and shorter
    panel: float                     # its chart panel, which cannot break
    cost: float                      # a small price for leaving the design's choice


@dataclass(frozen=True)
class Placed:
    story: str
    option: Option
    start: float
    end: float                       # where its columns end (panel left out), elastic applied
    change: float                    # end - natural end: + grown, - shrunk


@dataclass(frozen=True)
class PlanResult:
    placed: tuple[Placed, ...]
    pages: int
    cost: float
    white: tuple[float, ...]         # white of each page the plan leaves at a break, by page
    back_cover: bool = False         # contacts and donors on a last page of their own
    contacts_after: str | None = None   # the story the contacts box follows, in a hole (None: at the end)


class Model:
    """The issue's stories as the planner sees them, from one layout's shapes."""

    def __init__(self, stories: list[Story], layout: IssueLayout, shapes: dict[str, StoryShape],
                 photo_ranges: dict[str, list[PhotoRange]], page_height: float, first_page: int,
                 gap: float, colophon: float, back_cover: bool | None, cover: str,
                 frozen: frozenset[str] = frozenset(),
                 measured: dict[tuple, tuple[float, float]] | None = None):
        self.stories, self.layout, self.shapes = stories, layout, shapes
        self.frozen = frozen             # laid out as planned: kept as they are
        # (story, head, columns, quotes) -> (length, head) of the settings laid out before
        self.measured = {} if measured is None else measured
        self.ranges = photo_ranges       # story -> its photos' ranges, head photo first when in the head
        self.H, self.first_page, self.gap = page_height, first_page, gap
        self.colophon, self.cover = colophon, cover
        self.back_cover = back_cover     # the officer's (True), or the planner's choice (None)

    # -- the choices of a story ------------------------------------------------------
    def options(self, story: Story) -> list[Option]:
        shape, layout = self.shapes[story.id], self.layout.of(story.id)
        if story.id in self.frozen:
            # Its setting is kept; its photos and spacing may still take up a hole it ends in.
            now = self._option(story, shape, layout.head, layout.columns, layout.quote(0))
            return [Option(now.head, now.columns, now.quotes, shape.length - shape.panel,
                           now.head_height, now.grow, now.shrink, now.panel, 0.0)]
        heads = [layout.head]
        if story.figures and story.id != self.cover and not story.wide_photo:
            heads = [Head.BESIDE, Head.TEXT, Head.WIDE]
        counts = [layout.columns] if story.columns else [2, 3]
        settings = [layout.quote(0)] if not story.quotes else [Setting.COLUMN, Setting.ACROSS, Setting.OUT]
        return [self._option(story, shape, head, columns, quotes)
                for head in heads for columns in counts for quotes in settings]

    def _option(self, story: Story, shape: StoryShape, head: Head, columns: int,
                quotes: Setting) -> Option:
        now = self.layout.of(story.id)
        geometry = HeadGeometry(shape, now.head)
        body = Body(shape, now, self._photo_in_columns(shape))
        length = (shape.length - shape.panel - shape.head + geometry.height(head)
                  + body.height(head, columns, quotes) - body.height(now.head, now.columns, now.quote(0)))
        head_height = geometry.height(head)
        tried = self.measured.get((story.id, head, columns, quotes))
        if tried is not None and (head, columns, quotes) != (now.head, now.columns, now.quote(0)):
            length, head_height = tried           # laid out in an earlier trial: no estimate
        grow, shrink = self._elastic(story, shape, head, now.head)
        scale = COLUMN_STYLES[shape.columns].depth / COLUMN_STYLES[columns].depth
        # Each change from the layout measured costs a little: a plan keeps what works.
        cost = (0.0 if head is now.head else CHANGE_COST * (2 if head is Head.WIDE else 1)) \
            + (0.0 if columns == now.columns else CHANGE_COST) \
            + (0.0 if quotes is now.quote(0) else CHANGE_COST * (3 if quotes is Setting.OUT else 1))
        need = head_height + MIN_LINES * _leading_px(columns)   # a head does not break
        return Option(head, columns, quotes, length, need, grow, shrink * scale, shape.panel, cost)

    def _photo_in_columns(self, shape: StoryShape) -> float:
        """The head photo's height in a column of the story: its own shape at the column's width."""
        ranges = self.ranges.get(shape.id) or []
        if not ranges or not shape.head_photo:
            return 0.0
        return ranges[0].ratio * shape.column_width + PHOTO_AROUND_MM * PX_PER_MM

    def _elastic(self, story: Story, shape: StoryShape, head: Head, now: Head) -> tuple[float, float]:
        columns = max(1, shape.columns)
        ranges = self.ranges.get(story.id) or []
        grow = shrink = 0.0
        in_columns = ranges[1:] if now is not Head.TEXT and ranges else ranges
        if head is Head.WIDE and now is not Head.WIDE and ranges:
            full = HeadGeometry(shape, now).full
            grow += max(0.0, ranges[0].high_at(full) - WIDE_PHOTO_MM * PX_PER_MM)
        if head is now and now is not Head.TEXT and ranges and shape.head_photo:
            first = ranges[0]
            words = shape.words.height(shape.words.width) if shape.words else 0.0
            fig = shape.head_photo_around
            if head is Head.BESIDE:
                grow += max(words, first.high + fig) - max(words, first.now + fig)
                shrink += max(words, first.now + fig) - max(words, first.low + fig)
            else:
                grow += first.high - first.now
                shrink += first.now - first.low
        for photo in in_columns:
            grow += (photo.high - photo.now) / columns
            shrink += (photo.now - photo.low) / columns
        spaced = dict(self.layout.of(story.id).space_mm)     # what earlier growth added already
        gaps = shape.spaced_gaps
        grow += sum(FEATHER_MM - spaced.get(block, 0.0) for block in gaps) * PX_PER_MM / columns
        return max(0.0, grow), max(0.0, shrink)

    # -- the plan ------------------------------------------------------------------
    def plan(self, target: int) -> PlanResult:
        """The least costly plan over every story, page count first. A state is where the
        stories so far end, and whether the contacts box was set between them."""
        states: dict[tuple[int, bool], tuple[float, tuple]] = {(0, False): (0.0, ())}
        # The first story starts where it was laid out: atop its page, under an editorial set
        # overleaf, or under the contents of a front page without a cover photo.
        first = self.shapes.get(self.stories[0].id) if self.stories else None
        start_pos = max((self.first_page - 1) * self.H, first.start if first else 0.0)
        for index, story in enumerate(self.stories):
            following = self.stories[index + 1] if index + 1 < len(self.stories) else None
            next_needs = [o.head_height for o in self.options(following)] if following else []
            nxt: dict[tuple[int, bool], tuple[float, tuple]] = {}
            for (_, used), (cost, placed) in states.items():
                end = self._end_of(placed)
                for option in self.options(story):
                    start, white_cost = self._start(end, start_pos, option, story, placed)
                    for finish, change, elastic_cost in self._ends(start, option, next_needs):
                        total = (cost + white_cost + option.cost + elastic_cost
                                 + self._jump_cost(finish, option) + self._spill_cost(start, finish))
                        item = Placed(story.id, option, start, finish, change)
                        _keep(nxt, (round(self._panel_end(finish, option) / BUCKET_PX), used),
                              total, placed + (item,))
                        if not used and following is not None and self._filler_fits(item):
                            box = self._filler(item)
                            _keep(nxt, (round(box.end / BUCKET_PX), True), total + FILLER_COST,
                                  placed + (item, box))
            states = _prune(nxt, self.H)
        return min((self._finish(cost, placed, target) for cost, placed in states.values()),
                   key=lambda r: r.cost)

    def _end_of(self, placed: tuple) -> float | None:
        if not placed:
            return None
        return self._panel_end(placed[-1].end, placed[-1].option)

    def _filler_fits(self, item: Placed) -> bool:
        """The contacts box fits under the story on its page: a hole it can fill."""
        if self.back_cover or not self.colophon:
            return False
        end = self._panel_end(item.end, item.option)
        return end - self._page_top(end) + self.gap + self.colophon <= self.H

    def _filler(self, item: Placed) -> Placed:
        start = self._panel_end(item.end, item.option) + self.gap
        option = Option(Head.TEXT, 1, Setting.COLUMN, self.colophon, self.colophon, 0.0, 0.0, 0.0, 0.0)
        return Placed("", option, start, start + self.colophon, 0.0)

    def _start(self, end: float | None, first: float, option: Option, story: Story,
               placed: tuple) -> tuple[float, float]:
        if end is None:
            return first, 0.0
        top = self._page_top(end)
        y = end - top
        if self.layout.of(story.id).new_page or y + self.gap + option.head_height + SAFETY > self.H:
            return top + self.H, _white_cost(self.H - y, self.H) if y > 0 else 0.0
        return end + self.gap, 0.0

    def _ends(self, start: float, option: Option, next_needs: list[float]) -> Iterable[tuple]:
        natural = start + option.length
        low, high = natural - option.shrink, natural + option.grow
        candidates = {natural}
        for page_top in {self._page_top(natural), self._page_top(natural) - self.H}:
            foot = page_top + self.H - 1.0
            candidates.add(foot)
            candidates.update(foot - self.gap - need - 2 * SAFETY for need in next_needs)
        for end in sorted(candidates):
            if low - 0.5 <= end <= high + 0.5 and end > start:
                change = end - natural
                yield end, change, abs(change) / self.H * 0.02

    def _panel_end(self, end: float, option: Option) -> float:
        if not option.panel:
            return end
        top = self._page_top(end)
        if end - top + option.panel <= self.H:
            return end + option.panel
        return top + self.H + option.panel

    def _spill_cost(self, start: float, end: float) -> float:
        """A story that runs a few lines onto a page of its own reads as a mistake."""
        top = self._page_top(end)
        if start >= top:
            return 0.0
        return SPILL_COST * max(0.0, 1 - (end - top) / SPILL)

    def _jump_cost(self, end: float, option: Option) -> float:
        """The white a chart panel leaves when it jumps to the next page."""
        if self._panel_end(end, option) - end - option.panel > 0.5:
            return _white_cost(self._page_top(end) + self.H - end, self.H)
        return 0.0

    def _finish(self, cost: float, placed: tuple, target: int) -> PlanResult:
        whites: list[float] = []
        previous = None
        filler = next((n for n, item in enumerate(placed) if not item.story), None)
        for item in placed:
            if previous is not None and item.start - previous > self.gap + 1:
                whites.append((self._page_top(previous) + self.H - previous) / self.H)
            if self._jump_cost(item.end, item.option):
                whites.append((self._page_top(item.end) + self.H - item.end) / self.H)
            previous = self._panel_end(item.end, item.option)
        end = previous or 0.0
        last_page = max(1, math.ceil(end / self.H - 1e-6))    # a story ending at a foot ends that page
        y = end - (last_page - 1) * self.H
        in_flow = last_page if y + self.gap + self.colophon <= self.H else last_page + 1
        ways = [(True, last_page + 1)] if self.back_cover else [(False, in_flow), (True, last_page + 1)]
        if filler is not None:                 # the contacts are set in a hole, not at the end
            ways = [(False, last_page)]
        back, pages = min(ways, key=lambda way: (abs(way[1] - target), way[0]))
        cost += abs(pages - target) * PAGE_COST + (BACK_COVER_COST if back and not self.back_cover else 0.0)
        after = placed[filler - 1].story if filler is not None else None
        return PlanResult(tuple(p for p in placed if p.story), pages, cost, tuple(whites), back, after)

    def _page_top(self, position: float) -> float:
        return math.floor(position / self.H + 1e-9) * self.H


def _leading_px(columns: int) -> float:
    return COLUMN_STYLES[columns].leading_pt * 96 / 72


def _white_cost(white: float, height: float) -> float:
    share = max(0.0, white / height)
    return share ** 2 + 4 * max(0.0, share - WORST_WHITE)


def _keep(states: dict, key: tuple[int, bool], cost: float, placed: tuple) -> None:
    if key not in states or cost < states[key][0]:
        states[key] = (cost, placed)


def _prune(states: dict[tuple[int, bool], tuple[float, tuple]], height: float,
           per_page: int = 40) -> dict[tuple[int, bool], tuple[float, tuple]]:
    """The cheapest states on each page: every page count stays within reach."""
    pages: dict[int, list] = {}
    for key, state in states.items():
        pages.setdefault(int(key[0] * BUCKET_PX // height), []).append((key, state))
    kept: dict[tuple[int, bool], tuple[float, tuple]] = {}
    for items in pages.values():
        kept.update(sorted(items, key=lambda item: item[1][0])[:per_page])
    return kept


class Body:
    """A story's columns under another column count or setting of its pull quotes, from
    how they ran: text deepens as the measure narrows; photos keep their shape."""

    def __init__(self, shape: StoryShape, now, head_photo_in_columns: float):
        self.shape, self.now = shape, now
        self.moved = head_photo_in_columns      # at the measured column width
        self.was = shape.columns

    def height(self, head: Head, columns: int, quotes: Setting) -> float:
        """The columns' depth on the page, pages laid end to end."""
        shape, was = self.shape, COLUMN_STYLES[self.was]
        style = COLUMN_STYLES[columns]
        narrow = was.width_mm / style.width_mm
        text = shape.text * style.depth / was.depth + shape.factbox * narrow
        photos = sum(p.height + p.around for p in shape.photos if not p.across) / narrow
        across = sum(p.height + p.around for p in shape.photos if p.across)
        if head is Head.TEXT and self.now.head is not Head.TEXT:
            # A tall block in a column leaves, on average, half its height white
            # where it does not fit under the text before it.
            photos += 1.5 * self.moved / narrow
        elif head is not Head.TEXT and self.now.head is Head.TEXT and shape.photos:
            first = shape.photos[0]
            photos -= (first.height + first.around) / narrow
        in_column, spanning = self._quotes(quotes, narrow)
        return (text + photos + in_column) / columns + across + spanning

    def _quotes(self, setting: Setting, narrow: float) -> tuple[float, float]:
        """The pull quotes' depth in the columns and across them, set as `setting`."""
        in_column = spanning = 0.0
        frame = 17.5 * PX_PER_MM                  # margins, padding and attribution
        for quote in self.shape.quotes:
            words = max(0.0, quote.height - frame)
            if quote.across:                      # back to a column's words
                size, leading, indent = QUOTE_ACROSS
                words = words / (leading * size) * (FULL_WIDTH_MM - indent) / COLUMN_STYLES[self.was].width_mm
            if setting is Setting.COLUMN:
                in_column += frame + words * narrow
            elif setting is Setting.ACROSS:
                size, leading, indent = QUOTE_ACROSS
                across_width = FULL_WIDTH_MM - indent
                spanning += frame + words * COLUMN_STYLES[self.was].width_mm / across_width * size * leading
        return in_column, spanning


class HeadGeometry:
    """A story's head in each of its forms, from the one it was laid out in."""

    def __init__(self, shape: StoryShape, now: Head):
        self.shape, self.now = shape, now
        words = shape.words
        aside = (BESIDE_PHOTO_MM + GUTTER_MM) * PX_PER_MM
        width = words.width if words else 0.0
        self.full = width + aside if now is Head.BESIDE else width
        self.narrow = self.full - aside
        self.around = shape.head_photo_around or PHOTO_AROUND_MM * PX_PER_MM
        self.padding = shape.head - self.content(now)

    def words(self, head: Head) -> float:
        if self.shape.words is None:
            return 0.0
        return self.shape.words.height(self.narrow if head is Head.BESIDE else self.full)

    def photo(self, head: Head) -> float:
        if head is self.now and self.shape.head_photo:
            return self.shape.head_photo
        return (HEAD_PHOTO_MM if head is Head.BESIDE else WIDE_PHOTO_MM) * PX_PER_MM

    def content(self, head: Head) -> float:
        """The head's height but for its padding: words, and the photo beside or under them."""
        if head is Head.BESIDE:
            return max(self.words(head), self.photo(head) + self.around)
        if head is Head.WIDE:
            return self.words(head) + self.photo(head) + self.around
        return self.words(head)

    def height(self, head: Head) -> float:
        return self.padding + self.content(head)
