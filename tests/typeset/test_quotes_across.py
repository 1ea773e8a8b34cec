"""A pull quote set across the columns, on small pages laid out by WeasyPrint
(tests/support/pages.py: an 80 mm text block, 15 lines of 15 pt): whether it opens a
page's columns or ends them with no text under it (typeset/pagemap.py), and how the
fitter ranks a page it ends (typeset/fitter.py)."""
from __future__ import annotations

from bulletin.typeset import fitter
from bulletin.typeset.pagemap import PX_PER_MM, map_pages
from tests.support.pages import layout, lines, quoted_story

FULL_PAGE = f'<article id="f"><div class="story-columns" style="columns: 2">{lines(30)}</div></article>'


def test_a_quote_too_tall_for_the_room_left_opens_the_next_pages_columns():
    # 20 lines balance to 10 a column (53 mm): the quote's 8 lines (42 mm) do not fit the
    # 27 mm under them
    first, second = map_pages(layout(quoted_story(8)))
    assert not first.fragments[0].quote_afoot and first.fragments[0].quote_atop == 0
    assert abs(second.fragments[0].quote_atop / PX_PER_MM - 8 * 15 * 25.4 / 72) < 0.5


def test_a_quote_that_fills_the_foot_of_a_page_ends_it_with_no_text_under_it():
    # 5 lines, 26.5 mm of the 27 left: no room for a line under it, its text goes overleaf
    first, second = map_pages(layout(quoted_story(5)))
    assert first.fragments[0].quote_afoot
    assert not second.fragments[0].quote_afoot and second.fragments[0].quote_atop == 0


def test_a_quote_with_text_under_it_neither_opens_nor_ends_the_columns():
    pages = map_pages(layout(quoted_story(3, before=6)))
    fragment = pages[0].fragments[0]
    assert (fragment.quote_atop, fragment.quote_afoot) == (0, False)


def test_a_fit_whose_page_ends_with_a_quote_ranks_behind_a_whiter_one():
    """Page 2 full to its foot with the quote, its text overleaf, against page 2 a third
    white above the quote gone overleaf: the first is fuller, and a defect all the same."""
    ending = fitter.Fit(None, map_pages(layout(FULL_PAGE + quoted_story(5, after=40))), target=4)
    opening = fitter.Fit(None, map_pages(layout(FULL_PAGE + quoted_story(8, after=40))), target=4)
    assert ending.page_count == opening.page_count == 4
    assert ending.fill.mean_white < 0.01 < 0.15 < opening.fill.mean_white
    assert fitter._better(ending, opening) is opening
    assert fitter._left(ending) == ["page 2: a pull quote ends the page, the text it stands in overleaf"]


def test_a_fit_full_to_every_foot_is_fitted_further_while_a_quote_ends_a_page():
    ending = fitter.Fit(None, map_pages(layout(FULL_PAGE + quoted_story(5, after=40))), target=4)
    assert ending.fill.mean_white < fitter.GOOD_MEAN and not fitter._full(ending)
