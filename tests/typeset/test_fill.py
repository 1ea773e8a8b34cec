"""The fill measure (typeset/fill.py) on small pages laid out by WeasyPrint: white at
the foot of the text block, and holes inside it, columns ending early."""
from __future__ import annotations

from bulletin.typeset.fill import measure_fill
from tests.support.pages import layout, lines

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
