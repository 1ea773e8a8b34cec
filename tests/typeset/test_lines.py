"""The lines of the story text, broken as whole paragraphs before layout (typeset/lines.py,
typeset/breaking.py): where words may be hyphenated, the breaker against the greedy
breaking it replaces, and a paragraph set, laid out by WeasyPrint and measured.
"""
from __future__ import annotations

import re

import fontpkg
import pyphen
import pytest

from bulletin.typeset.breaking import Measure, box, break_lines, glue, lines_of
from bulletin.typeset.lines import LineSetter, hyphen_points, keeps_whole
from bulletin.typeset.spacing import LOOSE_EM, LineGap, measure_spacing, measured_lines

FONT = fontpkg.path("PT Serif", 400).as_uri()
CSS_TEXT = (f"@font-face {{ font-family: Test; src: url('{FONT}') }}"
            "@page { size: 210mm 200mm; margin: 20mm }"
            "html { font: 10pt/13pt Test; orphans: 1; widows: 1; hyphenate-character: \"\\2011\";"
            " hyphenate-limit-chars: 6 2 3 }"
            "body, p { margin: 0 }"
            ".story-columns { text-align: justify } .story-columns > p { hyphens: auto }"
            ".story-cols-1 .story-columns { columns: 1; width: 60mm }"
            ".story-columns > p + p { text-indent: 1.1em }"
            ".story-columns > p > .set-line { white-space: nowrap; word-spacing: -0.04em }")
TEXT = ("The Steering Committee Meetings of the Programme for Central Asia were held in the capital, "
        "where senior representatives from the drug control agencies, ministries of interior, foreign "
        "affairs, health, customs, border guards and justice reviewed the achievements made under the "
        "programmes in the year before and identified the priorities for the next one, with UNODC and "
        "CARICC, in 2016 and 2017.")


def render(html: str):
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    return HTML(string=html).render(stylesheets=[CSS(string=CSS_TEXT, font_config=fonts)], font_config=fonts)


def story(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><body><article class="story story-cols-1" id="a">'
            f'<div class="story-columns">{body}</div></article></body></html>')


@pytest.mark.parametrize("token", ["UNODC", "CARICC", "ВТамО", "2016", "SFP\u00a010-14", "COVID-19",
                                   "Kabul", "Алма", "agency", "года,"])
def test_names_in_capitals_numbers_and_short_words_are_never_hyphenated(token):
    """A word of fewer than six letters, a name in capitals, a word with a digit: no point."""
    dictionary = pyphen.Pyphen(lang="ru" if re.search("[а-я]", token, re.I) else "en", left=2, right=2)
    assert hyphen_points(token, dictionary.positions, 6) == []


def test_long_words_are_hyphenated_where_the_dictionary_says():
    assert keeps_whole("CARICC") and keeps_whole("10-14") and not keeps_whole("Representatives")
    ru = pyphen.Pyphen(lang="ru", left=2, right=2)
    points = hyphen_points("«здравоохранения»", ru.positions, 6)
    assert points and all(3 <= p <= len("«здравоохранения»") - 3 for p in points)


def test_the_paragraph_is_broken_as_a_whole_not_line_by_line():
    """Greedy breaking fills the first line with five words and leaves two, stretched to
    a gap of 25 px, on the second; broken as a whole, a word goes down and no line is
    loose (gaps of 10 and 7.5 px, where 12 is loose)."""
    space, widths = 5.0, [10, 25, 15, 20, 10, 35, 40, 30, 35]
    items = [box(widths[0])]
    for width in widths[1:]:
        items += [glue(space), box(width)]
    measure = Measure(width=100, first=100, loose=12.0, normal=space)
    breaks = break_lines(items, measure)
    assert breaks == [7, 13]
    assert [line.gap for line in lines_of(items, breaks, measure)] == [10.0, 7.5, 5.0]


def test_a_set_paragraph_keeps_its_text_fits_its_column_and_is_even():
    """Set as lines, the paragraphs read the same, no line leaves its column, and fewer
    lines are loose than where WeasyPrint breaks them itself."""
    setter = LineSetter(render)
    source = story(TEXT, TEXT.replace("Steering", "Coordination"))
    html = setter.set(source)
    assert html.count('class="set-line"') > 10
    plain = re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", html))
    assert plain.replace("\u2011 ", "").replace("\u2011", "") == \
        re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", source))
    document = render(html)
    lines = [(item, gap) for item, gap in measured_lines(document)]
    assert all(item.line.position_x + item.line.width <= item.measure + 0.01 for item, _ in lines)
    assert all(isinstance(gap, LineGap) for _, gap in lines)
    set_loose = measure_spacing(document).total
    greedy = measure_spacing(render(source)).total
    assert set_loose.lines == len(lines)
    assert set_loose.loose < greedy.loose and set_loose.worst < max(greedy.worst, LOOSE_EM)
