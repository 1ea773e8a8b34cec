"""The lines of the story text, broken as whole paragraphs before layout (typeset/lines.py,
typeset/breaking.py): where words may be hyphenated, the breaker against the greedy
breaking it replaces, and a paragraph set, laid out by WeasyPrint and measured.
"""
from __future__ import annotations

import re

import fontpkg
import pyphen
import pytest

from bulletin.typeset.breaking import Line, Measure, box, break_lines, glue, lines_of, set_line
from bulletin.typeset.lines import SHRINK_EM, TIGHTEN_EM, TRACK_EM, LineSetter, hyphen_points, keeps_whole
from bulletin.typeset.spacing import LOOSE_EM, LineGap, measure_spacing, measured_lines
from tests.support.pdftools import word_lines

FONT = fontpkg.path("PT Serif", 400).as_uri()
CSS_TEXT = (f"@font-face {{ font-family: Test; src: url('{FONT}') }}"
            "@page { size: 210mm 200mm; margin: 20mm }"
            "html { font: 10pt/13pt Test; orphans: 1; widows: 1; hyphenate-character: \"\\2011\";"
            " hyphenate-limit-chars: 6 2 3 }"
            "body, p { margin: 0 }"
            ".story-columns { text-align: justify } .story-columns > p { hyphens: auto }"
            ".story-cols-1 .story-columns { columns: 1; width: 60mm }"
            ".story-columns > p ~ p { text-indent: 1.1em }"
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


def story(*paragraphs: str, between: str = "") -> str:
    """A story of one column; `between` goes after its first paragraph."""
    body = "".join(f"<p>{p}</p>" + (between if n == 0 else "") for n, p in enumerate(paragraphs))
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


def test_a_line_a_little_too_long_is_set_narrower_within_its_limits():
    """Three words 4 px too long for the line at the type's spacing: with word spaces
    that may narrow by 1.5 px and letters by 0.1 px, they are kept together instead of
    leaving two words alone on a line of 35 px gaps; no space or letter is narrowed
    past its limit."""
    items = [box(30, chars=6), glue(5), box(30, chars=6), glue(5), box(34, chars=7),
             glue(5), box(20, chars=4)]
    stiff = Measure(width=100, first=100, loose=12.0, normal=5.0)
    supple = Measure(width=100, first=100, loose=12.0, normal=5.0, shrink=1.5, tighten=0.1)
    assert break_lines(items, stiff) == [3]
    breaks = break_lines(items, supple)
    assert breaks == [5]
    first = lines_of(items, breaks, supple)[0]
    assert 0 < first.narrowing <= 1.5 and -0.1 <= first.tracking < 0
    assert first.width - first.narrowing * first.spaces + first.tracking * first.chars <= 100 + 1e-9


@pytest.mark.parametrize("natural_gap", [8.0, 14.0, 30.0])
def test_a_line_is_letter_spaced_only_beyond_the_even_gap_and_never_past_its_limit(natural_gap):
    """Tracking takes on what the spaces would open beyond `even`, up to its limit; the
    gap seen (the spaces and the letter-spacing beside them) is never wider for it."""
    measure = Measure(width=200, first=200, loose=12.0, normal=5.0, track=0.2, even=9.0)
    spaces, chars = 4, 40
    width = 200 - spaces * (natural_gap - 5.0)
    line, _ = set_line(Line(0, 9, width, spaces, 5.0, chars), 200, measure, last=False)
    assert 0 <= line.tracking <= 0.2 and line.narrowing == 0
    assert (line.tracking > 0) == (natural_gap > 9.0)
    assert line.gap <= natural_gap and line.gap >= min(natural_gap, 9.0) - 1e-9
    seen = 5.0 + 2 * line.tracking + (200 - width - line.tracking * chars) / spaces
    assert line.gap == pytest.approx(seen)


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


def test_the_lines_own_spacing_stays_within_its_limits_and_poppler_reads_whole_words(tmp_path):
    """Lines letter-spaced or set tighter by the setter: each within the limits, and the
    PDF's text layer still has every word whole, as the source has it."""
    setter = LineSetter(render)
    html = setter.set(story(TEXT, TEXT.replace("Steering", "Coordination"), TEXT[:200]))
    spacings = re.findall(r'letter-spacing: ([-\d.]+)px; word-spacing: ([-\d.]+)px', html)
    assert any(float(t) > 0 for t, _ in spacings) and any(float(t) < 0 for t, _ in spacings)
    size, base = 10 / 0.75, -0.04 * 10 / 0.75            # 10pt in px; the set lines' word-spacing
    for tracking, word in spacings:
        assert -TIGHTEN_EM * size - 1e-3 <= float(tracking) <= TRACK_EM * size + 1e-3
        assert base - SHRINK_EM * size - 1e-3 <= float(word) <= base + 1e-3
    pdf = tmp_path / "set.pdf"
    render(html).write_pdf(pdf)
    printed = " ".join(word for _, _, line in word_lines(pdf) for *_, word in line)
    printed = re.sub("\u2011 ", "", printed)
    source = " ".join(re.sub(r"<[^>]+>", " ", story(TEXT, TEXT.replace("Steering", "Coordination"),
                                                     TEXT[:200])).split())
    assert printed.split() == source.split()


def test_a_paragraph_after_a_pull_quote_is_set_to_the_indent_it_is_given():
    """The pull quote does not end the text: the paragraph after it is indented, as the
    stylesheet says, and its lines are broken to the narrower first line."""
    quote = '<aside class="pull-quote"><blockquote>Held in the capital.</blockquote></aside>'
    document = render(LineSetter(render).set(story(TEXT, TEXT, between=quote)))
    lines = [item for item, _ in measured_lines(document)]
    assert all(item.line.position_x + item.line.width <= item.measure + 0.01 for item in lines)
    starts = list(_first_line_starts(document))
    assert len(starts) == 2 and starts[1] - starts[0] == pytest.approx(1.1 * 10 * 4 / 3, abs=0.1)


def _first_line_starts(document):
    """The x of each story paragraph's first line."""
    from weasyprint.formatting_structure import boxes

    def walk(box):
        if isinstance(box, boxes.BlockBox) and box.element_tag == "p":
            first = box.children[0]
            yield first.children[0].position_x if first.children else first.position_x
        for child in getattr(box, "children", []):
            yield from walk(child)
    for page in document.pages:
        yield from walk(page._page_box)
