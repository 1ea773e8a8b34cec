"""What the fitter changed, in the officer's words (typeset/changes.py)."""
from __future__ import annotations

from bulletin.compose.layout import Head, IssueLayout, Setting, StoryLayout
from bulletin.typeset.changes import changes


def test_a_photo_set_across_and_moved_further_on_is_said_in_words():
    design = IssueLayout({"s": StoryLayout(Head.TEXT, 2)})
    kept = IssueLayout({"s": StoryLayout(Head.TEXT, 2, photos=(Setting.ACROSS,), photo_after=(5,))})
    choice, = changes(design, kept, [])
    assert choice.words == "a photo set across the columns, a photo moved further on in the story, to fill the pages"


def test_charts_drawn_taller_are_said_in_words():
    design = IssueLayout({"s": StoryLayout(Head.TEXT, 2)})
    kept = IssueLayout({"s": StoryLayout(Head.TEXT, 2, panel_across=True, panel_taller=True)})
    choice, = changes(design, kept, [])
    assert choice.words == ("its charts set across the page, one under another, its charts drawn taller, "
                            "to fill the pages")
