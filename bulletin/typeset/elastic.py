"""A story's elastic parts, given a change of length: its head photo, then the photos in
its columns (cropped taller or shorter, within what the press and the frame allow),
then the space between the paragraphs of its last page."""
from __future__ import annotations

import math

from ..compose.layout import Head, StoryLayout
from .pagemap import PX_PER_MM
from .planner import FEATHER_MM, WIDE_PHOTO_MM, HeadGeometry, PhotoRange, Placed
from .shapes import StoryShape


def realise(placed: Placed, now: StoryLayout, shape: StoryShape, ranges: list[PhotoRange]) -> StoryLayout:
    """The story's layout for what the plan chose: its head, columns and pull quotes,
    and its change of length spread over its head photo, then its photos in the
    columns, then space between the paragraphs of its last page."""
    option = placed.option
    same_quotes = all(now.quote(n) is option.quotes for n in range(len(shape.quotes)))
    quotes = now.quotes if same_quotes else (option.quotes,) * len(shape.quotes)
    layout = now.with_(head=option.head, columns=option.columns, quotes=quotes)
    if option.columns != now.columns:        # every photo's width changes: back to the design's
        return layout.photos_as_designed()
    change = placed.change
    if option.head is not now.head:
        layout = layout.with_(head_photo_mm=None, space_mm=())
        if option.head is Head.WIDE and ranges:    # the plan counted on the wide photo's growth
            layout, change = _widen_head_photo(layout, shape, ranges[0], change, now.head)
        if Head.TEXT in (option.head, now.head):   # the first photo changes place: the blocks move
            return layout.with_(photo_mm=(), photo_after=())
    columns = max(1, shape.columns)
    photos = column_ranges(shape, now.head, ranges)
    in_head = len(photos) < len(ranges)
    if in_head and abs(change) > 1 and option.head is now.head:
        layout, change = _change_head_photo(layout, shape, ranges[0], change)
    if photos and abs(change) > 1:
        layout, change = _change_column_photos(layout, shape, photos, change * columns)
        change /= columns
    if change > 1:
        layout = _feather(layout, shape, change * columns)
    return close_holes(layout, shape, photos)


def column_ranges(shape: StoryShape, head: Head, ranges: list[PhotoRange]) -> list[PhotoRange]:
    """The ranges of the photos in the story's columns, in the order of shape.photos: all of
    `ranges` but the first when that is the head's photo."""
    return ranges[1:] if shape.head_photo and head is not Head.TEXT and ranges else ranges


def close_holes(layout: StoryLayout, shape: StoryShape, photos: list[PhotoRange]) -> StoryLayout:
    """A photo too tall for the foot of a column (set across the columns: of the page) went
    over and left it white: cropped to the room there, within its limits at the width it is
    set, it fits, and the white is gone."""
    heights = list(layout.photo_mm) + [None] * (len(shape.photos) - len(layout.photo_mm))
    changed = False
    for photo, placed in zip(photos, shape.photos):
        fits = placed.hole - placed.around - 1.5 * PX_PER_MM
        if placed.hole and photo.low <= fits < photo.now and placed.index < len(heights):
            heights[placed.index] = crop_mm(fits)
            changed = True
    return layout.with_(photo_mm=tuple(heights)) if changed else layout


def _widen_head_photo(layout: StoryLayout, shape: StoryShape, photo: PhotoRange, change: float,
                      was: Head) -> tuple[StoryLayout, float]:
    """The photo set across the page: the plan counted on it growing from the design's
    height up to what the press and the frame allow at the page's width."""
    if change <= 1:
        return layout, change
    wide = WIDE_PHOTO_MM * PX_PER_MM
    new = min(photo.high_at(HeadGeometry(shape, was).full), wide + change)
    if new - wide < 1:
        return layout, change
    return layout.with_(head_photo_mm=crop_mm(new)), change - (crop_mm(new) * PX_PER_MM - wide)


def _change_head_photo(layout: StoryLayout, shape: StoryShape, photo: PhotoRange,
                       change: float) -> tuple[StoryLayout, float]:
    words = shape.words.height(shape.words.width) if shape.words else 0.0
    slack = 0.0
    if layout.head is Head.BESIDE:        # the head is as tall as the taller of words and photo
        slack = max(0.0, words - (photo.now + shape.head_photo_around))
    wanted = photo.now + change + (slack if change > 0 else 0.0)
    new = min(photo.high, max(photo.low, wanted))
    if layout.head is Head.BESIDE:
        new = max(new, photo.now) if change > 0 else new
    taken = (max(words, new + shape.head_photo_around) - max(words, photo.now + shape.head_photo_around)
             if layout.head is Head.BESIDE else new - photo.now)
    if abs(new - photo.now) < 1:
        return layout, change
    return layout.with_(head_photo_mm=crop_mm(new)), change - taken


def _change_column_photos(layout: StoryLayout, shape: StoryShape, photos: list[PhotoRange],
                          change: float) -> tuple[StoryLayout, float]:
    """`change` in column height, shared by the photos as far as each may go. A photo set
    across the columns takes its height from every column at once."""
    heights = list(layout.photo_mm) + [None] * (len(shape.photos) - len(layout.photo_mm))
    left = change
    for photo, placed in sorted(zip(photos, shape.photos), key=lambda pair: pair[1].index):
        columns = max(1, shape.columns) if placed.across else 1
        new = min(photo.high, max(photo.low, photo.now + left / columns))
        if abs(new - photo.now) >= 1 and placed.index < len(heights):
            heights[placed.index] = crop_mm(new)
            left -= (new - photo.now) * columns
        if abs(left) < 1:
            break
    return layout.with_(photo_mm=tuple(heights)), left


def _feather(layout: StoryLayout, shape: StoryShape, column_change: float) -> StoryLayout:
    gaps = shape.spaced_gaps
    if not gaps:
        return layout
    each = min(FEATHER_MM, column_change / PX_PER_MM / len(gaps))
    if each < 0.2:
        return layout
    space = dict(layout.space_mm)
    for block in gaps:          # a story grown again keeps to the cap: never a gappy page
        space[block] = round(min(FEATHER_MM, space.get(block, 0.0) + each), 2)
    return layout.with_(space_mm=tuple(sorted(space.items())))


def crop_mm(px: float) -> float:
    """A photo's height in tenths of a millimetre, rounded down: rounded up, a photo
    enlarged to the press's limit would print a hair below its 300 ppi."""
    return math.floor(px / PX_PER_MM * 10) / 10
