"""Column balancing spared its empty tries: the same boxes, far fewer layouts."""
from __future__ import annotations

import pytest

from bulletin.typeset import balancing
from bulletin.typeset.engine import import_weasyprint

weasyprint = import_weasyprint()
from weasyprint.layout import block, column  # noqa: E402  (after the fast import)

PARAGRAPH = ("Border officers from five countries met in Almaty to compare how each "
             "checks containers, and agreed on one form for the cargo they share. ") * 3
STYLE = """
@page { size: 120mm 160mm; margin: 10mm; }
body { font: 10pt/13pt sans-serif; margin: 0; }
.columns { columns: 2; column-gap: 4mm; }
.box { break-inside: avoid; height: %(box)s; border: 1px solid; margin: 0 0 3mm; }
.across { column-span: all; font-size: 14pt; line-height: 18pt; margin: 3mm 0; }
p { margin: 0; orphans: 2; widows: 2; }
"""
# A fact box alone in its group before a quote across (the English example's page 2),
# a photo first above a few lines, and lines too few for two columns (orphans and widows).
# Each: the box's height, the columns' contents, the most of the engine's tries still made
# (the more pixels from the mean height to what fits, the more are spared; a group a few
# pixels short is left to the engine, and costs no more than without the wrapper).
DOCUMENTS = {
    "a box alone before a quote across": ("40mm", "<div class=box></div><div class=across>Quote</div>"
                                          f"<p>{PARAGRAPH}</p>", 0.3),
    "a tall box above a few lines": ("60mm", f"<div class=box></div><p>{PARAGRAPH[:160]}</p>"
                                     f"<div class=across>Quote</div><p>{PARAGRAPH}</p>", 0.4),
    "three lines before a quote across": ("30mm", f"<p>{PARAGRAPH[:110]}</p><div class=across>Quote</div>"
                                          f"<p>{PARAGRAPH}</p>", 1.0),
}


def _boxes(document) -> list[tuple]:
    def walk(box, page):
        yield (page, type(box).__name__, round(box.position_x, 6), round(box.position_y, 6),
               round(box.width, 6), round(box.height, 6), getattr(box, "text", None))
        for child in getattr(box, "children", ()):
            yield from walk(child, page)
    return [entry for number, page in enumerate(document.pages) for entry in walk(page._page_box, number)]


def _laid_out(html: str, layout, monkeypatch) -> list[tuple]:
    monkeypatch.setattr(block, "block_box_layout", layout)
    return _boxes(weasyprint.HTML(string=html).render())


# WeasyPrint's own block layout, whether or not a layout in this process installed the wrapper.
PLAIN = getattr(block.block_box_layout, "__wrapped__", block.block_box_layout)


def _counting(calls: list):
    plain = PLAIN

    def counted(context, box, bottom_space, skip_stack, containing_block, page_is_empty, *rest, **named):
        if getattr(box, "is_column", False) and not page_is_empty:
            calls.append(bottom_space)      # a column laid out with the page already taken
        return plain(context, box, bottom_space, skip_stack, containing_block, page_is_empty, *rest,
                     **named)
    return plain, counted


@pytest.mark.parametrize("name", DOCUMENTS)
def test_balanced_columns_come_out_the_same_in_fewer_layouts(name, monkeypatch):
    height, body, share = DOCUMENTS[name]
    html = f"<style>{STYLE % {'box': height}}</style><div class=columns>{body}</div>"
    plain_calls: list = []
    spared_calls: list = []
    _, counted_plain = _counting(plain_calls)
    plain_boxes = _laid_out(html, counted_plain, monkeypatch)
    _, counted_spared = _counting(spared_calls)
    spared = balancing._sparing(counted_spared, column.columns_layout.__code__, block.remove_placeholders)
    spared_boxes = _laid_out(html, spared, monkeypatch)
    assert spared_boxes == plain_boxes
    assert len(spared_calls) <= len(plain_calls) * share, (len(spared_calls), len(plain_calls))


def test_installed_once_and_kept_by_every_later_layout():
    balancing.install()
    installed = block.block_box_layout
    balancing.install()
    assert block.block_box_layout is installed
    assert installed.__wrapped__ is not installed


def test_nothing_of_a_layout_is_kept_once_its_document_is_gone(monkeypatch):
    """The group last found empty is remembered while the balancer runs; holding its
    boxes past the document crashed a process that laid out several at its exit."""
    import gc

    height, body, _ = DOCUMENTS["a box alone before a quote across"]
    spared = balancing._sparing(PLAIN, column.columns_layout.__code__, block.remove_placeholders)
    boxes = _laid_out(f"<style>{STYLE % {'box': height}}</style><div class=columns>{body}</div>",
                      spared, monkeypatch)
    known = next(cell.cell_contents for cell in spared.__closure__ if isinstance(cell.cell_contents, list))
    assert boxes and known[0] is not None          # a group was found empty, and remembered
    gc.collect()
    assert known[0].column() is None
