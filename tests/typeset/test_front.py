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


def test_the_cover_photo_grows_no_taller_than_its_pixels_print_at_300_ppi():
    cover = '<figure class="cover" style="margin: 0; height: 20mm"></figure>'
    pages = map_pages(layout(FRONT.format(lines(3)).replace("</header>", "</header>" + cover)))
    free, _ = fit_front(IssueLayout({}), pages)
    panorama, done = fit_front(IssueLayout({}), pages, photo=(4800, 1100))
    at_300_ppi = 1100 / 300 * 25.4                 # 93.1 mm: cropped any taller, it is enlarged
    assert free.front.cover_photo_mm > at_300_ppi
    assert 82 < panorama.front.cover_photo_mm <= at_300_ppi
    assert done == [f"cover photo set {panorama.front.cover_photo_mm:.0f} mm tall to fill the front page"]
    # A photo too narrow for the page's width is soft at any height: held to the design's own.
    narrow, _ = fit_front(IssueLayout({}), pages, photo=(600, 400))
    assert narrow.front.cover_photo_mm is None or narrow.front.cover_photo_mm <= 82
