"""What the fitter changed, in the officer's words: the layout it kept against the design's.

The fit takes many trials, and a later one may undo an earlier one (a story
set in three columns, then in two again). The report says what the pages
hold, story by story, not the history of the trials.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..compose.layout import Head, IssueLayout, Setting, StoryLayout
from .front import COVER_PHOTO_MM
from .pagemap import PageMap

HEADS = {Head.TEXT: "head set as words only, its photo in the columns",
         Head.BESIDE: "photo set beside the headline",
         Head.WIDE: "photo set across the page under the lead"}
QUOTES = {Setting.COLUMN: "pull quote set in its column",
          Setting.ACROSS: "pull quote set large across the columns",
          Setting.OUT: "pull quote left out"}


@dataclass(frozen=True)
class Choice:
    """One thing the fitter did, in the officer's words."""
    story: str
    page: int
    words: str

    def as_json(self) -> dict:
        return {"story": self.story, "page": self.page, "choice": self.words}


def changes(design: IssueLayout, kept: IssueLayout, pages: list[PageMap]) -> tuple[Choice, ...]:
    """Every difference of `kept` from `design`, on the page it shows."""
    starts = {f.story: page.number for page in pages for f in page.fragments if f.starts}
    ends = {f.story: page.number for page in pages for f in page.fragments}
    found = [Choice("", 1, words) for words in _front(design, kept)]
    for story_id, now in kept.stories.items():
        was = design.stories.get(story_id)
        words = _story(was, now) if was is not None else []
        if words:
            found.append(Choice(story_id, starts.get(story_id, 0), f"{', '.join(words)}, to fill the pages"))
    if kept.back_cover and not design.back_cover:
        found.append(Choice("", len(pages), "contacts and donors on a back cover of their own"))
    elif kept.contacts_after and kept.contacts_after != design.contacts_after:
        found.append(Choice(kept.contacts_after, ends.get(kept.contacts_after, 0),
                            "contacts and donors set after this story, in the room it leaves"))
    return tuple(sorted(found, key=lambda c: c.page))


def _story(was: StoryLayout, now: StoryLayout) -> list[str]:
    words = []
    if now.head is not was.head:
        words.append(HEADS[now.head])
    if now.columns != was.columns:
        words.append(f"set in {now.columns} columns")
    if now.quotes != was.quotes:
        words += sorted({QUOTES[now.quote(n)] for n in range(len(now.quotes)) if now.quote(n) is not was.quote(n)})
    if now.head_photo_mm != was.head_photo_mm and now.head_photo_mm:
        words.append(f"head photo set {now.head_photo_mm:.0f} mm tall")
    if now.photos != was.photos and Setting.ACROSS in now.photos:
        words.append("a photo set across the columns")
    if now.photo_after != was.photo_after:
        words.append("a photo moved further on in the story")
    if now.photo_mm != was.photo_mm and any(now.photo_mm):
        words.append("photos in the columns cropped to " + ", ".join(
            f"{mm:.0f} mm" for mm in now.photo_mm if mm))
    if now.space_mm != was.space_mm and now.space_mm:
        words.append("paragraphs of its last page spaced a little wider")
    if now.panel_breaks and not was.panel_breaks:
        words.append("its chart panel broken between charts")
    if now.panel_across and not was.panel_across:
        words.append("its charts set across the page, one under another")
    if now.panel_taller and not was.panel_taller:
        words.append("its charts drawn taller")
    return words


def _front(design: IssueLayout, kept: IssueLayout) -> list[str]:
    was, now = design.front, kept.front
    words = []
    if now.cover_photo_mm != was.cover_photo_mm and now.cover_photo_mm:
        taller = now.cover_photo_mm > (was.cover_photo_mm or COVER_PHOTO_MM)
        words.append(f"cover photo set {now.cover_photo_mm:.0f} mm tall "
                     f"{'to fill the front page' if taller else 'to make room for the contents'}")
    if now.compact and not was.compact:
        words.append("contents and editorial set tighter to fit the front page")
    if now.editorial_overleaf and not was.editorial_overleaf:
        words.append("editorial moved to open page 2: the contents fill the front page")
    return words
