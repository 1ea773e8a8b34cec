"""Copy-fitting by measurement: lay the issue out, read where white is left,
change the layout, and lay it out again until every page is full.

Each round reads the pages (`pagemap`) and walks them from the front:

- white at the foot of a page whose story ends there, because the next
  story's head did not fit, is filled by that story itself: its head photo
  taller, its photos in the columns taller (cropped, never past the press's
  resolution), and last a little space between its paragraphs. Such growth
  keeps every page break where it was, so it is planned for every page at
  once;
- when the white is deep enough for the next story's head set as words only,
  and the issue runs long, that head is compacted instead (its photo goes
  into its columns) and the story starts on this page. That moves every page
  after it, so the round stops there and lays the issue out again;
- a chart panel that jumped to the next page may break between its rows;
- the front page's cover photo takes the white under the contents, or makes
  room for them.

The page count comes first: the nearest multiple the binding takes. An issue
that runs long sets its stories denser (three columns, heads as words only,
fewer pull quotes); one that runs short sets them wider (photos across the
page, a back cover of its own). The officer's keys (`new_page`, `wide_photo`,
`columns`, `back_cover`) are never changed.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ..compose.layout import Head, IssueLayout, StoryLayout
from ..content.model import Issue, Story
from .fill import IssueFill, measure_fill
from .pagemap import PX_PER_MM, Fragment, PageMap, map_pages

log = logging.getLogger("bulletin.fit")

TOLERANCE = 0.02            # white below this share of a page is left alone
MAX_ROUNDS = 8              # layouts a fit may take, the first one included
HEAD_PHOTO_MM = 49.0        # the design's head photo beside the headline (bulletin.css)
WIDE_PHOTO_MM = 92.0        # and across the page
MAX_FEATHER_MM = 1.6        # space the fitter may add above one block of a page's text
MIN_CROP_AREA = 0.55        # a crop keeps at least this share of the photo
PRINT_MIN_PPI = 300.0


@dataclass(frozen=True)
class Choice:
    """One thing the fitter did, in the officer's words."""
    story: str
    page: int
    words: str

    def as_json(self) -> dict:
        return {"story": self.story, "page": self.page, "choice": self.words}


@dataclass
class Fit:
    """The layout chosen, the document laid out with it, and what it took."""
    layout: IssueLayout
    document: object
    fill: IssueFill
    target: int
    choices: list[Choice] = field(default_factory=list)
    layouts: int = 1
    left: list[str] = field(default_factory=list)     # what no choice could mend, in words

    @property
    def pages(self) -> int:
        return len(self.document.pages)


@dataclass(frozen=True)
class PhotoSize:
    """A photo's pixels, which bound how far it may be cropped and enlarged."""
    width: int
    height: int

    def max_height_mm(self, width_mm: float) -> float:
        """The tallest crop at `width_mm` that keeps the press's resolution and
        enough of the picture."""
        by_ppi = self.height / PRINT_MIN_PPI * 25.4
        natural = width_mm * self.height / self.width
        by_area = natural / MIN_CROP_AREA if natural < width_mm * 1.5 else natural
        return min(by_ppi, by_area, width_mm * 1.5)

    def min_height_mm(self, width_mm: float) -> float:
        natural = width_mm * self.height / self.width
        return max(natural * MIN_CROP_AREA, width_mm * 0.45)


LayOut = Callable[[IssueLayout], object]


class Fitter:
    """Fits one language's issue: `lay_out` turns a layout into a laid-out document."""

    def __init__(self, issue: Issue, lay_out: LayOut, photo_sizes: dict[str, tuple[PhotoSize, ...]],
                 multiple: int):
        self.issue, self.lay_out, self.multiple = issue, lay_out, multiple
        self.stories = {s.id: s for s in issue.stories}
        self.sizes = photo_sizes           # story id -> its photos' sizes, in order

    def fit(self, start: IssueLayout) -> Fit:
        document = self.lay_out(start)
        pages = map_pages(document)
        fit = Fit(start, document, measure_fill(document), _target(pages, self.multiple))
        best = fit
        for _ in range(MAX_ROUNDS - 1):
            planned = Plan(self, fit.layout, pages, fit.target)
            if planned.layout == fit.layout:
                break
            document = self.lay_out(planned.layout)
            pages = map_pages(document)
            fit = Fit(planned.layout, document, measure_fill(document), fit.target,
                      fit.choices + planned.choices, fit.layouts + 1)
            log.info("fit: round %d: %d pages, mean white %.1f %%", fit.layouts, fit.pages,
                     100 * fit.fill.mean_white)
            best = _better(best, fit)
        best.layouts = fit.layouts
        best.left = Plan(self, best.layout, map_pages(best.document), best.target).left
        return best

    def story(self, story_id: str) -> Story:
        return self.stories[story_id]


def _better(a: Fit, b: Fit) -> Fit:
    """The fit nearer its page target, then with less white."""
    def score(fit: Fit) -> tuple:
        return (abs(fit.pages - fit.target), fit.fill.mean_white + 0.5 * _worst(fit.fill))
    return b if score(b) <= score(a) else a


def _worst(fill: IssueFill) -> float:
    return fill.worst.white if fill.worst else 0.0


def _target(pages: list[PageMap], multiple: int) -> int:
    """The multiple of the binding nearest to the pages the content fills."""
    used = len(pages) - 1 + (1 - pages[-1].fill.white)
    lower = max(multiple, math.floor(used / multiple) * multiple)
    upper = lower + multiple
    return lower if used - lower <= upper - used else upper


class Plan:
    """One round's changes to the layout, read from the pages of the last one."""

    def __init__(self, fitter: Fitter, layout: IssueLayout, pages: list[PageMap], target: int):
        self.fitter, self.layout, self.pages, self.target = fitter, layout, pages, target
        self.choices: list[Choice] = []
        self.left: list[str] = []
        self.long = len(pages) > target
        if len(pages) != target and self._resize():
            return
        self._fill()

    # -- the page count ---------------------------------------------------------------
    def _resize(self) -> bool:
        """Denser or wider settings when the pages are off their target."""
        over = len(self.pages) - self.target
        return self._condense(over) if over > 0 else self._expand(-over)

    def _condense(self, pages: int) -> bool:
        changed = False
        for story_id in self._stories_by_length():
            story, layout = self.fitter.story(story_id), self.layout.of(story_id)
            if layout.head is Head.BESIDE and not story.wide_photo:
                self._set(story_id, layout.with_(head=Head.TEXT, head_photo_mm=None),
                          "head set as words only, its photo in the columns, to save room")
                changed = True
            elif layout.columns == 2 and story.columns == 2:   # TODO: hand-set columns
                self._set(story_id, layout.with_(columns=3), "set in three columns to save room")
                changed = True
            if changed and pages <= 1:
                return True
        return changed

    def _expand(self, pages: int) -> bool:
        changed = False
        if not self.layout.back_cover and pages >= 1:
            self.layout = IssueLayout(self.layout.stories, self.layout.front, back_cover=True)
            self.choices.append(Choice("", len(self.pages), "contacts and donors on a back cover "
                                                            "of their own, to fill the issue"))
            changed = True
        for story_id in self._stories_by_length():
            layout = self.layout.of(story_id)
            if layout.head is Head.BESIDE and self.fitter.sizes.get(story_id):
                self._set(story_id, layout.with_(head=Head.WIDE, head_photo_mm=None),
                          "photo set across the page under the lead, to fill the issue")
                return True
        return changed

    def _stories_by_length(self) -> list[str]:
        words = {s.id: len(s.body.split()) for s in self.fitter.issue.stories}
        return sorted(words, key=words.get, reverse=True)

    # -- filling the pages --------------------------------------------------------------
    def _fill(self) -> None:
        for index, page in enumerate(self.pages[:-1]):
            white = page.fill.white * page.height
            if page.fill.white <= TOLERANCE:
                continue
            after = self.pages[index + 1]
            if page.front:
                self._fill_front(page, white)
            elif self._breaks_flow(page, after, white):
                return
            else:
                self._grow(page, white)

    def _breaks_flow(self, page: PageMap, after: PageMap, white: float) -> bool:
        """Changes that move what comes after: a head compacted to start here, a
        chart panel let break. True when one was made (the round ends)."""
        last, first_after = page.last, after.fragments[0] if after.fragments else None
        if last is None or first_after is None:
            return False
        if first_after.story == last.story and first_after.panel and not first_after.columns:
            layout = self.layout.of(last.story)
            if not layout.panel_breaks and len(self.fitter.story(last.story).charts) > 1:
                self._set(last.story, layout.with_(panel_breaks=True),
                          f"chart panel broken between its rows to fill page {page.number}")
                return True
            return False
        if not (last.ends and first_after.starts and self.long):
            return False
        nxt, layout = self.fitter.story(first_after.story), self.layout.of(first_after.story)
        if layout.head is Head.TEXT or nxt.wide_photo or layout.new_page:
            return False
        if white >= _compact_head_need(first_after, layout):
            self._set(nxt.id, layout.with_(head=Head.TEXT, head_photo_mm=None),
                      f"head set as words only (photo in the columns) to start on page {page.number}")
            return True
        return False

    def _grow(self, page: PageMap, white: float) -> None:
        """Fill the foot of a page from the last story on it, its page breaks kept."""
        last = page.last
        if last is None or not last.ends:
            self.left.append(f"page {page.number}: {page.fill.white:.0%} white")
            return
        room = white - 1.2 * (last.line or 14)          # a line's margin against spilling over
        if room <= 0:
            return
        room -= self._grow_head_photo(last, room)
        if room > 0:
            room -= self._grow_column_photos(last, room)
        if room > 0:
            room -= self._feather(last, room)
        if room > 0.5 * page.height * TOLERANCE * 4:
            self.left.append(f"page {page.number}: {room / page.height:.0%} white under "
                             f"'{last.story}': write about {_lines(room, last)} lines more")

    def _grow_head_photo(self, fragment: Fragment, room: float) -> float:
        """A taller head photo: the whole story moves down by as much (beside the
        headline, only past the height of the words beside it)."""
        story_id = fragment.story
        layout = self.layout.of(story_id)
        photo = self._head_photo(story_id)
        sizes = self.fitter.sizes.get(story_id)
        if photo is None or not sizes or layout.head is Head.TEXT:
            return 0.0
        current = layout.head_photo_mm or (WIDE_PHOTO_MM if layout.head is Head.WIDE else HEAD_PHOTO_MM)
        width_mm = photo.width / PX_PER_MM
        slack = 0.0
        if layout.head is Head.BESIDE:       # the head's height is the taller of words and photo
            slack = max(0.0, photo_head_words(self, story_id) - (photo.height + photo.caption))
        top = sizes[0].max_height_mm(width_mm)
        grow_mm = min(top - current, (room + slack) / PX_PER_MM)
        if grow_mm <= 1:
            return 0.0
        self._set(story_id, layout.with_(head_photo_mm=round(current + grow_mm, 1)),
                  f"head photo enlarged to {current + grow_mm:.0f} mm to fill page {fragment.page}")
        return max(0.0, grow_mm * PX_PER_MM - slack)

    def _grow_column_photos(self, fragment: Fragment, room: float) -> float:
        """Taller photos in the columns: each adds a share of its growth to every column."""
        story_id = fragment.story
        layout = self.layout.of(story_id)
        columns = max(1, layout.columns)
        sizes = self.fitter.sizes.get(story_id, ())
        in_columns = sizes[0 if layout.head is Head.TEXT else 1:]
        photos = [p for p in self._column_photos(story_id) if p.index < len(in_columns)]
        if not photos:
            return 0.0
        heights = list(layout.photo_mm) + [None] * (len(in_columns) - len(layout.photo_mm))
        wanted = room * columns / PX_PER_MM / len(photos)       # mm per photo
        grown = 0.0
        for photo in photos:
            width_mm, now = photo.width / PX_PER_MM, photo.height / PX_PER_MM
            new = min(now + wanted, in_columns[photo.index].max_height_mm(width_mm))
            if new - now > 1:
                heights[photo.index] = round(new, 1)
                grown += (new - now) * PX_PER_MM / columns
        if grown:
            self._set(story_id, layout.with_(photo_mm=tuple(heights)),
                      f"photos in the columns enlarged to fill page {fragment.page}")
        return grown

    def _feather(self, fragment: Fragment, room: float) -> float:
        """A little space above the blocks of the story's last page: spread, never a hole."""
        layout = self.layout.of(fragment.story)
        gaps = [b for b in fragment.blocks if b > 0]
        if not gaps:
            return 0.0
        columns = max(1, layout.columns)
        each = min(MAX_FEATHER_MM, room * columns / PX_PER_MM / len(gaps))
        if each < 0.3:
            return 0.0
        space = dict(layout.space_mm)
        for block in gaps:
            space[block] = round(space.get(block, 0.0) + each, 2)
        self._set(fragment.story, layout.with_(space_mm=tuple(sorted(space.items()))),
                  f"space between paragraphs opened by {each:.1f} mm to fill page {fragment.page}")
        return each * PX_PER_MM * len(gaps) / columns

    def _fill_front(self, page: PageMap, white: float) -> None:
        front = self.layout.front
        current = front.cover_photo_mm or COVER_PHOTO_MM
        grow = min(COVER_MAX_MM - current, (white - 6) / PX_PER_MM)
        if grow > 1:
            from dataclasses import replace
            self.layout = replace(self.layout, front=replace(front, cover_photo_mm=round(current + grow, 1)))
            self.choices.append(Choice("", 1, f"cover photo enlarged to {current + grow:.0f} mm "
                                              "to fill the front page"))

    # -- helpers ----------------------------------------------------------------------
    def _head_photo(self, story_id: str):
        return next((f.head_photo for p in self.pages for f in p.fragments
                     if f.story == story_id and f.head_photo is not None), None)

    def _column_photos(self, story_id: str):
        return [photo for p in self.pages for f in p.fragments if f.story == story_id
                for photo in f.photos]

    def _set(self, story_id: str, layout: StoryLayout, words: str) -> None:
        page = next((p.number for p in self.pages for f in p.fragments if f.story == story_id), 0)
        self.layout = self.layout.with_story(story_id, layout)
        self.choices.append(Choice(story_id, page, words))


COVER_PHOTO_MM = 82.0
COVER_MAX_MM = 120.0


def photo_head_words(plan: Plan, story_id: str) -> float:
    return next((f.head_text for p in plan.pages for f in p.fragments
                 if f.story == story_id and f.starts), 0.0)


def _compact_head_need(first: Fragment, layout: StoryLayout) -> float:
    """Room the head needs as words only, across the page, with its first lines:
    its words beside the photo take about half as many lines across the page."""
    words = first.head_text * (0.6 if layout.head is Head.BESIDE else 1.0)
    return words + 4 * (first.line or 18) + 10 * PX_PER_MM


def _lines(room: float, fragment: Fragment) -> int:
    return round(room * max(1, fragment.columns) / (fragment.line or 18))
