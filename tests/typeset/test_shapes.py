"""A story's shape as read from the pages (typeset/shapes.py), on small pages laid out by
WeasyPrint (tests/support/pages.py: an 80 mm text block, 15 lines of 15 pt)."""
from __future__ import annotations

from bulletin.typeset.pagemap import PX_PER_MM, map_pages
from bulletin.typeset.shapes import measure_shapes
from tests.support.pages import layout, lines

IMAGE = ("data:image/svg+xml;utf8,&lt;svg xmlns=&quot;http://www.w3.org/2000/svg&quot; "
         "width=&quot;30&quot; height=&quot;20&quot;/&gt;")
PHOTO = (f'<figure class="photo" style="margin: 0; break-inside: avoid">'
         f'<img style="display: block; width: 100%; height: 50mm" src="{IMAGE}"></figure>')


def test_a_photo_too_tall_for_the_foot_of_a_page_carries_the_white_it_left_there():
    # 25 lines: a column of 15, then 10 in the second; the 50 mm photo does not fit
    # the 27 mm under them and opens the next page.
    pages = map_pages(layout(f'<article id="a"><div class="story-columns" style="columns: 2">'
                             f'{lines(25)}{PHOTO}{lines(20, 26)}</div></article>'))
    photo, = measure_shapes(pages, pages[0].height)["a"].photos
    left = 80 - 10 * 15 * 25.4 / 72
    assert len(pages) == 2 and abs(photo.hole / PX_PER_MM - left) < 1


def test_a_photo_across_the_columns_too_tall_for_the_foot_of_a_page_carries_the_white_it_left_there():
    # 20 lines balance to 10 in each column; the 50 mm photo across them does not fit the
    # 27 mm under them and opens the next page's columns.
    across = PHOTO.replace('style="margin: 0;', 'style="column-span: all; margin: 0;')
    pages = map_pages(layout(f'<article id="a"><div class="story-columns" style="columns: 2">'
                             f'{lines(20)}{across}{lines(8, 21)}</div></article>'))
    photo, = measure_shapes(pages, pages[0].height)["a"].photos
    left = 80 - 10 * 15 * 25.4 / 72
    assert len(pages) == 2 and photo.across and abs(photo.hole / PX_PER_MM - left) < 1
