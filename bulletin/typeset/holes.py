"""Closing the holes a plan left, page by page: each change laid out before it is kept.

The planner places the stories from the lengths they ran, but a story's length
depends on where its page breaks fall (a head, a photo or a chart panel that
does not fit goes overleaf whole), so a plan can miss by a few centimetres and
leave the foot of a page white. Here the emptiest page is mended first, by one
change at a time: the story that starts overleaf set with its head as words
only (its photo into its columns), so that it starts in the hole; the story
that ends in the hole set longer (its photos taller, its paragraphs spaced a
little wider, its charts set across the page one under another or drawn taller, a photo of its
columns set across them or the photo beside its headline set across the page
under the lead, each cropped to the hole and never below the press's 300 ppi at
that width); the story before it set longer (by the hole's depth, or by half of
it: what moves down after it is not in proportion), when the story ending in the
hole began on an earlier page; its chart panel that went overleaf allowed to break
between charts, or its charts set one under another across the page; a
photo set across the columns that went overleaf moved past the paragraphs that
fill the hole it left (the story grown back by as much, so that it still ends
where it did); the contacts box set in the hole. A change is laid out and kept
only when the whole issue comes out fuller at the binding's page count (a change
that leaves a pull quote set across at the foot of a page is tried again with
the quote in its columns); when the changes of the best run out short of the
aim, mending goes on from the best change turned down. The officer's keys are
never changed (a story set on a new page by hand keeps the hole above it).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..charts import TALLER_KINDS
from ..compose import markup
from ..compose.layout import Head, IssueLayout, Setting, StoryLayout
from ..content.model import Issue, panel_may_go_across
from .elastic import close_holes, column_ranges, crop_mm, realise
from .pagemap import PX_PER_MM, Fragment, PageMap
from .planner import HeadGeometry, Option, PhotoRange, Placed
from .shapes import StoryShape, measure_shapes

if TYPE_CHECKING:
    from .fitter import Fit

log = logging.getLogger("bulletin.fit")

MEND_TRIALS = 16         # trials the mending may lay out after the plan's rounds (12 left fits it could close)
HOLE = 0.05              # a page this white at its foot (share of its text block) is mended
LINES_UNDER_HEAD = 3     # a head starts in a hole only with this many lines of its text under it
ACROSS_MARGIN_MM = 3.0   # a photo across the columns has this much more margin (styles: .photo-across)
BETTER = 1e-3            # a trial must improve the score by this much to be kept


@dataclass(frozen=True)
class Mend:
    """One change that may close the hole on a page, and its words for the fit report."""
    layout: IssueLayout
    story: str
    page: int
    words: str


@dataclass(frozen=True)
class Mending:
    """What mending needs of the fitter: the issue, its photos' ranges, a way to try a change
    (a layout of the pages it moves) and the rank of a fit (lower is better)."""
    issue: Issue
    photos: Callable[[IssueLayout, dict[str, StoryShape]], dict[str, list[PhotoRange]]]
    tried: Callable[[Fit, Mend], Fit]
    counted: Callable[[Fit], Fit]       # a fit a page off the binding's count, the back cover changed
    replanned: Callable[[Fit], Fit]     # a fit planned again from its pages and laid out
    score: Callable[[Fit], tuple]
    full: Callable[[Fit], bool]         # pages full enough that no layout more is worth its time
    met: Callable[[Fit], bool]          # the officer's aim met: no trial beyond its own changes
    trials: int = MEND_TRIALS           # the trials it may lay out


def mend_holes(mending: Mending, best: Fit) -> Fit:
    """`best` with its holes closed as far as `mending.trials` trials can. A trial is one
    issue laid out as a change makes it; it may take two layouts (see fitter._tried), and
    `layouts` counts them all. When the changes of the best run out with trials left and
    the aim not met, mending goes on from the best trial turned down: a change that only
    moved a hole may open the way to one that closes it."""
    seen = [best.layout]        # laid out already: a change back to one would cost a layout for nothing
    layouts, trials, start = best.layouts, 0, best
    while True:
        mended, turned_down, layouts, trials = _mended_from(mending, start, seen, layouts, trials)
        if _improves(mending.score(mended), mending.score(best)):
            best = mended
        if trials >= mending.trials or mending.full(best) or mending.met(best) or not turned_down:
            break
        start = min(turned_down, key=mending.score)
    best.layouts = layouts
    return best


def _mended_from(mending: Mending, best: Fit, seen: list, layouts: int,
                 trials: int) -> tuple[Fit, list[Fit], int, int]:
    """`best` mended one kept change after another until its changes or the trials run out;
    with the trials it turned down at the binding's count, and the layouts and trials taken
    so far."""
    tried: set[tuple[str, int, str]] = set()
    turned_down: list[Fit] = []
    while trials < mending.trials:
        mend = _next_change(mending, best, tried, seen)
        if mend is None:
            break
        tried.add((mend.story, mend.page, mend.words))
        seen.append(mend.layout)
        log.info("fit: mending page %d: %s, %s", mend.page, mend.story, mend.words)
        trial, trials = _followed_up(mending, mending.tried(replace(best, layouts=layouts), mend), best,
                                     trials + 1)
        layouts = trial.layouts
        seen.append(trial.layout)
        if _improves(mending.score(trial), mending.score(best)):
            best = trial
            if mending.full(best):
                break
        elif trial.page_count == trial.target:
            turned_down.append(trial)
    return best, turned_down, layouts, trials


def _followed_up(mending: Mending, trial: Fit, best: Fit, trials: int) -> tuple[Fit, int]:
    """A trial fuller than `best` but ruled out by what ranks before the white, tried once
    more: a page off the binding's count, then a pull quote newly at a page's foot. With
    the trials taken so far."""
    if trial.fill.mean_white >= best.fill.mean_white:
        return trial, trials
    if abs(trial.page_count - trial.target) == 1:
        counted = mending.counted(trial)   # the contacts' own page may make the count up
        trial, trials = counted, trials + (counted is not trial)
        if trial.page_count != trial.target and trials < mending.trials:
            replanned = mending.replanned(trial)   # or the other stories, planned from its pages
            trial, trials = replanned, trials + (replanned is not trial)
    stranded = _newly_stranded(trial, best)
    if stranded is not None and trials < mending.trials and trial.fill.mean_white < best.fill.mean_white \
            and abs(trial.page_count - trial.target) <= abs(best.page_count - best.target):
        story, number = stranded      # tried again with that quote in its columns
        trial = mending.tried(trial, _quote_in_columns(trial, story, number, f"so that it does not end page {number}"))
        trials += 1
    return trial, trials


def _newly_stranded(trial: Fit, best: Fit) -> tuple[str, int] | None:
    """The story and page of a pull quote set across that ends a page of `trial` and
    of no page of `best`."""
    before = {(f.story, page.number) for page in best.pages for f in page.fragments if f.quote_afoot}
    return next(((f.story, page.number) for page in trial.pages for f in page.fragments
                 if f.quote_afoot and (f.story, page.number) not in before), None)


def _next_change(mending: Mending, fit: Fit, tried: set[tuple[str, int, str]], seen: list) -> Mend | None:
    """The next change to try: on the page tried least so far, the emptiest first among
    those, so that one hole's changes do not spend every layout before the next is tried."""
    pages = [page for _, page, _ in tried]
    untried = [m for m in _changes(mending, fit) if (m.story, m.page, m.words) not in tried and m.layout not in seen]
    return min(untried, key=lambda m: pages.count(m.page), default=None)


def _improves(new: tuple, old: tuple) -> bool:
    """Better on the first criteria, or as good and whiter by BETTER less (the last)."""
    return new[:-1] < old[:-1] or (new[:-1] == old[:-1] and new[-1] < old[-1] - BETTER)


def _changes(mending: Mending, fit: Fit) -> Iterator[Mend]:
    """Every change that may close a hole, the emptiest page's first."""
    if len(fit.pages) < 3:
        return
    height = fit.pages[1].height
    shapes = measure_shapes(fit.pages, height)
    for story_id, shape in shapes.items():
        shape.columns = fit.layout.of(story_id).columns
    inner = fit.pages[1:-1]
    for page in sorted(inner, key=lambda p: -p.fill.white):
        if page.fill.white < HOLE or not page.fragments:
            break
        if page.fill.holes >= HOLE:
            yield from _inside(mending, fit, page, shapes)
        if page.fill.foot >= HOLE:
            following = fit.pages[page.number] if page.number < len(fit.pages) else None
            yield from _changes_on(mending, fit, page, following, shapes)


def _inside(mending: Mending, fit: Fit, page: PageMap, shapes: dict[str, StoryShape]) -> Iterator[Mend]:
    """A story whose column ends short above what is set across its columns (a pull
    quote, or a photo cropped tall beside it): the photo beside the hole cropped shorter
    by the hole's depth, the quote back in its columns, or the photos in its columns back
    at their shape as shot."""
    for fragment in page.fragments:
        story = fit.layout.of(fragment.story)
        if fragment.holes <= 0:
            continue
        shorter = _photo_beside(mending, fit, fragment, shapes.get(fragment.story))
        if shorter is not None:
            yield Mend(fit.layout.with_story(fragment.story, shorter), fragment.story, page.number,
                       f"photo in the columns cropped shorter, to close the hole beside it on page {page.number}")
        if Setting.ACROSS in story.quotes:
            yield _quote_in_columns(fit, fragment.story, page.number,
                                    f"to close the hole above it on page {page.number}")
        if story.photo_mm:
            yield Mend(fit.layout.with_story(fragment.story, story.with_(photo_mm=())), fragment.story,
                       page.number, f"photos in the columns set as shot, to close the hole beside them on page "
                       f"{page.number}")


def _photo_beside(mending: Mending, fit: Fit, fragment: Fragment, shape: StoryShape | None) -> StoryLayout | None:
    """The tallest photo in the fragment's columns cropped shorter by the depth of the hole:
    a column run cut by something set across balances its columns, and a photo taller than
    the text beside it leaves that column short by as much as the photo is too tall."""
    photos = [photo for photo in fragment.photos if photo.index >= 0]
    if shape is None or not photos:
        return None
    tallest = max(photos, key=lambda photo: photo.height)
    depth = fragment.holes / max(tallest.width, 1.0)
    now = fit.layout.of(shape.id)
    for photo, placed in zip(_column_ranges(mending, fit, shape), shape.photos):
        if placed.index == tallest.index and not placed.across:
            new = max(photo.low, tallest.height - depth)
            if tallest.height - new < 2 * PX_PER_MM:
                return None
            heights = list(now.photo_mm) + [None] * (len(shape.photos) - len(now.photo_mm))
            heights[placed.index] = crop_mm(new)
            return now.with_(photo_mm=tuple(heights))
    return None


def _column_ranges(mending: Mending, fit: Fit, shape: StoryShape) -> list[PhotoRange]:
    """How far each photo in the story's columns may be cropped, in the order of shape.photos."""
    ranges = mending.photos(fit.layout, {shape.id: shape}).get(shape.id, [])
    return column_ranges(shape, fit.layout.of(shape.id).head, ranges)


def _changes_on(mending: Mending, fit: Fit, page: PageMap, following: PageMap | None,
                shapes: dict[str, StoryShape]) -> Iterator[Mend]:
    hole = page.fill.foot * page.height
    last = page.fragments[-1]
    ending = shapes.get(last.story) if last.ends else None
    starting = following.fragments[0] if following and following.fragments else None
    if starting is not None and starting.starts:
        compact = _compact_head(mending.issue, fit, starting.story, shapes.get(starting.story), hole)
        if compact is not None:
            yield Mend(compact, starting.story, page.number,
                       f"head set as words only, its photo in the columns, so that it starts in "
                       f"the room left on page {page.number}")
    if starting is not None and starting.story == last.story and starting.quote_atop:
        # A quote set across went overleaf, too tall for the foot of the page, and the columns
        # above it stopped where it would have begun. (A head photo cropped to make room for
        # it leaves it at the page's foot with its text overleaf: the fitter's score rules that out.)
        yield _quote_in_columns(fit, last.story, page.number,
                                f"so that the text runs to the foot of page {page.number}")
    if ending is not None:
        yield from _longer(mending, fit, page, ending, hole)
        if not last.starts:
            yield from _earlier_grown(mending, fit, page, ending, shapes, hole)
    shape = shapes.get(last.story)
    if not last.ends and shape is not None:          # the story runs overleaf: what went over left the hole
        yield from _overleaf(mending, fit, page, shape, hole)
    if ending is not None and (columns := _other_columns(mending.issue, fit, ending.id)) is not None:
        yield Mend(columns, ending.id, page.number,     # last: it changes the whole story
                   f"set in {columns.of(ending.id).columns} columns to fill page {page.number}")


def _longer(mending: Mending, fit: Fit, page: PageMap, ending: StoryShape, hole: float) -> Iterator[Mend]:
    """The story ending in the hole set longer, by its elastic parts or a larger setting of
    its charts, quote or photos; or the contacts box set after it, in the hole."""
    grown = _grown(mending, fit.layout, ending, hole)
    if grown is not None:
        yield Mend(grown, ending.id, page.number,
                   f"photos set taller or paragraphs spaced a little wider to fill page {page.number}")
    story = fit.layout.of(ending.id)
    across = _panel_across(mending.issue, fit, ending)
    if across is not None:
        yield Mend(across, ending.id, page.number,
                   f"its charts set across the page, one under another, to fill page {page.number}")
    taller = _panel_taller(mending.issue, fit, ending)
    if taller is not None:
        yield Mend(taller, ending.id, page.number,
                   f"its charts drawn taller, to fill page {page.number}")
    if any(story.quote(n) is Setting.COLUMN for n in range(len(ending.quotes))):
        yield Mend(fit.layout.with_story(ending.id, story.with_(quotes=(Setting.ACROSS,) * len(ending.quotes))),
                   ending.id, page.number, f"pull quote set large across the columns to fill page {page.number}")
    wide = _photo_across(mending, fit, ending, hole)
    if wide is not None:
        yield Mend(wide, ending.id, page.number,
                   f"a photo of its columns set across them to fill page {page.number}")
    wide = _head_across(mending, fit, ending, hole)
    if wide is not None:
        yield Mend(wide, ending.id, page.number,
                   f"head photo set across the page under the lead, to fill page {page.number}")
    if fit.layout.contacts_after is None and not fit.layout.back_cover:
        yield Mend(replace(fit.layout, contacts_after=ending.id), ending.id, page.number,
                   f"contacts and donors set in the room left on page {page.number}")


def _overleaf(mending: Mending, fit: Fit, page: PageMap, shape: StoryShape, hole: float) -> Iterator[Mend]:
    """The story ending the page runs overleaf, and something too tall for the page's foot
    went over: a photo, moved further on or cropped to fit; a chart panel, broken between
    its rows or its charts set one under another (a row of two half-width charts cannot break)."""
    story = fit.layout.of(shape.id)
    later = _photo_later(mending.issue, fit, shape, hole)
    if later is not None:                        # the story ends higher by the hole: grown back
        yield Mend(_grown(mending, later, shape, hole) or later, shape.id, page.number,
                   f"photo set across the columns moved further on in the story, so that the text "
                   f"runs to the foot of page {page.number}")
    cropped = close_holes(story, shape, _column_ranges(mending, fit, shape))
    if cropped != story:
        yield Mend(fit.layout.with_story(shape.id, cropped), shape.id, page.number,
                   f"photo cropped to fit the foot of page {page.number}, which it left white going overleaf")
    if not shape.panel:
        return
    if not story.panel_breaks:
        yield Mend(fit.layout.with_story(shape.id, story.with_(panel_breaks=True)), shape.id,
                   page.number, f"chart panel allowed to break between its charts, to fill page {page.number}")
    across = _panel_across(mending.issue, fit, shape)
    if across is not None:
        yield Mend(across, shape.id, page.number,
                   f"its charts set across the page, one under another, so that the first fills page {page.number}")


def _earlier_grown(mending: Mending, fit: Fit, page: PageMap, ending: StoryShape,
                   shapes: dict[str, StoryShape], hole: float) -> Iterator[Mend]:
    """The story ending in the hole began on an earlier page: the story before it set longer
    (a photo across its columns or the page, photos taller, paragraphs wider) moves it down
    by the hole's depth, where its own parts may not grow enough."""
    order = [s.id for s in mending.issue.stories]
    index = order.index(ending.id)
    before = shapes.get(order[index - 1]) if index > 0 else None
    if before is None:
        return
    why = f"to fill page {page.number} with the story after it"
    grown = _grown(mending, fit.layout, before, hole)
    # By half the hole too: what the story after it moves down is not in proportion (a quote
    # set across, a panel that breaks), and grown by the whole depth it may push a page over.
    half = _grown(mending, fit.layout, before, hole / 2)
    for layout, what in ((_photo_across(mending, fit, before, hole), "a photo of its columns set across them"),
                         (_head_across(mending, fit, before, hole), "head photo set across the page under the lead"),
                         (grown, "photos set taller or paragraphs spaced a little wider"),
                         (half if half != grown else None, "photos set taller by half the hole's depth")):
        if layout is not None:
            yield Mend(layout, before.id, page.number, f"{what}, {why}")


def _compact_head(issue: Issue, fit: Fit, story_id: str, shape: StoryShape | None,
                  hole: float) -> IssueLayout | None:
    """The story with its head as words only, when those words and a few lines fit the hole
    and no hand key (a new page, a wide photo) rules it out."""
    story = _story(issue, story_id)
    layout = fit.layout.of(story_id)
    if layout.head is Head.TEXT or layout.new_page or story.wide_photo or shape is None:
        return None
    words = shape.words.height(shape.column_width * shape.columns) if shape.words else shape.head
    if words + LINES_UNDER_HEAD * shape.line > hole:
        return None
    compact = layout.with_(head=Head.TEXT).photos_as_designed()
    return fit.layout.with_story(story_id, compact)


def _quote_in_columns(fit: Fit, story_id: str, page: int, why: str) -> Mend:
    """The story's pull quotes set back in its columns, `why` in the fit report's words."""
    story = fit.layout.of(story_id)
    return Mend(fit.layout.with_story(story_id, story.with_(quotes=())), story_id, page,
                f"pull quote set in the columns, {why}")


def _grown(mending: Mending, layout: IssueLayout, shape: StoryShape, hole: float) -> IssueLayout | None:
    """The story set longer by the hole's height, as its elastic parts allow."""
    now = layout.of(shape.id)
    option = Option(now.head, now.columns, now.quote(0), shape.length, shape.head, 0.0, 0.0,
                    shape.panel, 0.0)
    placed = Placed(shape.id, option, shape.start, shape.end + hole, hole)
    grown = realise(placed, now, shape, mending.photos(layout, {shape.id: shape}).get(shape.id, []))
    return layout.with_story(shape.id, grown) if grown != now else None


def _photo_across(mending: Mending, fit: Fit, shape: StoryShape, hole: float) -> IssueLayout | None:
    """The last photo of the story's columns set across them, cropped so that the story
    grows by the hole's depth."""
    now = fit.layout.of(shape.id)
    full = HeadGeometry(shape, now.head).full
    ranges = _column_ranges(mending, fit, shape)
    for photo, placed in reversed(list(zip(ranges, shape.photos))):
        if placed.across or now.photo(placed.index) is not Setting.COLUMN:
            continue
        # across, it takes the hole and the room it left in its column, less its wider margin
        wanted = hole + (placed.height + placed.around) / max(1, shape.columns) - placed.around \
            - ACROSS_MARGIN_MM * PX_PER_MM
        height = _across_height(photo, full, wanted)
        if height is None:
            return None
        settings = [now.photo(n) for n in range(len(shape.photos))]
        settings[placed.index] = Setting.ACROSS
        heights = list(now.photo_mm) + [None] * (len(shape.photos) - len(now.photo_mm))
        heights[placed.index] = height
        return fit.layout.with_story(shape.id, now.with_(photos=tuple(settings), photo_mm=tuple(heights)))
    return None


def _head_across(mending: Mending, fit: Fit, shape: StoryShape, hole: float) -> IssueLayout | None:
    """The photo beside the headline set across the page under the lead, cropped so that
    the story grows by the hole's depth."""
    now = fit.layout.of(shape.id)
    ranges = mending.photos(fit.layout, {shape.id: shape}).get(shape.id, [])
    if now.head is not Head.BESIDE or not shape.head_photo or not ranges:    # an officer's wide_photo is WIDE
        return None
    head = HeadGeometry(shape, Head.BESIDE)
    wanted = head.content(Head.BESIDE) + hole - head.words(Head.WIDE) - head.around
    height = _across_height(ranges[0], head.full, wanted)
    if height is None:
        return None
    return fit.layout.with_story(shape.id, now.with_(head=Head.WIDE, head_photo_mm=height, space_mm=()))


def _across_height(photo: PhotoRange, width: float, wanted: float) -> float | None:
    """A photo's height in mm set `width` wide, as near `wanted` (px) as its crop allows;
    None when its pixels are too few for the press at that width."""
    if photo.widest < width - 1:
        return None
    return crop_mm(min(photo.high_at(width), max(photo.low_at(width), wanted)))


def _photo_later(issue: Issue, fit: Fit, shape: StoryShape, hole: float) -> IssueLayout | None:
    """A photo set across the columns that went overleaf, too tall for the foot of the page,
    moved past the paragraphs that fill the room it left there: it then opens the next page
    (or comes a little down it), and the text runs to the foot of this one. A photo after it
    moves with it, so the photos keep their order."""
    placed = next((p for p in shape.photos if p.across and p.hole > 0), None)
    if placed is None:
        return None
    story = _story(issue, shape.id)
    now = fit.layout.of(shape.id)
    sizes = [len(markup.words(p)) for p in markup.paragraphs(story.body, issue.language)]
    per_character = shape.text / max(1, sum(sizes))
    room, moved = hole * max(1, shape.columns), 0.0    # the column text that fills the hole
    for after in range(now.paragraphs_before(placed.index), len(sizes)):
        moved += sizes[after] * per_character
        if moved >= room:
            count = max(len(shape.photos), len(now.photo_after))
            places = tuple(max(now.paragraphs_before(n), after + 1) if n >= placed.index
                           else now.paragraphs_before(n) for n in range(count))
            return fit.layout.with_story(shape.id, now.with_(photo_after=places, space_mm=()))
    return None


def _panel_across(issue: Issue, fit: Fit, shape: StoryShape) -> IssueLayout | None:
    """The story's chart panel with each chart across the page, one under another, and free
    to break between them: it grows by a row or more, what does not fit going overleaf."""
    story = _story(issue, shape.id)
    now = fit.layout.of(shape.id)
    if now.panel_across or not panel_may_go_across(story):
        return None
    return fit.layout.with_story(shape.id, now.with_(panel_across=True, panel_breaks=True))


def _panel_taller(issue: Issue, fit: Fit, shape: StoryShape) -> IssueLayout | None:
    """The story's charts drawn taller (their bars further apart, their plots higher), where
    its panel has a chart of a kind that can be, once set across the page where they may be."""
    story = _story(issue, shape.id)
    now = fit.layout.of(shape.id)
    if now.panel_taller or not shape.panel or not any(c.kind in TALLER_KINDS for c in story.charts) \
            or (panel_may_go_across(story) and not now.panel_across):    # drawn taller only so (charts.draw)
        return None
    return fit.layout.with_story(shape.id, now.with_(panel_taller=True))


def _other_columns(issue: Issue, fit: Fit, story_id: str) -> IssueLayout | None:
    """The story in two columns if it is in three, or three if in two: the measure and type
    change its length. Not when the officer set its columns."""
    story = _story(issue, story_id)
    now = fit.layout.of(story_id)
    if story.columns or now.columns not in (2, 3):
        return None
    other = now.with_(columns=5 - now.columns).photos_as_designed()
    return fit.layout.with_story(story_id, other)


def _story(issue: Issue, story_id: str):
    """The story as the officer wrote it: its hand keys (wide_photo, columns)."""
    return next(s for s in issue.stories if s.id == story_id)
