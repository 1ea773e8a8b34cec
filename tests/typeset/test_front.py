"""Fitting the front page (typeset/front.py) on small pages laid out by WeasyPrint."""
from __future__ import annotations

from bulletin.compose.layout import IssueLayout
from bulletin.typeset.front import fit_front
from bulletin.typeset.pagemap import map_pages
from tests.support.pages import layout, lines

FRONT = '<header class="masthead">Milestones</header><section class="front-panel">{}</section>'


def test_a_front_page_without_a_cover_photo_is_not_said_to_set_one():
    pages = map_pages(layout(FRONT.format(lines(3))))
    assert fit_front(IssueLayout({}), pages) == (IssueLayout({}), [])


def test_the_cover_photo_takes_the_white_under_the_contents():
    cover = '<figure class="cover" style="margin: 0; height: 20mm"></figure>'
    pages = map_pages(layout(FRONT.format(lines(3)).replace("</header>", "</header>" + cover)))
    fitted, done = fit_front(IssueLayout({}), pages)
    assert fitted.front.cover_photo_mm is not None and done == [
        f"cover photo set {fitted.front.cover_photo_mm:.0f} mm tall to fill the front page"]
