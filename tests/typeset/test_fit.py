"""The fit report: pages against the target, and each story's over- or under-run and flaws.

Small documents laid out by WeasyPrint itself, with lines forced by <br> so the
counts do not depend on text widths; then the seed issue through the pipeline.
"""
from __future__ import annotations

import json
import re

import pytest

from bulletin.typeset.fill import IssueFill, PageFill
from bulletin.typeset.fit import FitReport, measure, with_holes
from tests.support.pages import PAGE_CSS, layout, lines

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

def story(report: FitReport, story_id: str):
    return next(s for s in report.stories if s.id == story_id)


def test_a_column_holding_one_line_is_flagged():
    report = measure(layout(f'<article id="a" style="columns: 2">'
                            f'<p style="break-inside: avoid">{lines(4)}</p><p>{lines(1, 5)}</p>'
                            f'</article>'), 4)
    assert [str(f) for f in story(report, "a").flaws] == ["lone line in column 2 of page 1"]


def test_balanced_columns_are_not_flagged():
    report = measure(layout(f'<article id="a" style="columns: 2"><p>{lines(6)}</p></article>'), 4)
    assert story(report, "a").flaws == ()


def test_a_heading_at_the_foot_of_a_page_is_flagged():
    report = measure(layout(f'<article id="a"><div style="height: 70mm"></div><h2>Heading</h2>'
                            f'<p style="break-inside: avoid">{lines(4)}</p></article>'), 4)
    fit = story(report, "a")
    assert [str(f) for f in fit.flaws] == ["heading stranded at the foot of page 1"]
    assert (fit.first_page, fit.last_page, fit.pages) == (1, 2, "1–2")


def test_a_heading_at_the_foot_of_a_column_is_flagged():
    report = measure(layout(f'<article id="a" style="columns: 2; column-fill: auto; height: 60mm">'
                            f'<div style="height: 50mm"></div><h2>Heading</h2>'
                            f'<p style="break-inside: avoid">{lines(4)}</p></article>'), 4)
    assert [str(f) for f in story(report, "a").flaws] == [
        "heading stranded at the foot of a column on page 1"]


def test_a_story_spilling_a_few_lines_says_what_to_cut():
    report = measure(layout(f'<article id="spill"><p>{lines(17)}</p></article>'
                            f'<article id="next" style="break-before: page"><p>{lines(3)}</p></article>'), 4)
    spill = story(report, "spill")
    assert (spill.tail_lines, spill.cut_lines, spill.spills) == (2, 2, True)
    assert spill.note() == ("runs 2 lines deep onto page 2: cut 2 lines to end on page 1; "
                            "leaves room for 13 lines at the foot of page 2")


def test_a_story_before_a_page_break_says_how_much_room_it_leaves():
    report = measure(layout(f'<article id="a" style="columns: 2"><p>{lines(10)}</p></article>'
                            f'<article id="b" style="break-before: page"><p>{lines(3)}</p></article>'), 4)
    fit = story(report, "a")
    assert (fit.columns, fit.room_lines, fit.spills) == (2, 10, False)
    assert fit.note() == "leaves room for 20 lines (10 per column) at the foot of page 1"


def test_a_story_followed_on_its_page_leaves_no_room():
    report = measure(layout(f'<article id="a"><p>{lines(3)}</p></article>'
                            f'<article id="b"><p>{lines(3)}</p></article>'), 4)
    assert story(report, "a").room_lines == 0
    assert story(report, "b").room_lines == 15 - 6


@pytest.mark.parametrize("pages, used, target, summary", [
    (8, 7.6, 8, "8 pages, target 8 (pages come in multiples of 4): fits; 22 lines free at the foot of page 8"),
    (9, 8.25, 8, "9 pages, target 8 (pages come in multiples of 4): 0.2 pages over: cut about 100 words "
                 "(14 lines a column), or write 3.8 pages more for 12"),
    (7, 6.5, 8, "7 pages, target 8 (pages come in multiples of 4): 1.5 pages short: write about "
                "600 words (82 lines a column) more"),
    (1, 0.5, 4, "1 page, target 4 (pages come in multiples of 4): 3.5 pages short: write about "
                "1,400 words (192 lines a column) more"),
])
def test_pages_against_the_target(pages, used, target, summary):
    report = FitReport(pages=pages, multiple=4, target=target, used=used, page_lines=55,
                       words_per_page=400)
    assert report.summary() == summary


def test_a_cut_to_the_lower_count_is_offered_only_where_it_is_less_than_what_to_write():
    report = FitReport(pages=8, multiple=4, target=8, used=7.7, page_lines=55, words_per_page=400,
                       holes=0.4)
    assert report.summary().endswith("write about 160 words (22 lines a column) more to fill them")


def test_holes_the_fitter_left_say_what_to_write_or_cut():
    """12 pages at the binding's count, but 2.2 pages of them white: about 9.6 pages of copy."""
    report = FitReport(pages=12, multiple=4, target=12, used=11.8, page_lines=55, words_per_page=400,
                       holes=2.2)
    assert report.summary() == ("12 pages, target 12 (pages come in multiples of 4): fits, with 2.2 pages "
                                "of white inside (see the stories below): write about 880 words (121 lines "
                                "a column) more to fill them, or cut about 640 words (88 lines a column) for 8")


@pytest.mark.parametrize("pages, used, target, holes, asks", [
    (8, 7.6, 8, 0.0, ""), (9, 8.25, 8, 0.0, "cut 100"), (7, 6.5, 8, 0.0, "write 600"),
    (12, 11.8, 12, 2.2, "write 880")])
def test_what_the_report_asks_in_short_is_what_its_summary_says(pages, used, target, holes, asks):
    report = FitReport(pages=pages, multiple=4, target=target, used=used, page_lines=55,
                       words_per_page=400, holes=holes)
    assert report.asks() == asks and report.as_json()["asks"] == asks
    assert not asks or f"{asks.split()[0]} about {asks.split()[1]} words" in report.summary()


@pytest.mark.parametrize("whites, holes", [((0.0, 0.05, 0.3, 0.1, 0.9), 0.45),    # the last page: not inner
                                           ((0.0, 0.02, 0.12, 0.01, 0.9), 0.0),   # full enough: no word
                                           ((0.0, 0.06, 0.06, 0.06, 0.9), 0.18)])  # each under 12 %, 6 % on average
def test_the_holes_are_the_white_of_the_inner_pages_when_more_than_the_fitter_aims_at(whites, holes):
    fill = IssueFill(tuple(PageFill(n, white, 0.0) for n, white in enumerate(whites, start=1)))
    report = FitReport(pages=5, multiple=4, target=4, used=4.1, page_lines=55, words_per_page=400)
    assert with_holes(report, fill).holes == holes


def test_placeholder_copy_gives_lines_not_words():
    report = FitReport(pages=3, multiple=4, target=4, used=2.5, page_lines=55, words_per_page=60)
    assert report.summary().endswith("1.5 pages short: write about 82 lines a column more")


def test_the_target_is_the_nearest_multiple():
    def target_of(text: str) -> int:
        return measure(layout(text), 4).target
    assert target_of(f'<article id="a"><p>{lines(3)}</p></article>') == 4     # never 0 pages
    five = "".join(f'<article id="s{n}" style="break-before: page"><p>{lines(3)}</p></article>'
                   for n in range(5))
    assert target_of(five) == 4      # 4.2 pages filled: nearer 4 than 8


def test_the_seed_issue_reports_pages_against_target_and_every_story(seed):
    result = seed
    fit = json.loads((result.out_dir / "build.json").read_text())["fit"]["en"]
    assert (fit["pages"], fit["target"], fit["multiple"]) == (result.editions[0].pages, 8, 4)
    assert re.fullmatch(r"8 pages, target 8 \(pages come in multiples of 4\): fits(; \d+ lines? free at the "
                        r"foot of page 8|, with [\d.]+ pages of white inside \(see the stories below\): write "
                        r"about [\d,]+ words \(\d+ lines a column\) more to fill them)", fit["summary"])
    ids = [s["id"] for s in fit["stories"]]
    assert ids == [s.id for s in result.issue.stories]
    for entry in fit["stories"]:
        assert 1 < entry["first_page"] <= entry["last_page"] <= 8
        assert 0 < entry["ends_at"] <= 1
        # Each story either runs onto a later page or leaves room, or sits mid-page.
        assert entry["tail_lines"] >= 0 and entry["room_lines"] >= 0
    # The table printed after the build: the summary, a header, one row per story.
    table = result.fits["en"].table().splitlines()
    assert table[0] == fit["summary"] and len(table) == 2 + len(ids)
    assert table[1].split() == ["story", "pages", "ends", "note"]


def tall_layout(body: str):
    """`layout` on a page 300 mm tall: room enough at a story's foot for a wide photo."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    css = PAGE_CSS.replace("size: 100mm 100mm", "size: 100mm 300mm")
    return HTML(string=f"<html><body>{body}</body></html>").render(
        stylesheets=[CSS(string=css, font_config=fonts)], font_config=fonts)


HEAD_BESIDE = '<header class="story-head story-head-beside"><h2>Headline</h2></header>'


@pytest.mark.parametrize("before, head, body_lines, widens", [
    ("", HEAD_BESIDE, 10, True),                         # starts its page, 169 mm of room
    ("", '<header class="story-head"><h2>Headline</h2></header>', 10, False),   # no photo
    ("", HEAD_BESIDE, 19, False),                        # 74 mm of room: too little
    (f'<article id="before"><p>{lines(2)}</p></article>', HEAD_BESIDE, 8, False),  # starts mid-page
])
def test_room_enough_for_a_wide_photo_is_measured(before, head, body_lines, widens):
    # 280 mm of page; each line of 15 pt, the headline's too, takes 5.3 mm.
    report = measure(tall_layout(f'{before}<article id="a">{head}<p>{lines(body_lines)}</p>'
                                 f'<p>{lines(body_lines, body_lines + 1)}</p></article>'
                                 f'<article id="b" style="break-before: page"><p>{lines(2)}</p></article>'), 4)
    fit = story(report, "a")
    assert fit.can_widen is widens
    assert "wide_photo" not in fit.note()          # the fitter sets photos across itself
