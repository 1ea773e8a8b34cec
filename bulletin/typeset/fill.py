"""How full each page is: the white left in the text block, read from WeasyPrint's boxes.

A designed newsletter runs its columns to the foot of every page. For each
page this measures, as shares of the text block (the page's content area):

- the white at the foot: below the last thing on the page, column by column
  when that is a story's columns (a story ending in balanced columns half way
  down leaves the foot of every column white);
- the holes: white inside the page, where a column of a story that goes on
  ends early because what came next (a photo, a quote) did not fit under it.

Columns that end within a line of each other are balanced, not holes.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# White shorter than this many lines of the column's text is balancing, not a hole.
BALANCE_LINES = 1.5


@dataclass(frozen=True)
class PageFill:
    number: int
    foot: float                       # white at the foot of the text block, 0 to 1 of its area
    holes: float                      # white inside it (columns ending early), 0 to 1
    columns: tuple[float, ...] = ()   # white at the foot of each column, 0 to 1 of the height

    @property
    def white(self) -> float:
        return self.foot + self.holes

    def as_json(self) -> dict:
        return {"page": self.number, "white": round(self.white, 3), "foot": round(self.foot, 3),
                "holes": round(self.holes, 3), "columns": [round(c, 3) for c in self.columns]}


@dataclass(frozen=True)
class IssueFill:
    """Every page's fill; the measure of an issue is taken over its inner pages."""
    pages: tuple[PageFill, ...]

    @property
    def inner(self) -> tuple[PageFill, ...]:
        """Pages 2 to N-1: the front page and the last page are laid out by their own rules."""
        return self.pages[1:-1]

    @property
    def mean_white(self) -> float:
        inner = self.inner
        return sum(p.white for p in inner) / len(inner) if inner else 0.0

    @property
    def worst(self) -> PageFill | None:
        return max(self.inner, key=lambda p: p.white, default=None)

    def as_json(self) -> dict:
        worst = self.worst
        return {"mean_white": round(self.mean_white, 3),
                "worst_page": worst.number if worst else None,
                "worst_white": round(worst.white, 3) if worst else 0.0,
                "pages": [p.as_json() for p in self.pages]}


def measure_fill(document) -> IssueFill:
    """The fill of every page of a laid-out WeasyPrint `Document`."""
    return IssueFill(tuple(_page_fill(number, page._page_box)
                           for number, page in enumerate(document.pages, start=1)))


def _page_fill(number: int, page_box) -> PageFill:
    top, height = page_box.content_box_y(), page_box.height
    bottom, width = top + height, page_box.width
    blocks = list(_flow(page_box))
    if not blocks:
        return PageFill(number, 1.0, 0.0)
    last = blocks[-1]
    runs = _column_runs(last)
    columns = runs[-1] if runs else []
    if columns:
        feet = tuple(max(0.0, bottom - _content_bottom(c)) / height for c in columns)
        shares = [c.width / sum(k.width for k in columns) for c in columns]
        foot = sum(f * s for f, s in zip(feet, shares))
    else:
        feet, foot = (), max(0.0, bottom - _bottom(last)) / height
    above = _holes_above(runs)
    holes = (above + sum(column_holes(block, width) for block in blocks[:-1])) / (height * width)
    return PageFill(number, foot, holes, feet)


def _flow(page_box) -> Iterator:
    """The page's blocks in the order of the flow: the body's children, stories
    by their parts (head, columns, charts) so that the last one is the lowest."""
    html = next((c for c in page_box.children if getattr(c, "element_tag", None) == "html"), None)
    body = next((c for c in getattr(html, "children", ()) if c.element_tag == "body"), None)
    for box in getattr(body, "children", ()):
        if not _in_flow(box) or box.border_height() == 0:
            continue
        parts = [part for part in box.children if _in_flow(part) and part.border_height() > 0]
        if box.element_tag == "article" and parts:
            yield from parts
        else:
            yield box                   # a block, or the room a fitter's trial keeps above its story


def column_holes(block, width: float) -> float:
    """White area inside a block that the flow goes on after: columns ending early,
    under the block's last run of columns and above whatever is set across them."""
    runs = _column_runs(block)
    if not runs:
        return 0.0
    return _holes_above(runs) + _run_holes(runs[-1], _bottom(block))


def _holes_above(runs: list[list]) -> float:
    """The holes of every run of columns but the last: each ends where something is set across."""
    return sum(_run_holes(run, _run_foot(run)) for run in runs[:-1])


def _run_holes(columns: list, foot: float) -> float:
    """White area between each column's end and `foot`, where it is more than balancing."""
    area = 0.0
    for column in columns:
        white = foot - _content_bottom(column)
        if white > BALANCE_LINES * _line_height(column):
            area += white * column.width
    return area


def _run_foot(columns: list) -> float:
    """Where a run of columns cut by something set across them ends: at its longest."""
    return max(_content_bottom(column) for column in columns)


def _column_runs(block) -> list[list]:
    """The runs of a story's columns in `block`, top to bottom: each run ends where
    something is set across the columns (a quote, a photo). When that ends the block,
    the last run is empty: the foot is under what is set across, not under the columns."""
    runs: list[list] = []
    found: list = []
    for child in getattr(block, "children", ()):
        if getattr(child, "is_column", False):
            found.append(child)
        elif found and _in_flow(child):
            runs.append(_padded(found, block))   # set across: the columns start again under it
            found = []
        elif not found and not runs and type(child).__name__ == "BlockBox":
            inner = _column_runs(child)
            if inner:
                return inner
    return runs + [_padded(found, block)] if found or runs else []


@dataclass(frozen=True)
class _EmptyColumn:
    """A column the engine made no box for: the text there all fitted the columns before
    it (a paragraph too short to split by its widows and orphans), and it stands white."""
    width: float
    top: float
    style: Any
    children: tuple = ()

    def content_box_y(self) -> float:
        return self.top


def _padded(run: list, container) -> list:
    """The run of columns with the columns its container has and the engine left out."""
    count = container.style["column_count"]
    if not run or not isinstance(count, int) or len(run) >= count:
        return run
    first = run[0]
    return run + [_EmptyColumn(first.width, first.content_box_y(), first.style)] * (count - len(run))


def _content_bottom(column) -> float:
    return max((_bottom(child) for child in column.children if _in_flow(child)),
               default=column.content_box_y())


def _line_height(box) -> float:
    style = box.style
    value = style["line_height"]
    if value == "normal":
        return 1.2 * style["font_size"]
    if getattr(value, "unit", None) == "px":
        return value.value
    return float(value) * style["font_size"]


def _in_flow(box) -> bool:
    return hasattr(box, "border_height") and type(box).__name__ not in (
        "AbsolutePlaceholder", "FixedPlaceholder")


def _bottom(box) -> float:
    return box.border_box_y() + box.border_height()
