"""The page layout of an issue: what the officer set by hand and what the fitter chose.

The content says what a story holds; its layout says how the page sets it:
the head (photo beside the headline, across the page under the lead, or
words only with the photo in the columns), the column count, the height
each photo is cropped to and where it is set, which pull quotes are set, whether its chart panel
may break between rows or sets its charts across the page, and extra space the fitter adds to fill a page's
foot. `default_layout` is the design's own choice for each story, with the
officer's keys (`new_page`, `wide_photo`, `columns`, `back_cover`) applied.
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..content.model import Issue, Story

DEFAULT_COLUMNS = 2              # the design's, where the officer sets none
PHOTOS_AFTER = 2                 # the design's place for the photos of the columns: after the second paragraph


class Setting(enum.StrEnum):
    """Where a pull quote or a photo of the columns is set."""
    COLUMN = "column"      # in its column (a photo: as shot, or cropped to photo_mm)
    ACROSS = "across"      # across every column of the story, large
    OUT = "out"            # left out (pull quotes only: their words are the story's own)


class Head(enum.StrEnum):
    BESIDE = "beside"      # the first photo beside kicker, headline and lead
    WIDE = "wide"          # the first photo across the page, under the lead
    TEXT = "text"          # kicker, headline and lead only; the first photo goes into the columns


@dataclass(frozen=True)
class StoryLayout:
    head: Head
    columns: int
    new_page: bool = False
    head_photo_mm: float | None = None           # the head photo's height; None: the design's
    photo_mm: tuple[float | None, ...] = ()      # each photo in the columns; None: as shot
    photos: tuple[Setting, ...] = ()             # where each photo of the columns is set; () = in them
    photo_after: tuple[int, ...] = ()            # paragraphs before each photo of the columns; () = PHOTOS_AFTER
    quotes: tuple[Setting, ...] = ()             # where each pull quote is set; () = in the columns
    space_mm: tuple[tuple[int, float], ...] = ()  # (column block, mm added above it): page fill
    panel_breaks: bool = False                   # the chart panel may break between rows
    panel_across: bool = False                   # each chart of the panel across it, one under another
    panel_taller: bool = False                   # the panel's charts drawn taller (charts.TALLER_KINDS)

    def with_(self, **changes) -> StoryLayout:
        return replace(self, **changes)

    def photos_as_designed(self) -> StoryLayout:
        """Its photos at the design's sizes and places, its paragraphs at the design's
        spacing: what a new head or column count starts from, since every photo's width
        and place changes with them."""
        return self.with_(head_photo_mm=None, photo_mm=(), photo_after=(), space_mm=())

    def quote(self, index: int) -> Setting:
        return self.quotes[index] if index < len(self.quotes) else Setting.COLUMN

    def photo(self, index: int) -> Setting:
        return self.photos[index] if index < len(self.photos) else Setting.COLUMN

    def paragraphs_before(self, index: int) -> int:
        """How many paragraphs of the story come before its photo `index` of the columns."""
        return self.photo_after[index] if index < len(self.photo_after) else PHOTOS_AFTER


@dataclass(frozen=True)
class FrontLayout:
    """The front page: the cover photo's height, and how the contents and editorial fit."""
    cover_photo_mm: float | None = None          # None: the design's height
    compact: bool = False                        # the contents and editorial set tighter
    editorial_overleaf: bool = False             # the editorial at the top of page 2, not beside the contents


@dataclass(frozen=True)
class Tail:
    """A trial of the issue from one story on, for the fitter: the story starts
    `offset_px` down its page (its page's top when 0), so the pages it sets
    are those of the whole issue from there, laid out for a fraction of the time.
    With `last`, the trial stops after that story (and sets no contacts at the end);
    `first` None starts it at the front page."""
    first: str | None
    offset_px: float
    last: str | None = None


@dataclass(frozen=True)
class IssueLayout:
    stories: Mapping[str, StoryLayout]
    front: FrontLayout = field(default_factory=FrontLayout)
    back_cover: bool = False
    contacts_after: str | None = None            # the story the contacts box follows (None: last)

    def of(self, story_id: str) -> StoryLayout:
        return self.stories[story_id]

    def with_story(self, story_id: str, layout: StoryLayout) -> IssueLayout:
        return replace(self, stories={**self.stories, story_id: layout})


def layout_as_json(layout: IssueLayout) -> dict:
    """The layout as plain data, for the fitter's memory and build.json."""
    return {"stories": {story_id: _story_as_json(story) for story_id, story in layout.stories.items()},
            "cover_photo_mm": layout.front.cover_photo_mm, "front_compact": layout.front.compact,
            "editorial_overleaf": layout.front.editorial_overleaf, "back_cover": layout.back_cover,
            "contacts_after": layout.contacts_after}


def layout_from_json(data: dict) -> IssueLayout:
    stories = {story_id: StoryLayout(
        head=Head(story["head"]), columns=int(story["columns"]), new_page=bool(story["new_page"]),
        head_photo_mm=story["head_photo_mm"],
        photo_mm=tuple(story["photo_mm"]), photos=tuple(Setting(p) for p in story["photos"]),
        photo_after=tuple(int(n) for n in story.get("photo_after", ())),
        quotes=tuple(Setting(q) for q in story["quotes"]),
        space_mm=tuple((int(b), float(mm)) for b, mm in story["space_mm"]),
        panel_breaks=bool(story["panel_breaks"]), panel_across=bool(story.get("panel_across")),
        panel_taller=bool(story.get("panel_taller"))
    ) for story_id, story in data["stories"].items()}
    front = FrontLayout(data["cover_photo_mm"], bool(data.get("front_compact")),
                        bool(data.get("editorial_overleaf")))
    return IssueLayout(stories, front, bool(data["back_cover"]), data.get("contacts_after"))


def _story_as_json(story: StoryLayout) -> dict:
    return {"head": story.head.value, "columns": story.columns, "new_page": story.new_page,
            "head_photo_mm": story.head_photo_mm, "photo_mm": list(story.photo_mm),
            "photos": [p.value for p in story.photos], "photo_after": list(story.photo_after),
            "quotes": [q.value for q in story.quotes],
            "space_mm": [list(pair) for pair in story.space_mm], "panel_breaks": story.panel_breaks,
            "panel_across": story.panel_across, "panel_taller": story.panel_taller}


def default_layout(issue: Issue) -> IssueLayout:
    """The design's layout of every story, the officer's keys applied."""
    return IssueLayout({s.id: story_default(s, s.id == issue.cover_story) for s in issue.stories},
                       back_cover=issue.back_cover)


def story_default(story: Story, is_cover: bool) -> StoryLayout:
    """A photo beside the headline when the story has one to spare (the cover
    story's first photo is on the front page), across the page when asked."""
    if is_cover or not story.figures:
        head = Head.TEXT
    else:
        head = Head.WIDE if story.wide_photo else Head.BESIDE
    return StoryLayout(head=head, columns=story.columns or DEFAULT_COLUMNS, new_page=story.new_page)
