"""The small type check on a page made for it: type below 9 pt in three or more
inks, reversed out of three or more, or reversed in a serif face, each named by
its page and its words; type that is large enough, in two inks, on paper, or
painted over afterwards, passes. The seed issue's pass is held in test_preflight."""
from __future__ import annotations

import pikepdf
import pytest

from bulletin.content.publication import read_publication
from bulletin.preflight import Target, preflight
from tests.support.project import ROOT

DEEP = b"1 0.7 0.25 0.25 k"          # four inks
TWO_INKS = b"1 0.7 0 0 k"


@pytest.fixture(scope="module")
def publication():
    found, problems = read_publication(ROOT / "issues" / "publication.yaml")
    assert problems == []
    return found


def page_of(pdf: pikepdf.Pdf, content: bytes) -> None:
    page = pdf.add_blank_page(page_size=(595.28, 841.89))
    sans = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica, FirstChar=32,
                              Widths=[500] * 95)
    serif = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                               BaseFont=pikepdf.Name("/Times-Roman"), FirstChar=32, Widths=[500] * 95,
                               FontDescriptor=pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor,
                                                                 Flags=34))   # serif, nonsymbolic
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(
        Sans=pdf.make_indirect(sans), Serif=pdf.make_indirect(serif)))
    page.obj.Contents = pdf.make_stream(content)


def small_type_lines(tmp_path, publication, *pages: bytes) -> list[str]:
    pdf = pikepdf.new()
    for content in pages:
        page_of(pdf, content)
    pdf.save(tmp_path / "press.pdf")
    report = preflight([Target("print", "en", tmp_path / "press.pdf")], publication)
    return [f.line() for f in report.files[0].findings if f.check == "small type"]


def test_small_type_in_three_inks_or_reversed_out_of_four_is_named_with_its_page(tmp_path, publication):
    first = (b"BT /Sans 7 Tf 60 800 Td 0.05 0.5 1 0 k (KICKER) Tj ET "                # 3 inks
             b"BT /Sans 8 Tf 60 780 Td 1 0.45 0 0 k (Two inks) Tj ET "                # passes
             b"BT /Sans 12 Tf 60 760 Td 1 0.45 0.1 0.05 k (Headline) Tj ET "         # 12 pt: passes
             b"BT /Sans 7 Tf 60 740 Td 0.3 g (Grey) Tj ET")                            # black only
    second = (b"q " + DEEP + b" 50 600 400 60 re f Q "
              b"BT /Sans 8 Tf 60 620 Td 0 0 0 0 k (Reversed) Tj ET "                  # out of 4 inks
              b"BT /Sans 1 Tf 8.5 0 0 8.5 60 640 Tm 0.12 0.03 0 0 k (Tagline) Tj ET "  # a scaled matrix
              b"BT /Sans 10 Tf 250 620 Td 0 0 0 0 k (Large) Tj ET "                  # 10 pt: passes
              b"q " + TWO_INKS + b" 50 400 400 60 re f Q "
              b"BT /Serif 8 Tf 60 420 Td 0 0 0 0 k (Serif) Tj ET "                    # serif, reversed
              b"BT /Sans 8 Tf 250 420 Td 0 0 0 0 k (Sans) Tj ET")                     # out of 2: passes
    assert small_type_lines(tmp_path, publication, first, second) == [
        "  WARN  small type  p.1      “KICKER”: 7 pt in 3 inks (C5 M50 Y100): misregistration blurs it; "
        "set it in the colour's small-type form (at most 2 inks)",
        "  WARN  small type  p.2      “Reversed”, “Tagline”: 8-8.5 pt reversed out of 4 inks "
        "(C100 M70 Y25 K25): its counters fill in; reverse small type out of at most 2 inks, "
        "or set it at 9 pt or more",
        "  WARN  small type  p.2      “Serif”: 8 pt serif type reversed out of C100 M70: thin serifs "
        "fill in; reverse small type in a sans-serif face"]


def test_what_lies_under_the_type_is_what_was_painted_before_it_and_shows(tmp_path, publication):
    content = (b"q 50 600 20 20 re W n " + DEEP + b" 0 0 595 842 re f Q "               # clipped away
               b"BT /Sans 8 Tf 300 610 Td 1 1 1 1 k 0 0 0 0 k (Paper) Tj ET "
               b"BT /Sans 8 Tf 300 500 Td 0 0 0 0 k (Covered) Tj ET "
               b"q " + DEEP + b" 290 490 200 40 re f Q "                              # painted after
               b"q 0.5 0 0 0.5 0 0 cm " + DEEP + b" 100 100 100 100 re f Q "        # 50-100 on the page
               b"BT /Sans 8 Tf 120 70 Td 0 0 0 0 k (Outside) Tj ET "
               b"BT /Sans 8 Tf 60 70 Td 0 0 0 0 k (Inside) Tj ET")
    assert small_type_lines(tmp_path, publication, content) == [
        "  WARN  small type  p.1      “Inside”: 8 pt reversed out of 4 inks (C100 M70 Y25 K25): its "
        "counters fill in; reverse small type out of at most 2 inks, or set it at 9 pt or more"]


def test_a_page_of_small_type_in_two_inks_passes(tmp_path, publication):
    content = b"BT /Sans 7 Tf 60 800 Td 1 0.45 0 0 k (Kicker) Tj T* (Next) Tj ET"
    assert small_type_lines(tmp_path, publication, content) == [
        "  PASS  small type  -        2 runs of type below 9 pt, none in more than two inks or reversed "
        "out of more"]
