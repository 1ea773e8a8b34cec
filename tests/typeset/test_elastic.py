"""A plan's change of length turned into a story's layout (typeset/elastic.py): the growth
the planner counted on is set, within what the press allows, whatever else changes."""
from __future__ import annotations

from bulletin.compose.layout import Head, StoryLayout
from bulletin.typeset.elastic import close_holes, crop_mm, realise
from bulletin.typeset.pagemap import PX_PER_MM
from bulletin.typeset.planner import FEATHER_MM, PHOTO_MAX_MM, WIDE_PHOTO_MM, Option, PhotoRange, Placed
from bulletin.typeset.shapes import ColumnPhoto, StoryShape, Words

MM = PX_PER_MM
WORDS = Words(width=98 * MM, kicker=5 * MM, headline_lines=2, headline_line=8 * MM,
              headline_after=3 * MM, lead_lines=3, lead_line=5 * MM)


def shape() -> StoryShape:
    """A story laid out with its photo, 49 mm tall, beside its headline."""
    return StoryShape("story", 0.0, 200 * MM, 60 * MM, WORDS, head_photo=49 * MM,
                      head_photo_around=13 * MM, head_photo_width=74 * MM, column_width=86 * MM,
                      last_blocks=[3, 4, 5])


def photo(cap_mm: float) -> PhotoRange:
    """A 3:2 photo with pixels for `cap_mm` of height at 300 ppi."""
    return PhotoRange(49 * MM, 40 * MM, 60 * MM, ratio=2 / 3, cap=cap_mm * MM)


def realised(head: Head, change_mm: float, cap_mm: float = 135.0, columns: int = 2) -> StoryLayout:
    option = Option(head, columns, StoryLayout(Head.BESIDE, 2).quote(0), 200 * MM, 60 * MM,
                    50 * MM, 0.0, 0.0, 0.0)
    placed = Placed("story", option, 0.0, (200 + change_mm) * MM, change_mm * MM)
    moved = StoryLayout(Head.BESIDE, 2, photo_after=(5,))     # a photo of its columns moved on
    return realise(placed, moved, shape(), [photo(cap_mm)])


def test_a_photo_set_across_the_page_takes_the_growth_the_plan_counted_on():
    layout = realised(Head.WIDE, 30.0)
    assert layout.head is Head.WIDE
    assert layout.head_photo_mm is not None
    assert abs(layout.head_photo_mm - (WIDE_PHOTO_MM + 30.0)) < 0.2


def test_a_photo_set_across_the_page_grows_no_taller_than_the_press_allows():
    layout = realised(Head.WIDE, 80.0, cap_mm=110.0)
    assert layout.head_photo_mm is not None and layout.head_photo_mm <= 110.0


def test_a_story_set_in_other_columns_is_set_at_the_designs_sizes():
    layout = realised(Head.WIDE, 30.0, columns=3)
    assert (layout.head_photo_mm, layout.photo_mm, layout.photo_after, layout.space_mm) == (None, (), (), ())


def test_a_head_set_as_words_only_moves_the_photo_into_the_columns_uncropped():
    layout = realised(Head.TEXT, 30.0)
    assert layout.head is Head.TEXT
    assert (layout.head_photo_mm, layout.photo_mm, layout.photo_after, layout.space_mm) == (None, (), (), ())


def test_a_portrait_set_across_the_page_leaves_room_for_its_story():
    portrait = PhotoRange(49 * MM, 40 * MM, 60 * MM, ratio=1.5, cap=400 * MM)
    assert portrait.high_at(178 * MM) <= PHOTO_MAX_MM * MM < 200 * MM


def test_paragraphs_are_never_spaced_more_than_the_cap_however_often_a_story_grows():
    option = Option(Head.BESIDE, 2, StoryLayout(Head.BESIDE, 2).quote(0), 200 * MM, 60 * MM, 0.0, 0.0, 0.0, 0.0)
    layout = StoryLayout(Head.BESIDE, 2)
    for _ in range(3):          # three holes mended in turn, each asking for 20 mm more
        layout = realise(Placed("story", option, 0.0, 220 * MM, 20 * MM), layout, shape(), [])
    assert layout.space_mm and max(mm for _, mm in layout.space_mm) <= FEATHER_MM


def test_a_photo_across_the_columns_grows_by_the_growth_of_the_story():
    """Taller, it moves every column down: 30 mm more of story is 30 mm more of photo."""
    across = StoryShape("story", 0.0, 200 * MM, 30 * MM, WORDS, columns=2, column_width=86 * MM,
                        photos=[ColumnPhoto(0, 178 * MM, 80 * MM, 10 * MM, across=True)])
    option = Option(Head.TEXT, 2, StoryLayout(Head.TEXT, 2).quote(0), 200 * MM, 30 * MM, 0.0, 0.0, 0.0, 0.0)
    placed = Placed("story", option, 0.0, 230 * MM, 30 * MM)
    wide = PhotoRange(80 * MM, 80 * MM, 140 * MM, ratio=2 / 3, cap=200 * MM)
    layout = realise(placed, StoryLayout(Head.TEXT, 2), across, [wide])
    assert layout.photo_mm and abs(layout.photo_mm[0] - 110.0) < 0.2


def test_a_photo_across_the_columns_that_went_overleaf_is_cropped_to_the_room_it_left():
    """Across 178 mm a 3:2 photo may be cropped to 80 mm at the shortest: a hole of 100 mm
    holds it, one of 60 mm does not."""
    wide = PhotoRange(110 * MM, 80 * MM, 140 * MM, ratio=2 / 3, cap=200 * MM)
    for hole_mm, cropped in ((100.0, (crop_mm(90 * MM - 1.5 * MM),)), (60.0, ())):
        across = StoryShape("story", 0.0, 200 * MM, 30 * MM, WORDS, columns=2,
                            photos=[ColumnPhoto(0, 178 * MM, 110 * MM, 10 * MM, across=True, hole=hole_mm * MM)])
        assert close_holes(StoryLayout(Head.TEXT, 2), across, [wide]).photo_mm == cropped
