"""`bulletin proof`: page PNGs cut at the trim, and a contact sheet in printed order."""
from __future__ import annotations

import subprocess
import sys

import pytest
from PIL import Image

from bulletin.tools import proof as proofs
from bulletin.tools.proof import contact_sheet, page_boxes
from tests.support.pdftools import pages as pdf_pages

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

DPI = 100
A4_AT_100_DPI = (827, 1169)


@pytest.fixture(scope="module")
def proofed(tmp_path_factory):
    """The minimal issue, its story overleaf (`new_page`), proofed once by the command, as the
    officer runs it."""
    from tests.support.project import Project
    project = Project(tmp_path_factory.mktemp("project"))
    project.story_overleaf()
    stale = project.root / "build" / "2017-06" / "proof" / "milestones-2017-06-en-print-page-99.png"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"left by an earlier, longer issue")
    result = subprocess.run([sys.executable, "-m", "bulletin", "proof", "issues/2017-06"],
                            cwd=project.root, capture_output=True, text=True, timeout=180)
    return project, result


def test_proof_writes_every_page_cut_at_the_trim(proofed):
    project, result = proofed
    assert result.returncode == 0, result.stderr
    out = project.root / "build" / "2017-06"
    pdf = out / "milestones-2017-06-en-print.pdf"
    pngs = sorted((out / "proof").glob("*-page-*.png"))     # page 99 of an older proof is gone
    assert [p.name for p in pngs] == [f"milestones-2017-06-en-print-page-{n:02d}.png"
                                      for n in range(1, pdf_pages(pdf) + 1)]
    for png in pngs:
        with Image.open(png) as image:
            assert image.size == A4_AT_100_DPI      # the trim, not the bleed
    assert "sheet     build/2017-06/proof/milestones-2017-06-en-print-contact-sheet.png\n" in result.stdout


def test_the_trim_is_read_from_the_print_pdf(proofed):
    project, _ = proofed
    media, trims = page_boxes(project.root / "build" / "2017-06" / "milestones-2017-06-en-print.pdf")
    bleed = 3 / 25.4 * 72
    assert trims[0].x0 - media[0].x0 == pytest.approx(bleed, abs=0.01)
    assert (trims[0].width, trims[0].height) == pytest.approx((595.28, 841.89), abs=0.01)


def test_the_contact_sheet_is_written(proofed):
    project, _ = proofed
    sheet = project.root / "build" / "2017-06" / "proof" / "milestones-2017-06-en-print-contact-sheet.png"
    with Image.open(sheet) as image:
        assert image.width > 2 * proofs.SHEET_PAGE_HEIGHT


# ---- The contact sheet's layout, on pages of one flat colour each ------------------

PAGE_PX, BLEED_PX = (210, 297), 10          # a trimmed page, and its bleed, in pixels
COLOURS = [(200, 40, 40), (40, 160, 40), (40, 40, 200), (200, 160, 0), (0, 160, 160), (120, 0, 160)]


def flat_pages(count: int):
    trim = (BLEED_PX, BLEED_PX, BLEED_PX + PAGE_PX[0], BLEED_PX + PAGE_PX[1])
    size = (PAGE_PX[0] + 2 * BLEED_PX, PAGE_PX[1] + 2 * BLEED_PX)
    return [(Image.new("RGB", size, COLOURS[n]), trim) for n in range(count)]


def page_centres(count: int) -> dict[int, tuple[int, int]]:
    """Where each page's centre lies on the sheet, by the sheet's own geometry."""
    scale = proofs.SHEET_PAGE_HEIGHT / PAGE_PX[1]
    page_w, bleed = round(PAGE_PX[0] * scale), round(BLEED_PX * scale)
    spread_w = 2 * page_w + 2 * bleed
    spread_h = proofs.SHEET_PAGE_HEIGHT + 2 * bleed
    across = min(proofs.SPREADS_PER_ROW, count // 2 + 1)
    centres = {}
    for number in range(1, count + 1):
        slot = number // 2
        x = proofs.GAP + (slot % across) * (spread_w + proofs.GAP)
        y = proofs.HEADER_HEIGHT + (slot // across) * (spread_h + proofs.LABEL_HEIGHT + proofs.GAP)
        spine = x + bleed + page_w
        centre_x = spine - page_w // 2 if number % 2 == 0 else spine + page_w // 2
        centres[number] = (centre_x, y + bleed + proofs.SHEET_PAGE_HEIGHT // 2)
    return centres


def test_pages_lie_as_printed_first_alone_then_spreads_then_last_alone():
    sheet = contact_sheet(flat_pages(6), "six pages")
    centres = page_centres(6)
    for number, (x, y) in centres.items():
        assert sheet.getpixel((x, y)) == COLOURS[number - 1], f"page {number}"
    # Page 1 is a right-hand page: nothing lies left of it; page 6 has nothing right of it.
    x1, y1 = centres[1]
    assert sheet.getpixel((x1 - PAGE_PX[0], y1)) == proofs.TABLE
    x6, y6 = centres[6]
    assert sheet.getpixel((x6 + PAGE_PX[0], y6)) == proofs.TABLE
    # Spreads: 2 left of 3, on the same line, meeting at the fold.
    assert centres[2][1] == centres[3][1] and centres[2][0] < centres[3][0]


def test_bleed_is_tinted_on_the_outer_edges_and_cut_at_the_fold():
    sheet = contact_sheet(flat_pages(4), "four pages")
    x2, y2 = page_centres(4)[2]
    scale = proofs.SHEET_PAGE_HEIGHT / PAGE_PX[1]
    page_w, bleed = round(PAGE_PX[0] * scale), round(BLEED_PX * scale)
    outer = sheet.getpixel((x2 - page_w // 2 - bleed // 2, y2))     # page 2's outer bleed
    assert outer != COLOURS[1] and outer != proofs.TABLE            # tinted, not bare
    assert outer[0] > COLOURS[1][0]                                  # the magenta wash
    # At the fold page 2 gives way to page 3 at once: no bleed between them.
    spine = x2 + page_w // 2
    assert sheet.getpixel((spine - 3, y2)) == COLOURS[1]
    assert sheet.getpixel((spine + 3, y2)) == COLOURS[2]


def test_an_odd_last_page_closes_its_spread():
    sheet = contact_sheet(flat_pages(5), "five pages")
    centres = page_centres(5)
    assert centres[4][1] == centres[5][1] and centres[4][0] < centres[5][0]
    assert sheet.getpixel(centres[5]) == COLOURS[4]
