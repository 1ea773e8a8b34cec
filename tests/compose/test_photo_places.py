"""Where the photos of a story's columns go in its flow (compose/page.py): after the second
paragraph, as the design has them, or further on where the fitter moved one."""
from __future__ import annotations

from bulletin.compose.layout import Head, IssueLayout, StoryLayout, layout_as_json, layout_from_json
from bulletin.compose.page import _column_flow
from bulletin.compose.views import FigureView
from bulletin.content.model import Story

STORY = Story("s", "Headline", "Lead", "\n\n".join(f"Paragraph {n}." for n in range(1, 6)))
PHOTOS = (FigureView("file:///a.jpg", "A", "", "a"), FigureView("file:///b.jpg", "B", "", "b"))


def kinds(layout: StoryLayout) -> list[str]:
    return [block.figure.caption if block.kind == "figure" else "p" for block in
            _column_flow(STORY, layout, PHOTOS, "en")]


def test_the_photos_of_the_columns_follow_the_second_paragraph():
    assert kinds(StoryLayout(Head.TEXT, 2)) == ["p", "p", "A", "B", "p", "p", "p"]


def test_a_photo_moved_further_on_follows_the_paragraph_the_layout_says():
    assert kinds(StoryLayout(Head.TEXT, 2, photo_after=(2, 4))) == ["p", "p", "A", "p", "p", "B", "p"]
    assert kinds(StoryLayout(Head.TEXT, 2, photo_after=(9, 9))) == ["p"] * 5 + ["A", "B"]   # past the last


def test_where_a_photo_was_moved_is_kept_with_the_choices():
    layout = IssueLayout({"s": StoryLayout(Head.TEXT, 2, photo_after=(2, 4))})
    assert layout_from_json(layout_as_json(layout)) == layout


def test_charts_drawn_taller_are_kept_with_the_choices():
    layout = IssueLayout({"s": StoryLayout(Head.TEXT, 2, panel_across=True, panel_taller=True)})
    assert layout_from_json(layout_as_json(layout)) == layout
    assert not layout_from_json({**layout_as_json(layout), "stories": {"s": {
        key: value for key, value in layout_as_json(layout)["stories"]["s"].items() if key != "panel_taller"}}}
    ).of("s").panel_taller                  # choices kept before there was such a choice
