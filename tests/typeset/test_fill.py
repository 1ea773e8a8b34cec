"""The fill measure (typeset/fill.py) on small pages laid out by WeasyPrint: white at
the foot of the text block, and holes inside it, columns ending early."""
from __future__ import annotations

from bulletin.typeset.fill import measure_fill
from tests.support.pages import layout, lines, quoted_story

BOX = 80.0          # the text block of support/pages.py's page: 80 mm square, 15 lines of 15 pt


def page_fill(body: str):
    return measure_fill(layout(body)).pages[0]


def test_columns_run_to_the_foot_leave_no_white():
    fill = page_fill(f'<article id="a"><div style="columns: 2">{lines(40)}</div></article>')
    assert fill.white < 0.05


def test_a_story_ending_half_way_down_leaves_its_foot_white():
    fill = page_fill(f'<article id="a"><div style="columns: 2">{lines(14)}</div></article>')
    assert 0.45 < fill.foot < 0.6 and fill.holes == 0


def test_balanced_columns_above_a_quote_set_across_are_no_hole():
    fill = page_fill(f'<article id="a"><div style="columns: 2">{lines(8)}'
                     f'<p style="column-span: all">A quote</p>{lines(30, 9)}</div></article>')
    assert fill.holes == 0


def test_a_column_ending_early_above_a_quote_set_across_is_a_hole():
    # A 40 mm photo fills column 1; column 2 holds three lines, then the quote spans both.
    photo = '<div style="height: 40mm; break-inside: avoid"></div>'
    fill = page_fill(f'<article id="a"><div style="columns: 2">{photo}{lines(3)}'
                     f'<p style="column-span: all">A quote</p>{lines(30, 4)}</div></article>')
    hole_mm2 = (40 - 3 * 15 * 25.4 / 72) * (BOX - 4) / 2          # column 2 under its lines
    assert abs(fill.holes - hole_mm2 / BOX ** 2) < 0.03, fill


def test_a_quote_set_across_at_the_foot_of_a_page_is_not_white():
    # 20 lines balance to 10 a column (53 mm), the quote's 5 lines (26.5 mm) fill the rest:
    # the page is full, though no text is under the quote (the fitter judges that apart)
    fill = measure_fill(layout(quoted_story(5))).pages[0]
    assert fill.foot < 0.02 and fill.holes == 0


def test_a_story_ending_with_a_quote_set_across_leaves_white_from_under_the_quote():
    # 4 lines (2 a column, 10.6 mm), then the quote's 3 lines (15.9 mm): 27 mm of 80 used
    fill = measure_fill(layout(quoted_story(3, before=4, after=0))).pages[0]
    assert 0.62 < fill.foot < 0.7 and fill.holes == 0


def short_tail(then: str = "") -> str:
    """30 lines fill page 1; a paragraph of 3 lines, too short to split with widows and
    orphans of 3, opens page 2 in the first column alone; then `then`."""
    return (f'<article id="a"><div class="story-columns" style="columns: 2"><p>{lines(30)}</p>'
            f'<p style="orphans: 3; widows: 3">{lines(3, 31)}</p></div></article>{then}')


def test_a_column_the_text_never_reached_beside_a_story_that_goes_on_is_a_hole():
    fill = measure_fill(layout(short_tail(f'<article id="b">{lines(3)}</article>'))).pages[1]
    beside = 3 * 15 * 25.4 / 72 * (80 - 4) / 2 / BOX ** 2          # 3 lines by a column's width
    assert abs(fill.holes - beside) < 0.01


def test_a_column_the_text_never_reached_at_the_foot_of_a_page_is_white_to_the_foot():
    fill = measure_fill(layout(short_tail())).pages[1]
    assert fill.columns[1] == 1.0 and 0.85 < fill.foot < 0.95
