"""Copy-fitting by measurement: lay the issue out, plan from what the pages are,
lay it out again, until every page is full.

A round measures each story's shape on the pages (`shapes`), plans the
choices that fill every page at the page count the binding takes
(`planner`), and turns the plan into the layout of each story: its head, the
crop of its photos and the space between the paragraphs of its last page.
The front page's cover photo takes the white left under the contents. The
officer's keys (`new_page`, `wide_photo`, `columns`, `back_cover`) are never
changed: the planner does not offer what they rule out.

The fit keeps the best round: its page count nearest the target, then the
least white. It stops when a round changes nothing, after MAX_ROUNDS, or when
STALE plans in a row do no better than the best; then the holes left are mended by
trial (`holes`). A first layout at the binding's count is mended before it is
planned, and planned only when that falls short of the aim (`Fitter.fit`).
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..compose.layout import Head, IssueLayout, Setting, StoryLayout, Tail, default_layout
from ..content.model import Issue
from .changes import Choice, changes
from .elastic import realise
from .fill import IssueFill
from .fit import HOLE_SHARE, within_aim
from .front import fit_front, front_overflows, press_px
from .holes import MEND_TRIALS, Mend, Mending, mend_holes
from .pagemap import PX_PER_MM, PageMap, _body, _classes, _in_flow, map_pages, mark_ends
from .planner import Model, PhotoRange, Placed, PlanResult
from .shapes import StoryShape, measure_shapes

log = logging.getLogger("bulletin.fit")

STEP = 99                   # stories a round changes (all the plan: trials are cheap from the first)
STALE = 2                   # plans in a row that do no better than the best: the planner's estimates are off
MAX_ROUNDS = 6               # plan rounds a fit may take, its first layout included
FIRST_MEND_TRIALS = 8       # mending a first layout at the count, until the aim is met: met in 2 to 5 trials
TOLERANCE = 0.02            # white below this share of a page is left alone
GOOD_MEAN, GOOD_WORST = 0.04, 0.10    # pages this full are not fitted further
KEPT_SLACK = 0.01           # kept choices still fill when their white is within this of before
AS_PLANNED = 3 * PX_PER_MM  # a story this near its planned place is kept there
STORY_GAP_MM = 7.0          # .story's margin-bottom: between a story and the next on a page


@dataclass(frozen=True)
class Kept:
    """What a layout kept from an earlier build made of the issue then."""
    pages: int
    mean_white: float
    worst_white: float

    def matched_by(self, fit: Fit) -> bool:
        """The same page count, and about as full: an edit did not undo the fit."""
        worst = fit.fill.worst.white if fit.fill.worst else 0.0
        return (fit.page_count == self.pages and fit.fill.mean_white <= self.mean_white + KEPT_SLACK
                and worst <= self.worst_white + 2 * KEPT_SLACK)


@dataclass(frozen=True)
class PhotoSize:
    """A photo's pixels: how far it may be cropped, and enlarged for the press."""
    width: int
    height: int

    def range_at(self, width_px: float, now_px: float) -> PhotoRange:
        by_ppi = press_px(self.height)
        shape = PhotoRange(now_px, now_px, now_px, self.height / self.width, by_ppi)
        low, tallest = shape.low_at(width_px), shape.high_at(width_px)
        return replace(shape, low=min(low, now_px), high=max(tallest, now_px))


@dataclass
class Fit:
    """A layout tried, its pages as measured, and what it took."""
    layout: IssueLayout
    pages: list[PageMap]
    target: int
    document: object = None             # the whole issue laid out, when this trial did so
    choices: tuple[Choice, ...] = ()
    layouts: int = 1
    left: list[str] = field(default_factory=list)     # what no choice could mend, in words
    design_white: float = 0.0           # the mean white of the design's own layout, for the report

    @property
    def fill(self) -> IssueFill:
        return IssueFill(tuple(page.fill for page in self.pages))

    @property
    def page_count(self) -> int:
        return len(self.pages)


LayOut = Callable[[IssueLayout, Tail | None], object]


class Fitter:
    """Fits one language's issue. `lay_out(layout, tail)` lays the issue out, or with a
    `Tail` only its stories from one on (see compose.layout.Tail): a round lays out
    again only the pages its changes can move."""

    def __init__(self, issue: Issue, lay_out: LayOut, photo_sizes: dict[str, tuple[PhotoSize, ...]],
                 multiple: int):
        self.issue, self.lay_out, self.multiple = issue, lay_out, multiple
        self.sizes = photo_sizes            # story id -> its photos' pixels, in order
        self.plan: PlanResult | None = None
        self.measured: dict[tuple, tuple[float, float]] = {}   # what each setting of a story ran

    def fit(self, start: IssueLayout, kept: Kept | None = None) -> Fit:
        """The best layout found from `start`; with `kept` (the choices of an earlier build
        and what they made), the first layout is taken as soon as it fills as well.

        A first layout at the binding's count is mended first, until the aim is met: the
        planner moves whole stories to change the count, and its estimates, off by a page's
        jumps, may cost more layouts than mending. Only when mending falls short is the
        issue planned (as for any other count), and the better kept."""
        document = self.lay_out(start, None)
        pages = map_pages(document)
        first = Fit(start, pages, kept.pages if kept else _target(pages, self.multiple), document)
        if (kept is not None and kept.matched_by(first)) or _full(first):
            best = first
        else:
            mended = self._mend(first, FIRST_MEND_TRIALS, enough=_met) if _at_count(first) else None
            if mended is not None and _met(mended):
                best = mended
            else:
                best = self._planned(first)
                if mended is not None:
                    layouts = mended.layouts + best.layouts - 1
                    best = _better(best, mended)
                    best.layouts = layouts
        best.choices = changes(default_layout(self.issue), best.layout, best.pages)
        best.left = _left(best)
        best.design_white = first.fill.mean_white
        return best

    def _planned(self, first: Fit) -> Fit:
        """Rounds of the planner from `first`, then its holes mended."""
        self.plan, self.measured = None, {}          # as if the first layout had just been made
        best = fit = replace(first, layouts=1, choices=())
        stale = 0                           # plans in a row that did no better than the best
        for _ in range(MAX_ROUNDS - 1):
            if _full(fit) or stale == STALE:
                break
            layout, choices = self._round(fit)
            if layout == fit.layout:
                break
            fit = self._tried(fit, layout, choices)
            stale = stale + 1 if _better(best, fit) is best else 0
            best = _better(best, fit)
        layouts = fit.layouts
        if best.page_count != best.target:
            fit = self._counted(best, layouts)
            best = _better(best, fit)
            layouts = max(layouts, fit.layouts)
        best.layouts = layouts
        return best if _full(best) else self._mend(best)   # off the count too: a hole closed may make it

    def _mend(self, fit: Fit, trials: int = MEND_TRIALS, enough: Callable[[Fit], bool] | None = None) -> Fit:
        """`fit` mended in at most `trials` trials, until its pages are `enough` (else full)."""
        mending = Mending(self.issue, self._ranges, self._mended, lambda f: self._counted(f, f.layouts),
                          self._replanned, _score, enough or _full, _met, trials)
        return mend_holes(mending, fit)

    def _counted(self, best: Fit, layouts: int) -> Fit:
        """A page short: the contacts on a back cover of their own make the binding's count;
        a page over: a back cover the planner chose goes."""
        back = best.page_count < best.target
        if back == best.layout.back_cover or (not back and self.issue.back_cover) \
                or abs(best.page_count - best.target) != 1:
            return best
        layout = replace(best.layout, back_cover=back, contacts_after=None)
        words = ("contacts and donors on a back cover of their own, to make the binding's count"
                 if back else "contacts and donors after the last story, to keep the binding's count")
        tried = self._tried(replace(best, layouts=layouts), layout,
                            (Choice("", best.target, words),))
        return tried

    def _tried(self, fit: Fit, layout: IssueLayout, choices: tuple[Choice, ...]) -> Fit:
        """`layout` laid out from its first changed story on, the pages before kept."""
        order = [s.id for s in self.issue.stories]
        moved = [s for s in (fit.layout.contacts_after, layout.contacts_after)
                 if s is not None and fit.layout.contacts_after != layout.contacts_after]
        after_box = [order[order.index(s) + 1] for s in moved if order.index(s) + 1 < len(order)]
        first = next((s.id for s in self.issue.stories
                      if s.id in layout.stories and (layout.of(s.id) != fit.layout.of(s.id)
                                                      or s.id in after_box)), None)
        if layout.front != fit.layout.front:        # the front page changes: lay out from it
            first = None
        tail, page = self._tail(fit, first, layout) if first else (None, 1)
        document, pages, runs = None, None, 0
        stop = _window_end(self.issue, fit, layout)
        if stop is not None:         # the stories up to `stop`: what follows may stay as it was
            window = self.lay_out(layout, replace(tail, last=stop) if tail else Tail(None, 0.0, stop))
            pages, runs = _spliced(fit.pages, self._trial_pages(fit, window, tail, page), stop), 1
            log.info("fit: window from %s to %s: %s", first, stop,
                     "what follows is as before" if pages else "what follows moves, laid out again")
        if pages is None:
            document = self.lay_out(layout, tail)
            pages, runs = self._trial_pages(fit, document, tail, page), runs + 1
            document = document if tail is None else None
        tried = Fit(layout, pages, fit.target, document, fit.choices + choices, fit.layouts + runs)
        log.info("fit: trial %d from %s: %d pages (target %d), mean white %.1f %%", tried.layouts,
                 first or "the front", tried.page_count, tried.target, 100 * tried.fill.mean_white)
        log.debug("fit: pages white %s, quotes stranded on %s",
                  " ".join(f"{100 * p.fill.white:.0f}" for p in tried.pages), _stranded(tried.pages))
        return tried

    @staticmethod
    def _trial_pages(fit: Fit, document, tail: Tail | None, page: int) -> list[PageMap]:
        """The issue's pages with a trial's: a tail's from `page` on, under what `fit` keeps above."""
        if tail is None or tail.first is None:
            return map_pages(document)
        trial = map_pages(document, first_number=page - 1)[1:]
        return mark_ends(fit.pages[:page - 1] + _merge(fit.pages[page - 1], trial[0]) + trial[1:])

    def _replanned(self, fit: Fit) -> Fit:
        """`fit` (a trial off the binding's count) planned again from its own pages."""
        layout, choices = self._round(fit)
        return fit if layout == fit.layout else self._tried(fit, layout, choices)

    def _mended(self, fit: Fit, mend: Mend) -> Fit:
        return self._tried(fit, mend.layout, (Choice(mend.story, mend.page, mend.words),))

    def _tail(self, fit: Fit, first: str, layout: IssueLayout) -> tuple[Tail | None, int]:
        """Where the trial from `first` starts: the page, and the depth of what is above it."""
        order = [s.id for s in self.issue.stories]
        previous = order[order.index(first) - 1] if order.index(first) else None
        if previous is None or previous in (fit.layout.contacts_after, layout.contacts_after):
            return None, 1                  # from the front, or under the contacts box: all of it
        for page in reversed(fit.pages):
            for fragment in page.fragments:
                if fragment.story == previous:
                    return Tail(first, fragment.bottom - page.top), page.number
        return None, 1

    def _round(self, fit: Fit) -> tuple[IssueLayout, tuple[Choice, ...]]:
        """The next layout: the stories planned from this one's pages, the cover fitted."""
        if fit.document is not None and front_overflows(fit.pages):
            layout, done = fit_front(fit.layout, fit.pages)      # the stories start after it: first
            return layout, tuple(Choice("", 1, words) for words in done)
        height = fit.pages[1].height if len(fit.pages) > 1 else fit.pages[0].height
        shapes = measure_shapes(fit.pages, height)
        for story_id, shape in shapes.items():
            shape.columns = fit.layout.of(story_id).columns
        if self.plan is not None and log.isEnabledFor(logging.DEBUG):
            for placed in self.plan.placed:
                shape = shapes[placed.story]
                log.debug("fit: %-26s planned %7.0f-%7.0f, laid out %7.0f-%7.0f mm", placed.story,
                          placed.start / PX_PER_MM, placed.end / PX_PER_MM, shape.start / PX_PER_MM,
                          (shape.end - shape.panel) / PX_PER_MM)
        ranges = self._ranges(fit.layout, shapes)
        stories = [s for s in self.issue.stories if s.id in shapes]
        model = Model(stories, fit.layout, shapes, ranges, height,
                      first_page=_first_story_page(fit.pages), gap=STORY_GAP_MM * PX_PER_MM,
                      colophon=_colophon_height(fit.pages),
                      back_cover=True if self.issue.back_cover else None,
                      cover=self.issue.cover_story, frozen=_as_planned(self.plan, shapes),
                      measured=self.measured)
        self._remember(fit.layout, shapes)
        if self.plan is None:        # the first round chooses between the counts either side
            plans = [model.plan(target) for target in _targets(fit.pages, self.multiple)]
            plan = min(plans, key=lambda p: p.cost)
            log.info("fit: plans for %s pages cost %s", [p.pages for p in plans],
                     [round(p.cost, 3) for p in plans])
            fit.target = plan.pages if plan.pages % self.multiple == 0 else fit.target
        else:
            plan = model.plan(fit.target)
            if plan.pages != fit.target and model.frozen:     # what was kept must change too
                model.frozen = frozenset()
                plan = model.plan(fit.target)
            log.info("fit: plan for %d pages: %d pages, cost %.3f, %d stories kept",
                     fit.target, plan.pages, plan.cost, len(model.frozen))
        self.plan = plan
        for item in plan.placed:
            log.debug("fit: plan %s %s from %.0f to %.0f mm (%+.0f mm)", item.story, item.option.head,
                      item.start / PX_PER_MM, item.end / PX_PER_MM, item.change / PX_PER_MM)
        layout = fit.layout
        choices: list[Choice] = []
        for placed in plan.placed:
            story_layout = realise(placed, layout.of(placed.story), shapes[placed.story],
                                    ranges.get(placed.story, []))
            if story_layout != layout.of(placed.story):
                layout = layout.with_story(placed.story, story_layout)
                choices.append(_describe(placed, layout.of(placed.story), fit.layout.of(placed.story),
                                         height))
                if len(choices) == STEP:     # the rest of the plan stands on estimates: try these first
                    break
        if plan.contacts_after != layout.contacts_after:
            layout = replace(layout, contacts_after=plan.contacts_after)
            if plan.contacts_after:
                end = next(p.end for p in plan.placed if p.story == plan.contacts_after)
                choices.append(Choice(plan.contacts_after, math.floor(end / height) + 1,
                                      "contacts and donors set after this story, in the room it leaves"))
        if plan.back_cover != layout.back_cover:
            layout = replace(layout, back_cover=plan.back_cover)
            choices.append(Choice("", plan.pages, "contacts and donors on a back cover of their own"
                                  if plan.back_cover else "contacts and donors after the last story"))
        if fit.document is not None:             # the front page is measured on whole layouts
            cover = self.sizes.get(self.issue.cover_story, ())
            layout, done = fit_front(layout, fit.pages, (cover[0].width, cover[0].height) if cover else None)
            choices += [Choice("", 1, words) for words in done]
        return layout, tuple(choices)

    def _remember(self, layout: IssueLayout, shapes: dict[str, StoryShape]) -> None:
        """How long each story ran in the setting it had, its elastic changes taken off."""
        changes = {p.story: p.change for p in self.plan.placed} if self.plan else {}
        for story_id, shape in shapes.items():
            story = layout.of(story_id)
            key = (story_id, story.head, story.columns, story.quote(0))
            self.measured[key] = (shape.length - shape.panel - changes.get(story_id, 0.0), shape.head)

    def _ranges(self, layout: IssueLayout, shapes: dict[str, StoryShape]) -> dict[str, list[PhotoRange]]:
        """Each story's photos as placed now, with how far each may be cropped or enlarged."""
        ranges = {}
        for story_id, shape in shapes.items():
            sizes = self.sizes.get(story_id, ())
            head = layout.of(story_id).head
            found: list[PhotoRange] = []
            in_head = bool(shape.head_photo) and head is not Head.TEXT
            if in_head and sizes:
                found.append(sizes[0].range_at(shape.head_photo_width, shape.head_photo))
            offset = 1 if in_head or story_id == self.issue.cover_story else 0
            for photo in shape.photos:
                if offset + photo.index < len(sizes):
                    found.append(sizes[offset + photo.index].range_at(photo.width, photo.height))
            ranges[story_id] = found
        return ranges


def _merge(kept: PageMap, trial: PageMap) -> list[PageMap]:
    """The page a trial starts on: the fragments kept above it, the trial's below, its fill."""
    top_stories = {f.story for f in trial.fragments}
    above = [f for f in kept.fragments if f.story not in top_stories]
    area = trial.height * (trial.box.width if trial.box is not None else 1.0)
    holes = trial.fill.holes + sum(f.holes for f in above) / area
    return [replace(trial, fragments=above + trial.fragments, front=kept.front,
                    fill=replace(trial.fill, holes=holes))]


def _window_end(issue: Issue, fit: Fit, layout: IssueLayout) -> str | None:
    """The story after the last one `layout` changes, when `fit` starts it at the top of a
    page: a trial that starts it there again leaves it, and all after it, as they were.
    None when the contacts, the back cover or the front change, or the last story does."""
    if (layout.contacts_after, layout.back_cover, layout.front) != \
            (fit.layout.contacts_after, fit.layout.back_cover, fit.layout.front):
        return None
    order = [s.id for s in issue.stories if s.id in layout.stories]
    changed = [n for n, story in enumerate(order) if layout.of(story) != fit.layout.of(story)]
    if not changed or changed[-1] + 1 >= len(order):
        return None
    stop = order[changed[-1] + 1]
    return stop if _starts_atop(fit.pages, stop) is not None else None


def _starts_atop(pages: list[PageMap], story: str) -> int | None:
    """The page `story` starts at the top of, if it does."""
    for page in pages:
        for n, fragment in enumerate(page.fragments):
            if fragment.story == story:
                return page.number if n == 0 and fragment.starts and fragment.top - page.top < 0.5 else None
    return None


def _spliced(kept: list[PageMap], trial: list[PageMap], stop: str) -> list[PageMap] | None:
    """A window's pages up to the page `stop` starts atop, the kept pages from there on:
    None unless the window starts `stop` atop the same page as before."""
    at = _starts_atop(trial, stop)
    if at is None or at != _starts_atop(kept, stop):
        return None
    return mark_ends(trial[:at - 1] + kept[at - 1:])


def _as_planned(plan: PlanResult | None, shapes: dict[str, StoryShape]) -> frozenset[str]:
    """The stories the last layout started where its plan put them, up to the first it
    did not: the next plan keeps them, from where they truly end."""
    kept: list[str] = []
    for placed in plan.placed if plan else ():
        shape = shapes.get(placed.story)
        if shape is None or abs(shape.start - placed.start) > AS_PLANNED:
            break
        kept.append(placed.story)
    return frozenset(kept)


def _describe(placed: Placed, layout: StoryLayout, was: StoryLayout, height: float) -> Choice:
    page = math.floor(placed.start / height) + 1
    end_page = math.floor(placed.end / height) + 1
    changes = []
    if layout.head is not was.head:
        changes.append({Head.TEXT: "head set as words only, its photo in the columns",
                        Head.BESIDE: "photo set beside the headline",
                        Head.WIDE: "photo set across the page under the lead"}[layout.head])
    if layout.columns != was.columns:
        changes.append(f"set in {layout.columns} columns")
    if layout.quotes != was.quotes and layout.quotes:
        changes.append({Setting.COLUMN: "pull quote set in its column",
                        Setting.ACROSS: "pull quote set large across the columns",
                        Setting.OUT: "pull quote left out"}[layout.quotes[0]])
    if changes:
        return Choice(placed.story, page, f"{', '.join(changes)}, to fill the pages")
    parts = []
    if layout.head_photo_mm != was.head_photo_mm and layout.head_photo_mm:
        verb = "enlarged" if placed.change > 0 else "reduced"
        parts.append(f"head photo {verb} to {layout.head_photo_mm:.0f} mm")
    if layout.photo_mm != was.photo_mm:
        parts.append("photos in the columns cropped taller" if placed.change > 0
                     else "photos in the columns cropped shorter")
    if layout.space_mm != was.space_mm:
        parts.append("paragraphs spaced a little wider")
    what = "fill" if placed.change > 0 else "make room on"
    return Choice(placed.story, end_page, f"{' and '.join(parts) or 'reset'} to {what} page {end_page}")


def _first_story_page(pages: list[PageMap]) -> int:
    return next((p.number for p in pages if p.fragments), 2)


def _colophon_height(pages: list[PageMap]) -> float:
    for page in reversed(pages):
        for box in getattr(_body(page.box), "children", ()) if page.box is not None else ():
            if _in_flow(box) and "colophon" in _classes(box):
                return box.margin_height()
    return 50 * PX_PER_MM


def _targets(pages: list[PageMap], multiple: int) -> list[int]:
    """The binding's counts either side of the pages the content fills."""
    used = len(pages) - 1 + (1 - pages[-1].fill.white)
    lower = max(multiple, math.floor(used / multiple) * multiple)
    return [lower, lower + multiple]


def _target(pages: list[PageMap], multiple: int) -> int:
    """The multiple of the binding nearest to the pages the content fills."""
    used = len(pages) - 1 + (1 - pages[-1].fill.white)
    lower = max(multiple, math.floor(used / multiple) * multiple)
    upper = lower + multiple
    return lower if used - lower <= upper - used else upper


def _full(fit: Fit) -> bool:
    """Pages the binding takes, every inner page full enough, no quote at a page's foot:
    nothing left to fit."""
    worst = fit.fill.worst
    return (fit.page_count == fit.target and fit.fill.mean_white <= GOOD_MEAN
            and (worst is None or worst.white <= GOOD_WORST) and fit.pages[0].fill.white <= GOOD_WORST
            and not _stranded(fit.pages))


def _at_count(fit: Fit) -> bool:
    """The binding's page count, the front page holding its contents: what mending starts from."""
    return fit.page_count == fit.target and not front_overflows(fit.pages)


def _met(fit: Fit) -> bool:
    """The officer's aim met: the binding's page count, and no more white than the fit
    report lets pass (it then asks for nothing)."""
    return fit.page_count == fit.target and within_aim(fit.fill)


def _score(fit: Fit) -> tuple[bool, int, int, float]:
    """A front page that holds its contents first, then the distance from the page target,
    then pull quotes stranded at a page's foot, then the white (the worst page weighs in)."""
    worst = fit.fill.worst
    return (front_overflows(fit.pages), abs(fit.page_count - fit.target), len(_stranded(fit.pages)),
            fit.fill.mean_white + 0.5 * (worst.white if worst else 0.0))


def _stranded(pages: list[PageMap]) -> list[int]:
    """The pages whose foot is a pull quote set across with no text under it."""
    return [page.number for page in pages if any(f.quote_afoot for f in page.fragments)]


def _better(a: Fit, b: Fit) -> Fit:
    """The fit with the better `_score`."""
    return b if _score(b) <= _score(a) else a


def _left(fit: Fit) -> list[str]:
    """What the fit could not mend, page by page, in words."""
    notes = []
    if fit.page_count != fit.target:
        off = fit.page_count - fit.target
        notes.append(f"{fit.page_count} pages, {abs(off)} {'over' if off > 0 else 'short of'} the "
                     f"{fit.target} the binding takes")
    for page in fit.fill.inner:
        if page.white > HOLE_SHARE:
            notes.append(f"page {page.number}: {page.white:.0%} white")
    for number in _stranded(fit.pages):
        notes.append(f"page {number}: a pull quote ends the page, the text it stands in overleaf")
    return notes


__all__ = ["Choice", "Fit", "Fitter", "PhotoSize", "PlanResult"]
