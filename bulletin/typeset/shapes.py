"""Each story's shape on the laid-out pages: how long it runs and what of it can change.

The fitter plans with these measures: a story runs a length of the text
block from the top of its head to the foot of its last column (pages laid end
to end, so a story of two and a half pages is two and a half page heights
long); its head, its photos, its pull quotes and its chart panel are measured
so that the length of another choice (the head as words only, a taller photo)
can be told without laying the issue out again. Lengths are CSS pixels.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .pagemap import PageMap, _bottom, _classes, _content_extent, _descendants, _find, _in_flow


@dataclass(frozen=True)
class Words:
    """The head's words as set: line counts at the width they were set at."""
    width: float
    kicker: float                     # the kicker's height with its margin (0: none)
    headline_lines: int
    headline_line: float
    headline_after: float             # the margin under the headline
    lead_lines: int
    lead_line: float

    def height(self, width: float) -> float:
        """Their height set at `width`: lines grow and shrink with the measure."""
        def lines(count: int) -> int:
            return max(1, round(count * self.width / width + 0.2)) if count else 0
        return (self.kicker + lines(self.headline_lines) * self.headline_line + self.headline_after
                + lines(self.lead_lines) * self.lead_line)


@dataclass(frozen=True)
class ColumnPhoto:
    index: int                        # among the story's photos in its columns
    width: float
    height: float                     # the image as placed
    around: float                     # caption and margin under it
    across: bool = False              # set across the columns
    hole: float = 0.0                 # the white it left at the foot of the column (across: the page) before:
                                      # too tall for it


@dataclass(frozen=True)
class Quote:
    height: float                     # with its margins, as set
    across: bool = False


@dataclass
class StoryShape:
    id: str
    start: float                      # where its head begins, pages laid end to end
    end: float                        # where its last column (or panel) ends
    head: float                       # from the story's top to the foot of its head
    words: Words | None
    head_photo: float = 0.0           # the head photo's image height (0: none in the head)
    head_photo_around: float = 0.0    # its caption and margin
    head_photo_width: float = 0.0
    columns: int = 2
    column_width: float = 0.0
    line: float = 18.0
    photos: list[ColumnPhoto] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)     # each pull quote set, as set
    text: float = 0.0                 # the text of its columns, column by column added up
    factbox: float = 0.0
    panel: float = 0.0                # the chart panel's height, margin in
    panel_rows: list[float] = field(default_factory=list)
    last_blocks: list[int] = field(default_factory=list)  # blocks of its last page (for spacing)
    last_page: int = 0
    foot_white: float = 0.0           # white under its last column on the page read last, going overleaf

    @property
    def spaced_gaps(self) -> list[int]:
        """The blocks of its last page that extra space may go above (not the first)."""
        return [block for block in self.last_blocks if block > 0]

    @property
    def length(self) -> float:
        return self.end - self.start

    @property
    def body(self) -> float:
        """Its length less its head and panel: the columns, as they ran."""
        return self.length - self.head - self.panel


def measure_shapes(pages: list[PageMap], page_height: float) -> dict[str, StoryShape]:
    """Every story's shape, from the pages of one layout."""
    shapes: dict[str, StoryShape] = {}
    for page in pages:
        origin = (page.number - 1) * page_height - page.top
        for fragment in page.fragments:
            box = fragment.box
            shape = shapes.get(fragment.story)
            if shape is None:
                shape = shapes[fragment.story] = StoryShape(fragment.story, origin + box.border_box_y(),
                                                            0.0, 0.0, None)
            _read_parts(shape, box, origin, page.bottom)
            shape.end = origin + fragment.bottom
            shape.last_page = page.number
            shape.last_blocks = list(fragment.blocks)
    return shapes


def _read_parts(shape: StoryShape, article, origin: float, page_bottom: float) -> None:
    for part in article.children:
        if not _in_flow(part):
            continue
        classes = _classes(part)
        if "story-head" in classes:
            shape.head = origin + _bottom(part) - shape.start
            _read_head(shape, part)
        elif "story-columns" in classes:
            _read_columns(shape, part, page_bottom)
        elif "infographic" in classes:
            shape.panel += part.border_height() + part.margin_top
            shape.panel_rows += [row.border_height() for row in part.children
                                 if "infographic-row" in _classes(row)]


def _read_head(shape: StoryShape, head) -> None:
    text = _find(head, "story-head-text")
    if text is not None:
        shape.words = _words(text)
    figure = _find(head, "photo")
    if figure is not None:
        image = _image(figure)
        shape.head_photo = image.height if image is not None else 0.0
        shape.head_photo_width = image.width if image is not None else figure.width
        shape.head_photo_around = _content_extent(figure) - shape.head_photo + figure.margin_top


def _words(text) -> Words:
    kicker = _find(text, "kicker")
    headline = _find(text, "headline")
    lead = _find(text, "lead")

    def lines(box) -> tuple[int, float]:
        found = list(_descendants(box, lambda b: type(b).__name__ == "LineBox")) if box else []
        return len(found), (found[0].height if found else 0.0)
    headline_lines, headline_line = lines(headline)
    lead_lines, lead_line = lines(lead)
    return Words(width=text.width,
                 kicker=(kicker.border_height() + kicker.margin_bottom) if kicker is not None else 0.0,
                 headline_lines=headline_lines, headline_line=headline_line,
                 headline_after=headline.margin_bottom if headline is not None else 0.0,
                 lead_lines=lead_lines, lead_line=lead_line)


def _read_columns(shape: StoryShape, container, page_bottom: float) -> None:
    """Its blocks; a block first in a column carries the white it left at the foot of the
    column before, beside it or (the first column of a page) at the foot of the page before."""
    columns = [c for c in container.children if getattr(c, "is_column", False)]
    if columns:
        shape.column_width = columns[0].width
        shape.line = _leading(columns[0])
    photos = [e for e in container.element if isinstance(e.tag, str)
              and "photo" in (e.get("class") or "").split()]
    previous, overleaf = None, shape.foot_white
    for child in container.children:
        if getattr(child, "is_column", False):
            hole = _white_under(previous, child, shape.line) if previous is not None else overleaf
            for n, block in enumerate(child.children):
                _read_block(shape, block, photos, across=False, hole=hole if n == 0 else 0.0)
            previous, overleaf = child, 0.0
        elif _in_flow(child):                  # set across the columns (column-span: all)
            _read_block(shape, child, photos, across=True, hole=overleaf if previous is None else 0.0)
            previous, overleaf = None, 0.0
    white = page_bottom - _column_content_bottom(previous) if previous is not None else 0.0
    shape.foot_white = white if white > 1.5 * shape.line else 0.0


def _white_under(column, following, line: float) -> float:
    """The white at the foot of `column` when the column after it is beside it (not on
    the next page): what did not fit there went over."""
    if abs(column.position_y - following.position_y) > 1:
        return 0.0
    white = column.position_y + column.height - _column_content_bottom(column)
    return white if white > 1.5 * line else 0.0


def _column_content_bottom(column) -> float:
    return max((_bottom(c) for c in column.children if _in_flow(c)), default=column.content_box_y())


def _read_block(shape: StoryShape, block, photos: list, across: bool, hole: float = 0.0) -> None:
    if not _in_flow(block) or block.element is None:
        return
    classes = _classes(block)
    if "photo" in classes and block.element in photos:
        index = photos.index(block.element)
        image = _image(block)
        if image is not None and index not in {p.index for p in shape.photos}:
            shape.photos.append(ColumnPhoto(index, image.width, image.height,
                                            block.margin_height() - image.height, across, hole))
    elif "pull-quote" in classes:
        if not getattr(block, "is_continuation", False):
            shape.quotes.append(Quote(block.margin_height(), across))
    elif "factbox" in classes:
        shape.factbox += block.margin_height()
    else:
        shape.text += block.margin_height()


def _image(figure):
    return next(_descendants(figure, lambda b: type(b).__name__ in ("BlockReplacedBox",
                                                                     "InlineReplacedBox")), None)


def _leading(box) -> float:
    value = box.style["line_height"]
    if value == "normal":
        return 1.2 * box.style["font_size"]
    if getattr(value, "unit", None) == "px":
        return value.value
    return float(value) * box.style["font_size"]
