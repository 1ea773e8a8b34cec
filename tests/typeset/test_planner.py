"""The planner's model of a story (typeset/planner.py) and what the fitter keeps of a plan
(typeset/fitter.py): hand-made shapes, no layout."""
from __future__ import annotations

from types import SimpleNamespace

from bulletin.compose.layout import Head, IssueLayout, StoryLayout
from bulletin.typeset.fitter import _as_planned
from bulletin.typeset.pagemap import PX_PER_MM
from bulletin.typeset.planner import Model, Option, PhotoRange, Placed, PlanResult
from bulletin.typeset.shapes import StoryShape, Words

MM = PX_PER_MM
PAGE = 260 * MM
WORDS = Words(width=98 * MM, kicker=5 * MM, headline_lines=2, headline_line=8 * MM,
              headline_after=3 * MM, lead_lines=3, lead_line=5 * MM)


def story(story_id: str, photos: int = 1):
    """A story as the planner reads it: photos, and no hand keys."""
    return SimpleNamespace(id=story_id, figures=[object()] * photos, wide_photo=False, columns=0,
                           quotes=())


def shape(story_id: str, start_mm: float, length_mm: float) -> StoryShape:
    """A story laid out with its photo, 49 mm tall, beside its headline."""
    return StoryShape(story_id, start_mm * MM, (start_mm + length_mm) * MM, 60 * MM, WORDS,
                      head_photo=49 * MM, head_photo_around=13 * MM, head_photo_width=74 * MM,
                      column_width=86 * MM, text=300 * MM, last_blocks=[3, 4, 5])


def model(frozen: frozenset[str]) -> Model:
    layout = IssueLayout({"a": StoryLayout(Head.BESIDE, 2)})
    ranges = {"a": [PhotoRange(49 * MM, 40 * MM, 70 * MM, ratio=2 / 3)]}
    return Model([story("a")], layout, {"a": shape("a", 260, 200)}, ranges, PAGE, first_page=2,
                 gap=7 * MM, colophon=50 * MM, back_cover=None, cover="", frozen=frozen)


def test_a_story_free_to_change_is_offered_every_head_columns_and_setting():
    options = model(frozenset()).options(story("a"))
    assert {o.head for o in options} == set(Head) and {o.columns for o in options} == {2, 3}


def test_a_story_kept_where_its_plan_put_it_keeps_its_setting_and_its_elastic_range():
    free = model(frozenset()).options(story("a"))
    kept = model(frozenset({"a"})).options(story("a"))
    assert [(o.head, o.columns) for o in kept] == [(Head.BESIDE, 2)]
    same = next(o for o in free if (o.head, o.columns, o.quotes) == (kept[0].head, 2, kept[0].quotes))
    assert kept[0].grow == same.grow > 0          # its photo may still grow into a hole it ends in
    assert kept[0].length == 200 * MM             # from where it truly ends


def plan(*starts_mm: float) -> PlanResult:
    option = Option(Head.BESIDE, 2, StoryLayout(Head.BESIDE, 2).quote(0), 100 * MM, 60 * MM, 0.0, 0.0,
                    0.0, 0.0)
    placed = tuple(Placed(name, option, start * MM, (start + 100) * MM, 0.0)
                   for name, start in zip("abc", starts_mm))
    return PlanResult(placed, 4, 0.0, ())


def test_the_stories_laid_out_where_planned_are_kept_up_to_the_first_that_moved():
    shapes = {"a": shape("a", 260, 100), "b": shape("b", 367 + 1, 100), "c": shape("c", 474, 100)}
    assert _as_planned(plan(260, 367, 474), shapes) == {"a", "b", "c"}
    shapes["b"] = shape("b", 367 + 20, 100)      # 20 mm off: the plan missed from here on
    assert _as_planned(plan(260, 367, 474), shapes) == {"a"}
    assert _as_planned(None, shapes) == frozenset()
