"""Copy-fitting: how the laid-out issue fits its pages, read from WeasyPrint's boxes.

After layout, every story (`<article id>`) is found on the pages it spans.
For each one the report says how far it runs onto its last page, how much
room it leaves at the foot of a page when the next story starts overleaf, and
where the layout has a flaw an editor would cut or add words to mend: a column
holding a lone line, a heading stranded at the foot of a column or page. Room
enough at a story's foot for its photo to go across the page is pointed out.

For the issue as a whole it sets the pages produced against the target: the
nearest multiple of the publication's `pages_multiple_of` (a saddle-stitched
bulletin comes in fours), with how much to cut or write to reach it.

Lengths are CSS pixels inside; lines are counted at the story's own leading
(its column text), so "5 lines per column" is what to cut from each column.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from ..progress import counted

if TYPE_CHECKING:
    from .fill import IssueFill

HEADING_TAGS = {"h1", "h2", "h3", "h4"}
# Elements read as one heading: a story's head (kicker, headline, lead, photo)
# belongs with the text under it as much as a box title does.
HEADING_CLASSES = {"story-head": "headline", "factbox-title": "fact box title",
                   "chart-title": "chart title"}
# A tail shorter than this share of a page reads as a story spilling over,
# not as a long story: worth cutting to end a page earlier.
SPILL_SHARE = 0.34
# Fewer words than this on a page of stories means placeholder copy: no word estimate.
MIN_WORDS_PER_PAGE = 150
# Inner pages whiter than this on average, or one whiter than HOLE_SHARE, hold white the
# fitter could not close: the officer hears of it.
MEAN_SHARE, HOLE_SHARE = 0.05, 0.12
# Room a photo beside the headline needs to go across the page (`wide_photo`): the
# wide photo is 92 mm tall, and the head's text, now across the page, takes fewer lines.
WIDE_PHOTO_ROOM_MM = 80
PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Flaw:
    """A layout fault the officer mends by cutting or adding words."""
    kind: str            # "lone line" | "stranded heading" | "rivers"
    page: int
    where: str           # "column 3 of page 4", "the foot of page 2"
    what: str = ""       # the heading's name, for a stranded heading; how many, for rivers

    def __str__(self) -> str:
        if self.kind == "lone line":
            return f"lone line in {self.where}"
        if self.kind == "rivers":
            return f"{self.what} in {self.where}"
        return f"{self.what} stranded at {self.where}"


@dataclass(frozen=True)
class StoryFit:
    id: str
    first_page: int
    last_page: int
    columns: int
    ends_at: float       # how far down its last page the story ends, 0 to 1
    tail_lines: int      # column height on its last page, in lines, when it started earlier
    cut_lines: int       # lines of text on its last page: what to cut to end a page earlier
    room_lines: int      # lines per column left empty at the foot of its last page
    spills: bool         # the tail is short enough to cut back onto the page before
    flaws: tuple[Flaw, ...] = ()
    can_widen: bool = False   # its photo could go across the page into the room it leaves

    @property
    def pages(self) -> str:
        if self.first_page == self.last_page:
            return str(self.first_page)
        return f"{self.first_page}–{self.last_page}"

    def note(self) -> str:
        notes = []
        if self.spills:
            notes.append(f"runs {counted(self.tail_lines, 'line')} deep onto page {self.last_page}: "
                         f"cut {counted(self.cut_lines, 'line')} to end on page {self.last_page - 1}")
        if self.room_lines:
            per_column = f" ({self.room_lines} per column)" if self.columns > 1 else ""
            notes.append(f"leaves room for {counted(self.room_lines * self.columns, 'line')}{per_column} "
                         f"at the foot of page {self.last_page}")
        notes += [str(flaw) for flaw in self.flaws]
        return "; ".join(notes)


@dataclass(frozen=True)
class FitReport:
    pages: int
    multiple: int        # pages come in multiples of this (the binding)
    target: int          # the nearest acceptable page count
    used: float          # pages filled: whole pages before the last, plus its share
    page_lines: int      # lines of body text a page column holds
    words_per_page: int  # words a page of this issue's stories holds, on average
    stories: tuple[StoryFit, ...] = field(default=())
    holes: float = 0.0   # white on the inner pages, in pages, when more than MEAN_SHARE and HOLE_SHARE allow

    @property
    def free_lines(self) -> int:
        """Lines per column left empty at the foot of the last page."""
        return math.floor((self.pages - self.used) * self.page_lines + 1e-6)

    def summary(self) -> str:
        head = (f"{counted(self.pages, 'page')}, target {self.target} "
                f"(pages come in multiples of {self.multiple})")
        if self.pages == self.target and self.holes:
            lower = self.target - self.multiple
            over = self.used - self.holes - lower        # the copy past the lower count
            cut = f", or cut {self._amount(over)} for {lower}" if lower > 0 and over < self.holes else ""
            return (f"{head}: fits, with {self.holes:.1f} pages of white inside (see the stories "
                    f"below): write {self._amount(self.holes)} more to fill them{cut}")
        if self.pages == self.target:
            return f"{head}: fits; {counted(self.free_lines, 'line')} free at the foot of page {self.pages}"
        if self.pages > self.target:
            over, more = self.used - self.target, self.target + self.multiple - self.used
            return (f"{head}: {over:.1f} pages over: cut {self._amount(over)}, "
                    f"or write {more:.1f} pages more for {self.target + self.multiple}")
        short = self.target - self.used
        return f"{head}: {short:.1f} pages short: write {self._amount(short)} more"

    def asks(self) -> str:
        """What the summary asks of the officer, in short: "write 180", "cut 360" (words), or ""."""
        pages = self.used - self.target if self.pages != self.target else -self.holes
        if not pages:
            return ""
        return f"{'cut' if pages > 0 else 'write'} {self._words(pages)}"

    def _amount(self, pages: float) -> str:
        """`pages` of copy in the officer's terms: words when the issue has enough to tell."""
        lines = f"{counted(round(pages * self.page_lines), 'line')} a column"
        if self.words_per_page < MIN_WORDS_PER_PAGE:     # placeholders: no measure of words yet
            return f"about {lines}"
        return f"about {self._words(pages)} words ({lines})"

    def _words(self, pages: float) -> str:
        """The words `pages` of copy hold, to the nearest ten: "1,270"."""
        return f"{round(abs(pages) * self.words_per_page, -1):,.0f}"

    def table(self) -> str:
        """The report as printed after a build: the summary, then one row per story."""
        width = max([len("story")] + [len(s.id) for s in self.stories])
        rows = [self.summary(), f"  {'story':{width}}  pages  ends   note"]
        for story in self.stories:
            rows.append(f"  {story.id:{width}}  {story.pages:5}  "
                        f"{round(story.ends_at * 100):3d}%  {story.note()}".rstrip())
        return "\n".join(rows)

    def as_json(self) -> dict:
        data = asdict(self)
        data["free_lines"] = self.free_lines
        data["summary"] = self.summary()
        data["asks"] = self.asks()
        for story, fit in zip(data["stories"], self.stories):
            story["flaws"] = [str(flaw) for flaw in fit.flaws]
            story["note"] = fit.note()
        return data


def with_holes(fit: FitReport, fill: IssueFill) -> FitReport:
    """The report with the white of the inner pages, when they hold more than the fitter
    aims at: what is left to the officer, in words to write or cut."""
    if within_aim(fill):
        return fit
    return replace(fit, holes=round(sum(page.white for page in fill.inner), 2))


def within_aim(fill: IssueFill) -> bool:
    """Inner pages no whiter than the report lets pass: it then asks the officer for nothing."""
    return fill.mean_white <= MEAN_SHARE and not any(page.white > HOLE_SHARE for page in fill.inner)


# ---- Measuring the laid-out document ------------------------------------------

def measure(document, multiple: int) -> FitReport:
    """The fit of a rendered WeasyPrint `Document` whose stories are `<article id>`s."""
    pages = [_Page(number, page._page_box) for number, page in enumerate(document.pages, start=1)]
    ids = list(dict.fromkeys(a.id for page in pages for a in page.articles))
    stories = tuple(_story_fit(story_id, pages) for story_id in ids)
    last = pages[-1]
    used = len(pages) - 1 + last.filled / last.area_height
    target = _target(len(pages), used, multiple)
    inner = pages[1] if len(pages) > 2 else last     # a story page: not the front, nor a back cover
    page_lines = math.floor(inner.area_height / _leading(inner.root_style) + 1e-6)
    return FitReport(len(pages), multiple, target, round(used, 3), page_lines,
                     _words_per_page(pages), stories)


def _words_per_page(pages: list[_Page]) -> int:
    """Words the stories set per page: their words over the pages their fragments fill."""
    fragments = [a for page in pages for a in page.articles]
    filled = sum(_bottom(f.box) - max(f.page.top, f.box.border_box_y()) for f in fragments)
    words = sum(len(text.split()) for f in fragments for text in _texts(f.box))
    area = pages[0].area_height
    return round(words / (filled / area)) if filled > 0 else 0


def _target(pages: int, used: float, multiple: int) -> int:
    """The multiple of `multiple` nearest to the pages filled (the upper one on a tie)."""
    if pages % multiple == 0:
        return pages
    lower, upper = (pages // multiple) * multiple, (pages // multiple + 1) * multiple
    if lower == 0 or upper - used <= used - lower:
        return upper
    return lower


class _Page:
    """One page's content area and the story fragments on it."""

    def __init__(self, number: int, page_box):
        self.number = number
        self.top = page_box.content_box_y()
        self.area_height = page_box.height
        html = _child(page_box, "html") or page_box.children[0]
        self.root_style = html.style
        body = _child(html, "body") or html
        self.flow = [box for box in body.children if _is_in_flow(box)]
        self.filled = max((_bottom(box) - self.top for box in self.flow), default=0.0)
        self.articles = [_Fragment(box, self) for box in self.flow
                         if box.element_tag == "article" and box.element.get("id")]

    def is_last_in_flow(self, box) -> bool:
        return bool(self.flow) and self.flow[-1] is box


class _Fragment:
    """The part of one story on one page."""

    def __init__(self, box, page: _Page):
        self.box, self.page = box, page
        self.id = box.element.get("id")
        self.columns = _columns_of(box)
        self.leading = _leading(self.columns[0].style if self.columns else box.style)


def _story_fit(story_id: str, pages: list[_Page]) -> StoryFit:
    fragments = [a for page in pages for a in page.articles if a.id == story_id]
    first, last = fragments[0], fragments[-1]
    page = last.page
    bottom = _bottom(last.box)
    tail = bottom - max(page.top, last.box.border_box_y())
    tail_lines = _floor_lines(tail, last.leading) if len(fragments) > 1 else 0
    cut_lines = sum(1 for _ in _lines_in(last.box)) if len(fragments) > 1 else 0
    room = page.top + page.area_height - bottom
    room_lines = _floor_lines(room, last.leading) if page.is_last_in_flow(last.box) else 0
    columns = max((len(f.columns) for f in fragments), default=1) or 1
    return StoryFit(
        id=story_id, first_page=first.page.number, last_page=page.number,
        columns=columns, ends_at=round((bottom - page.top) / page.area_height, 3),
        tail_lines=tail_lines, cut_lines=cut_lines, room_lines=room_lines,
        spills=0 < tail <= SPILL_SHARE * page.area_height and len(fragments) > 1,
        flaws=tuple(_lone_lines(fragments) + _stranded_headings(fragments)),
        can_widen=room_lines > 0 and room >= WIDE_PHOTO_ROOM_MM * PX_PER_MM and _widens(first))


def _widens(first: _Fragment) -> bool:
    """The story starts its page (its taller head cannot push it to the next) with a
    photo beside its headline."""
    return first.page.articles[0] is first and any(
        "story-head-beside" in _classes(child) for child in getattr(first.box, "children", ()))


def _lone_lines(fragments: list[_Fragment]) -> list[Flaw]:
    """Columns holding a single line of text (a heading alone is a stranded heading)."""
    flaws = []
    for fragment in fragments:
        for number, column in enumerate(fragment.columns, start=1):
            lines = [heading for _, _, heading, kind in _items(column, 0) if kind == "line"]
            if len(lines) == 1 and lines[0] is None:
                where = f"column {number} of page {fragment.page.number}"
                flaws.append(Flaw("lone line", fragment.page.number, where))
    return flaws


def _stranded_headings(fragments: list[_Fragment]) -> list[Flaw]:
    """Headings whose next piece of content is in another column or on the next page."""
    items = [item for f in fragments for item in _items(f.box, f.page.number)]
    flaws = []
    for index, item in enumerate(items):
        page, column, heading, _ = item
        if heading is None:
            continue
        after = next((other for other in items[index + 1:] if other[2] != heading), None)
        if after is None:
            continue
        if after[0] != page:
            flaws.append(Flaw("stranded heading", page, f"the foot of page {page}", heading[1]))
        elif column is not None and after[1] is not None and after[1] is not column:
            flaws.append(Flaw("stranded heading", page, f"the foot of a column on page {page}",
                              heading[1]))
    return list(dict.fromkeys(flaws))


def _items(box, page: int, column=None, heading=None):
    """(page, column box, heading, "line" or "image") for each line and image of `box`,
    in reading order. `heading` is (element id, name) of the heading the item
    belongs to, or None.
    """
    if getattr(box, "is_column", False):
        column = box
    if heading is None:
        name = _heading_name(box)
        if name:
            heading = (id(box.element), name)
    if _is_line(box) or _is_replaced(box):
        yield page, column, heading, "line" if _is_line(box) else "image"
        return
    for child in getattr(box, "children", ()):
        yield from _items(child, page, column, heading)


def _heading_name(box) -> str | None:
    if getattr(box, "element", None) is None or not hasattr(box.element, "get"):
        return None
    classes = _classes(box)
    for cls, name in HEADING_CLASSES.items():
        if cls in classes:
            return name
    if getattr(box, "element_tag", None) in HEADING_TAGS:
        return "heading"
    return None


# ---- Box helpers ----------------------------------------------------------------

def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def _child(box, tag: str):
    return next((c for c in getattr(box, "children", ()) if getattr(c, "element_tag", None) == tag),
                None)


def _columns_of(article) -> list:
    """The column boxes of a story fragment's multi-column text, in order."""
    found = []
    for child in getattr(article, "children", ()):
        if getattr(child, "is_column", False):
            found.append(child)
        elif not _is_line(child):
            found += _columns_of(child)
    return found


def _lines_in(box):
    if _is_line(box):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _lines_in(child)


def _texts(box):
    if hasattr(box, "text") and type(box).__name__ == "TextBox":
        yield box.text
        return
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def _is_line(box) -> bool:
    return type(box).__name__ == "LineBox"


def _is_replaced(box) -> bool:
    return type(box).__name__ in ("BlockReplacedBox", "InlineReplacedBox")


def _is_in_flow(box) -> bool:
    return hasattr(box, "border_height") and type(box).__name__ not in (
        "AbsolutePlaceholder", "FixedPlaceholder")


def _bottom(box) -> float:
    return box.border_box_y() + box.border_height()


def _leading(style) -> float:
    """The line height in CSS pixels that `style` gives its text."""
    value = style["line_height"]
    if value == "normal":
        return 1.2 * style["font_size"]
    if getattr(value, "unit", None) == "px":
        return value.value
    return float(value) * style["font_size"]


def _floor_lines(length: float, leading: float) -> int:
    return max(0, math.floor(length / leading + 1e-6))
