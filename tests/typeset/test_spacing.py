"""Word spacing: the mean word gap of each justified line of body text, read from
WeasyPrint's boxes, against the gaps poppler reads from the PDF written; a loose
paragraph crafted to open rivers; ragged and last lines counted apart; the rivers
named in the fit report by page and column.
"""
from __future__ import annotations

import json
import re

import fontpkg
import pytest

from bulletin.typeset.fit import measure as measure_fit
from bulletin.typeset.spacing import LOOSE_EM, RIVER_EM, LineGap, Spacing, measure_spacing, measured_lines, with_rivers
from tests.support import pdftools
from tests.support.builds import edition
from tests.support.pdftools import word_lines

FONT = fontpkg.path("PT Serif", 400).as_uri()
PT_PER_PX = 0.75
# An A4-wide page; the story's text in two justified columns of 85 mm, as the bulletin
# sets it (styles/bulletin.css), hyphenated with the same limits.
PAGE_CSS = (f"@font-face {{ font-family: Test; src: url('{FONT}') }}"
            "@page { size: 210mm 150mm; margin: 20mm }"
            "html { font: 10pt/13pt Test; orphans: 1; widows: 1; hyphenate-character: \"\\2011\";"
            " hyphenate-limit-chars: 6 3 2 }"
            "body, p { margin: 0 }"
            ".story-columns { columns: 2; column-gap: 5mm; text-align: justify }"
            ".story-columns p { hyphens: auto }")
TEXT = ("The Steering Committee Meetings of the Programme for Central Asia were held in the capital, "
        "where senior representatives from the drug control agencies, ministries of interior, foreign "
        "affairs, health, customs, border guards and justice reviewed the achievements made under the "
        "programmes in the year before and identified the priorities for the next one. ")


def layout(body: str, css: str = ""):
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    return HTML(string=f"<html lang=en><body>{body}</body></html>").render(
        stylesheets=[CSS(string=PAGE_CSS + css, font_config=fonts)], font_config=fonts)


def story(*paragraphs: str, story_id: str = "a") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f'<article id="{story_id}"><div class="story-columns">{body}</div></article>'


def words(text: str) -> list[str]:
    return re.sub("[\u2011\u00ad-]$", "", text.strip()).split()


@pytest.mark.parametrize("letter_spacing", ["normal", "0.02em", "-0.005em"])
def test_the_gaps_measured_are_the_gaps_poppler_reads_from_the_pdf(tmp_path, letter_spacing):
    """Every justified line's mean gap agrees with pdftotext -bbox-layout's word boxes to a
    hundredth of an em, on lines letter-spaced as the line setter may set them too: the
    measure reads what the page prints."""
    document = layout(story(TEXT * 3, TEXT * 2, "in a " + TEXT),
                      f".story-columns {{ width: 120mm }} p {{ letter-spacing: {letter_spacing} }}")
    pdf = tmp_path / "spacing.pdf"
    document.write_pdf(pdf)
    printed = word_lines(pdf)
    measured = [gap for _, gap in measured_lines(document) if isinstance(gap, LineGap)]
    assert len(measured) > 30
    for line in measured:
        found = [(abs(top - line.top * PT_PER_PX), boxes) for page, top, boxes in printed
                 if page == line.page and words(" ".join(w for *_, w in boxes)) == words(line.text)]
        assert found, f"pdftotext has no line {line.text!r}"
        boxes = min(found, key=lambda f: f[0])[1]
        gaps = [after[0] - before[1] for before, after in zip(boxes, boxes[1:])]
        read = sum(gaps) / len(gaps) / (line.size * PT_PER_PX)
        assert line.gap == pytest.approx(read, abs=0.01), line.text


def test_a_loose_paragraph_is_counted_with_its_rivers_and_where_they_are():
    """Words too long for a narrow column leave the short words before them spread across
    it: a line of three spaces stretched to the column's width."""
    long = "Interdepartmentalisation"
    document = layout(story(f"we met in a {long} {long} of the {long} in it {long} and", "end"),
                      ".story-columns { columns: 1; width: 50mm } .story-columns p { hyphens: none }")
    spacing = measure_spacing(document)
    assert [(words(line.text), line.river) for line in spacing.loose] == [
        (["we", "met", "in", "a"], True), ([long, "in", "it"], False)]
    assert spacing.loose[0].gap == pytest.approx(3.27, abs=0.01)
    assert LOOSE_EM <= spacing.loose[1].gap < RIVER_EM
    assert spacing.total == Spacing(lines=4, loose=2, rivers=1, unfilled=1, ragged=0,
                                    worst=spacing.loose[0].gap)     # a long word alone stops short
    assert spacing.story("a") == dict(spacing.pages)[1] == spacing.total
    assert spacing.as_json()["loose_per_1000"] == 500.0 and spacing.as_json()["rivers_per_1000"] == 250.0
    assert "500 loose lines" in spacing.summary() and "250.0 rivers" in spacing.summary()
    report = with_rivers(measure_fit(document, 4), spacing)
    assert [str(f) for f in report.stories[0].flaws] == [
        f"rivers: 1 line spaced {RIVER_EM} em or more in column 1 of page 1"]
    assert "rivers: 1 line" in report.stories[0].note()


def test_text_of_short_words_is_even_and_last_lines_are_left_out():
    """Many spaces a line share what it lacks: no loose line. The last line of each
    paragraph is set flush left, not stretched: not measured."""
    document = layout(story("it is " * 150 + "end.", "to be " * 150 + "fin."))
    found = list(measured_lines(document))
    spacing = measure_spacing(document)
    assert spacing.total.lines == len(found) > 10
    assert spacing.total.loose == 0 and 0.2 < spacing.total.worst < 0.4
    assert not any(gap.text.endswith(("end.", "fin.")) for _, gap in found if isinstance(gap, LineGap))
    assert spacing.summary().startswith("word spacing: 0 loose lines")


def test_ragged_text_and_text_outside_a_storys_columns_are_not_measured():
    document = layout(story(TEXT, TEXT) + f"<p style='text-align: justify'>{TEXT}</p>"
                      + f'<article id="b"><div class="story-columns"><aside class="factbox"><p>{TEXT}</p>'
                        f'</aside></div></article>',
                      ".story-columns p { text-align: left }")
    spacing = measure_spacing(document)
    assert spacing.total.lines == 0 and spacing.total.ragged > 10
    assert spacing.story("b") == spacing.total.__class__()
    assert "no justified lines" in spacing.summary()


@pytest.mark.slow
def test_the_build_reports_the_word_spacing_of_each_language_and_names_its_rivers(seed):
    """build.json: per language the issue's figures, which its pages' and stories' add up
    to, and each loose line found on its page of the measured (email) edition; every
    story with a river has the flaw in the fit report."""
    manifest = json.loads((seed.out_dir / "build.json").read_text())
    for language in ("en", "ru"):
        fit = manifest["fit"][language]
        spacing = fit["spacing"]
        assert spacing["lines"] > 100 and spacing["limits_em"] == {"loose": LOOSE_EM, "river": RIVER_EM}
        for key in ("lines", "loose", "rivers", "ragged"):
            assert sum(p[key] for p in spacing["pages"]) == sum(s[key] for s in spacing["stories"]) \
                == spacing[key]
        assert len(spacing["loose_lines"]) == spacing["loose"]
        # the even-colour issue's aim, README "Even colour"
        assert spacing["loose_per_1000"] <= 40 and spacing["rivers_per_1000"] <= 3, language
        pdf = edition(seed, "email", language)
        for line in spacing["loose_lines"]:
            assert line["gap_em"] >= LOOSE_EM and line["river"] == (line["gap_em"] >= RIVER_EM)
            page = " ".join(pdftools.text(pdf, line["page"]).split())
            assert " ".join(words(line["text"].replace("\u00a0", " "))) in page.replace("\u00ad", "")
        flagged = {s["id"] for s in fit["stories"] if any(f.startswith("rivers:") for f in s["flaws"])}
        assert flagged == {line["story"] for line in spacing["loose_lines"] if line["river"]}
