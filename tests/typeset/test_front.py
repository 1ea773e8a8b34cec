"""Fitting the front page (typeset/front.py) on small pages laid out by WeasyPrint."""
from __future__ import annotations

from pathlib import Path

from bulletin.compose.layout import IssueLayout
from bulletin.typeset.front import fit_front
from bulletin.typeset.pagemap import map_pages
from tests.support.pages import layout, lines

FRONT = '<header class="masthead">Milestones</header><section class="front-panel">{}</section>'


def test_a_front_page_without_a_cover_photo_is_not_said_to_set_one():
    pages = map_pages(layout(FRONT.format(lines(3))))
    assert fit_front(IssueLayout({}), pages) == (IssueLayout({}), [])


def test_the_cover_photo_takes_the_white_under_the_contents():
    cover = '<figure class="cover" style="margin: 0; height: 20mm"></figure>'
    pages = map_pages(layout(FRONT.format(lines(3)).replace("</header>", "</header>" + cover)))
    fitted, done = fit_front(IssueLayout({}), pages)
    assert fitted.front.cover_photo_mm is not None and done == [
        f"cover photo set {fitted.front.cover_photo_mm:.0f} mm tall to fill the front page"]


def test_the_cover_photo_grows_no_taller_than_its_pixels_print_at_300_ppi():
    cover = '<figure class="cover" style="margin: 0; height: 20mm"></figure>'
    pages = map_pages(layout(FRONT.format(lines(3)).replace("</header>", "</header>" + cover)))
    free, _ = fit_front(IssueLayout({}), pages)
    panorama, done = fit_front(IssueLayout({}), pages, photo=(4800, 1100))
    at_300_ppi = 1100 / 300 * 25.4                 # 93.1 mm: cropped any taller, it is enlarged
    assert free.front.cover_photo_mm > at_300_ppi
    assert 82 < panorama.front.cover_photo_mm <= at_300_ppi
    assert done == [f"cover photo set {panorama.front.cover_photo_mm:.0f} mm tall to fill the front page"]
    # A photo too narrow for the page's width is soft at any height: held to the design's own.
    narrow, _ = fit_front(IssueLayout({}), pages, photo=(600, 400))
    assert narrow.front.cover_photo_mm is None or narrow.front.cover_photo_mm <= 82


def test_every_contents_entry_starts_at_the_left_whatever_its_height():
    """An entry of one line (no kicker) is shorter than its page number: its number
    must not push the next entry's aside (2031-08 had three entries in a staircase)."""
    from weasyprint import CSS, HTML

    entries = "".join(f'<li><a href="#s{n}"><span class="contents-kicker">{kicker}</span>'
                      f'<span class="contents-headline">Story {n}</span></a></li>'
                      for n, kicker in enumerate(["Kicker", "", "", "Kicker", ""]))
    stories = "".join(f'<h2 id="s{n}" style="break-before: page">Story {n}</h2>' for n in range(5))
    html = f'<section class="front-panel"><nav class="contents"><ol>{entries}</ol></nav></section>{stories}'
    styles = Path(__file__).parents[2] / "styles" / "bulletin.css"
    document = HTML(string=html).render(stylesheets=[CSS(filename=str(styles))])
    numbers = [box for box in _descendants(document.pages[0]._page_box)
               if box.element_tag == "a::before" and type(box).__name__ == "BlockBox"]
    assert len(numbers) == 5
    assert {round(box.position_x, 3) for box in numbers} == {round(numbers[0].position_x, 3)}


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)
