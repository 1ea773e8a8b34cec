"""The text layer: a hyphen that ends a line reads back as a soft hyphen, and nothing else
changes. PDFs made here with pikepdf, read back with poppler's pdftotext."""
from __future__ import annotations

import subprocess

import pikepdf
import pytest

from bulletin.typeset.tags import LinkWords
from bulletin.typeset.textlayer import soft_hyphens, to_unicode
from tests.support.pdftools import run

# Helvetica's codes, but for "-" (0x2D), which reads as the non-breaking hyphen U+2011,
# as the bulletin's hyphenation glyph does.
CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <00> <ff> endcodespacerange
1 beginbfchar <2d> <2011> endbfchar
1 beginbfrange <20> <2c> <0020> endbfrange
1 beginbfrange <2e> <7e> <002e> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def page_pdf(path, lines: list[tuple[float, float, str]]) -> None:
    """A page showing each (x, y, text) in its own text object, as WeasyPrint does a line."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica,
                                                ToUnicode=pdf.make_stream(CMAP)))
    content = "".join(f"BT /F1 12 Tf 1 0 0 1 {x} {y} Tm ({text}) Tj ET\n" for x, y, text in lines)
    pdf.add_blank_page(page_size=(300, 300))
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].obj.Contents = pdf.make_stream(content.encode())
    pdf.save(path)


def test_a_hyphen_ending_a_line_reads_as_a_soft_hyphen_and_one_inside_stays(tmp_path):
    page_pdf(tmp_path / "page.pdf", [(10, 250, "represent-"), (10, 236, "atives and COVID-"),
                                     (120, 236, "19 cases"), (10, 222, "the end")])
    with pikepdf.open(tmp_path / "page.pdf", allow_overwriting_input=True) as pdf:
        assert soft_hyphens(pdf) == 1
        assert soft_hyphens(pdf) == 0                   # marked once: read again, left alone
        pdf.save(tmp_path / "page.pdf")
    text = run("pdftotext", "-enc", "UTF-8", str(tmp_path / "page.pdf"), "-")
    assert "represent\u00ad\natives" in text
    assert "COVID\u2011" in text                      # on one line with what follows: as typed
    assert "\u2011\n" not in text


def test_the_page_prints_as_it_did(tmp_path):
    lines = [(10, 250, "represent-"), (10, 236, "atives and kerned-"), (10, 222, "words")]
    page_pdf(tmp_path / "before.pdf", lines)
    with pikepdf.open(tmp_path / "before.pdf") as pdf:
        assert soft_hyphens(pdf) == 2
        pdf.save(tmp_path / "after.pdf")
    pictures = [subprocess.run(["pdftoppm", "-r", "150", "-gray", str(tmp_path / f"{name}.pdf")],
                               check=True, capture_output=True).stdout for name in ("before", "after")]
    assert pictures[0] == pictures[1]


def test_a_pdf_with_no_such_glyph_is_left_as_it_is(tmp_path):
    page_pdf(tmp_path / "page.pdf", [(10, 250, "plain words")])
    with pikepdf.open(tmp_path / "page.pdf") as pdf:
        before = pdf.pages[0].obj.Contents.read_bytes()
        assert soft_hyphens(pdf, hyphen="\u00ac") == 0
        assert pdf.pages[0].obj.Contents.read_bytes() == before


@pytest.mark.parametrize("cmap, expected", [
    (b"2 beginbfchar <0010> <002d> <021e> <2011> endbfchar",
     {b"\x00\x10": "-", b"\x02\x1e": "\u2011"}),
    (b"1 beginbfrange <0003> <0005> <0041> endbfrange",
     {b"\x00\x03": "A", b"\x00\x04": "B", b"\x00\x05": "C"}),
    (b"1 beginbfrange <0001> <0002> [<0066006C> <00660069>] endbfrange",
     {b"\x00\x01": "fl", b"\x00\x02": "fi"}),
])
def test_tounicode_maps_are_read_as_written(cmap, expected):
    assert to_unicode(cmap, 2) == expected


@pytest.mark.parametrize("target, page, said", [
    ("steering-committee", 3, "Story: Strengthened cooperation, page 3"),
    ("chart-x", 5, "Page 5"),
    ("https://www.unodc.org/centralasia/", None, "Web page: www.unodc.org/centralasia"),
    ("mailto:office%40unodc.org", None, "Email: office@unodc.org"),
])
def test_a_link_says_where_it_goes(target, page, said):
    words = LinkWords(headlines={"steering-committee": "Strengthened\ncooperation"})
    assert words.describe(target, page) == said
