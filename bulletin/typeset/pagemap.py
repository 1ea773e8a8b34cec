"""What is where on the laid-out pages: each story's fragments and the parts of
them the fitter can change, read from WeasyPrint's boxes.

Lengths are CSS pixels, as WeasyPrint's boxes give them (96 to the inch).
A story's blocks are found by their place in the composed HTML: the children
of its `.story-columns`, in order, after its fact box (see story.html.j2);
its photos by their place among the story's photos.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .fill import PageFill, column_holes, measure_fill

PX_PER_MM = 96 / 25.4


@dataclass
class PhotoOnPage:
    """A story's photo where it is set: in the head, or in the columns."""
    index: int                  # among the story's photos in the columns; -1 for the head's
    width: float
    height: float               # the image's placed height
    caption: float              # the caption under it


@dataclass
class Fragment:
    """The part of one story on one page."""
    story: str
    page: int
    top: float
    bottom: float
    box: Any = None             # the article's box on this page
    starts: bool = False        # its head is on this page
    columns: int = 0            # column count of its text here (0: none on this page)
    panel: bool = False         # (part of) its chart panel is on this page
    head_text: float = 0.0      # height of the head's words (kicker, headline, lead)
    head_photo: PhotoOnPage | None = None
    photos: list[PhotoOnPage] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)   # column blocks starting on this page
    line: float = 0.0           # the leading of its column text
    holes: float = 0.0          # white inside its columns (see fill), px²
    quote_atop: float = 0.0     # a pull quote set across that opens its columns here: its height
    quote_afoot: bool = False   # a pull quote set across closes its columns here, no text under it
    ends: bool = False          # set once every page is read: its last fragment


@dataclass
class PageMap:
    number: int
    top: float
    bottom: float
    fill: PageFill
    fragments: list[Fragment]
    front: bool = False         # the masthead and the contents are here
    box: Any = None             # the page's box

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def last(self) -> Fragment | None:
        return self.fragments[-1] if self.fragments else None


def map_pages(document, first_number: int = 1) -> list[PageMap]:
    """Every page of `document`, numbered from `first_number`."""
    fills = measure_fill(document).pages
    pages = [_page_map(number, page._page_box, replace(fill, number=number))
             for number, (page, fill) in enumerate(zip(document.pages, fills), start=first_number)]
    return mark_ends(pages)


def mark_ends(pages: list[PageMap]) -> list[PageMap]:
    """Mark each story's last fragment."""
    last_seen: dict[str, Fragment] = {}
    for page in pages:
        for fragment in page.fragments:
            fragment.ends = False
            last_seen[fragment.story] = fragment
    for fragment in last_seen.values():
        fragment.ends = True
    return pages


def _page_map(number: int, page_box, fill: PageFill) -> PageMap:
    top = page_box.content_box_y()
    body = _body(page_box)
    children = [c for c in getattr(body, "children", ()) if _in_flow(c)]
    fragments = [_fragment(c, number) for c in children
                 if c.element_tag == "article" and c.element.get("id")]
    front = any("front-panel" in _classes(c) or "masthead" in _classes(c) for c in children)
    return PageMap(number, top, top + page_box.height, fill, fragments, front, page_box)


def _fragment(article, page: int) -> Fragment:
    fragment = Fragment(article.element.get("id"), page, article.border_box_y(), _bottom(article), article)
    for part in article.children:
        classes = _classes(part)
        if "story-head" in classes:
            _read_head(fragment, part)
        elif "story-columns" in classes:
            _read_columns(fragment, part)
            fragment.holes += column_holes(part, part.width)
        elif "infographic" in classes:
            fragment.panel = True
    return fragment


def _read_head(fragment: Fragment, head) -> None:
    fragment.starts = True
    text = _find(head, "story-head-text")
    fragment.head_text = _content_extent(text) if text is not None else 0.0
    photo = _find(head, "photo")
    if photo is not None:
        fragment.head_photo = _photo(photo, -1)


def _read_columns(fragment: Fragment, columns) -> None:
    boxes = [c for c in columns.children if getattr(c, "is_column", False)]
    fragment.columns = len(boxes)
    if boxes:
        fragment.line = _line_height(boxes[0])
    order = _column_order(columns)
    flow = [c for c in columns.children if _in_flow(c)]
    if flow and _across_quote(flow[0]):
        fragment.quote_atop = flow[0].margin_height()
    fragment.quote_afoot = bool(flow) and _across_quote(flow[-1])
    for column in boxes:
        for block in column.children:
            if not _in_flow(block) or block.element is None:
                continue
            index = order.get(id(block.element))
            if index is None:
                continue
            if "photo" in _classes(block):
                fragment.photos.append(_photo(block, _photo_index(columns, block.element)))
            if not getattr(block, "is_continuation", False) and index not in fragment.blocks:
                fragment.blocks.append(index)


def _across_quote(box) -> bool:
    return not getattr(box, "is_column", False) and "pull-quote" in _classes(box)


def _column_order(columns) -> dict[int, int]:
    """Each column block's element -> its index in the story's column flow
    (the fact box, when there is one, is not a block of the flow)."""
    elements = [e for e in columns.element if isinstance(e.tag, str)]
    if elements and "factbox" in (elements[0].get("class") or ""):
        elements = elements[1:]
    return {id(e): n for n, e in enumerate(elements)}


def _photo_index(columns, element) -> int:
    photos = [e for e in columns.element if isinstance(e.tag, str)
              and "photo" in (e.get("class") or "").split()]
    return next(n for n, e in enumerate(photos) if e is element)


def _photo(figure, index: int) -> PhotoOnPage:
    image = next(_descendants(figure, lambda b: type(b).__name__ in ("BlockReplacedBox",
                                                                      "InlineReplacedBox")), None)
    caption = _find(figure, None, tag="figcaption")
    return PhotoOnPage(index, image.width if image is not None else figure.width,
                       image.height if image is not None else 0.0,
                       caption.border_height() if caption is not None else 0.0)


def _content_extent(box) -> float:
    """From the box's top to the foot of its last line (a table cell stretches
    to its row: its own height says nothing of its words)."""
    lines = list(_descendants(box, lambda b: type(b).__name__ == "LineBox"))
    return max((_bottom(line) for line in lines), default=box.content_box_y()) - box.border_box_y()


def _body(page_box):
    html = next((c for c in page_box.children if getattr(c, "element_tag", None) == "html"), None)
    return next((c for c in getattr(html, "children", ()) if c.element_tag == "body"), None)


def _find(box, cls: str | None, tag: str | None = None):
    return next(_descendants(box, lambda b: (cls is None or cls in _classes(b))
                             and (tag is None or getattr(b, "element_tag", None) == tag)), None)


def _descendants(box, wanted) -> Iterator:
    for child in getattr(box, "children", ()):
        if wanted(child):
            yield child
        yield from _descendants(child, wanted)


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def _line_height(box) -> float:
    value = box.style["line_height"]
    if value == "normal":
        return 1.2 * box.style["font_size"]
    if getattr(value, "unit", None) == "px":
        return value.value
    return float(value) * box.style["font_size"]


def _in_flow(box) -> bool:
    return hasattr(box, "border_height") and type(box).__name__ not in (
        "AbsolutePlaceholder", "FixedPlaceholder")


def _bottom(box) -> float:
    return box.border_box_y() + box.border_height()
