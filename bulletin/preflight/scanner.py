"""The content-stream walk: what every page draws, read once for all the checks.

One pass over each page's content, the forms it draws and the patterns and
soft masks it uses gives the placed images (with their size on the page, from
the CTM), every colour space and the operator or object that used it, the ink
of every CMYK colour, the fill of every run of text, and the fonts; and, for
the small type check, every run of text with its size, colour and place, and
every area filled before it (what the type may be reversed out of). The checks
then read these lists; none of them parses a content stream again.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal

import pikepdf
from fontTools.ttLib import TTFont
from PIL import Image

from ..content.photos import read_through
from .glyphs import FontGlyphs
from .memory import PhotoMemory

MAX_NESTING = 12           # forms within forms: deeper is a broken (or hostile) file
INK_SCALE = 4              # JPEG photos are read at 1/4 of their pixels (see ContentScan.photo_pixels)
PATH_OPERATORS = {"m", "l", "c", "v", "y", "re", "h"}
FILL_OPERATORS = {"f", "F", "f*", "B", "B*", "b", "b*"}
PATH_ENDS = FILL_OPERATORS | {"S", "s", "n"}
SHOWING_TEXT = {"Tj", "TJ", "'", '"'}
NUMBERS = (int, float, Decimal)       # the numbers pikepdf gives a content stream's operands as
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Box = tuple[float, float, float, float]     # x0, y0, x1, y1 on the page


@dataclass
class Placement:
    """An image drawn on a page: its XObject, pixels and size on the page."""
    page: int
    name: str
    obj: object
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float
    mcid: int | None              # the marked content it is drawn in (tagged PDFs)
    artifact: bool

    @property
    def ppi(self) -> float:
        return min(self.width_px / (self.width_pt / 72), self.height_px / (self.height_pt / 72))


@dataclass(frozen=True)
class Fill:
    """An area painted on a page, as far as its clip lets it show: what type set
    after it over it is reversed out of."""
    box: Box
    space: str
    values: tuple


@dataclass
class TextRun:
    """A run of text shown on a page (one Tj or TJ): its size, fill, face and place."""
    page: int
    size_pt: float
    space: str
    fill: tuple
    glyphs: FontGlyphs
    codes: list[int]
    at: tuple[float, float]       # the middle of the run, a third of an em above its baseline
    behind: int                   # how many of the page's fills were painted before it

    @property
    def text(self) -> str:
        return self.glyphs.text(self.codes)

    @property
    def serif(self) -> bool:
        return self.glyphs.serif


@dataclass
class _GraphicsState:
    ctm: tuple = IDENTITY
    fill_space: str = "/DeviceGray"
    fill: tuple = (0.0,)
    stroke_space: str = "/DeviceGray"
    depth: int = 0                # forms within forms
    clip: Box | None = None       # the clip's bounding box on the page; None: the whole page
    font: object = None           # the text state: the font's resource name, size ...
    font_size: float = 0.0
    leading: float = 0.0
    scale: float = 1.0            # Tz, horizontal scaling
    invisible: bool = False       # text rendering mode 3 (or 7): draws nothing

    def copy(self, **changes) -> _GraphicsState:
        return dataclasses.replace(self, **changes)

    def inner(self, matrix=None) -> _GraphicsState:
        """The state a form, pattern or soft mask starts in."""
        ctm = _multiply(tuple(float(v) for v in matrix), self.ctm) if matrix is not None else self.ctm
        return self.copy(ctm=ctm, depth=self.depth + 1)


class ContentScan:
    """Walks every page's content, the forms it draws, and what they use."""

    def __init__(self, pdf: pikepdf.Pdf, photos: dict[str, str], memory: PhotoMemory):
        self.pdf, self.photos, self.memory = pdf, photos, memory
        self.placements: list[Placement] = []
        self.colours: list[tuple[int, str, str]] = []     # (page, colour space, what drew it)
        self.inks: list[tuple[int, float, str]] = []      # (page, total ink %, what)
        self.text_fills: list[tuple[int, str, tuple]] = []
        self.text_runs: list[TextRun] = []
        self.fills: dict[int, list[Fill]] = {}             # page -> areas painted, in order
        self.fonts: dict[str, tuple[set, bool]] = {}      # name -> (pages, embedded)
        self.glyphs: dict[tuple, FontGlyphs] = {}          # font's objgen -> its glyphs
        self.font_programs: dict[str, str] = {}           # name -> its embedded program's PostScript name
        self.decoded: dict[tuple, object] = {}             # JPEG stream's objgen -> its pixels
        self.digests: dict[tuple, str] = {}                # stream's objgen -> sha256 of its bytes

    def run(self) -> None:
        for number, page in enumerate(self.pdf.pages, start=1):
            group = page.obj.get("/Group")
            if group is not None and "/CS" in group:
                self._space_use(number, group.CS, page.obj.get("/Resources"), "page transparency group")
            self._content(page.obj, page.obj.get("/Resources"), number, _GraphicsState(), [])

    def _content(self, stream, resources, page: int, state: _GraphicsState, marks: list) -> None:
        if state.depth > MAX_NESTING:
            raise ValueError(f"forms nested more than {MAX_NESTING} deep on page {page}")
        stack = []
        path: list[tuple[float, float]] = []     # the current path's points, on the page
        clipping = False
        text = _TextCursor()
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op in PATH_OPERATORS:
                path += _path_points(op, operands, state.ctm)
            elif op in PATH_ENDS:
                if path and op in FILL_OPERATORS:
                    self._fill(page, _bounds(path), state)
                if path and clipping:
                    state.clip = _intersection(state.clip, _bounds(path))
                path, clipping = [], False
            elif op in ("W", "W*"):
                clipping = True
            elif op in SHOWING_TEXT:
                self.text_fills.append((page, state.fill_space, state.fill))
                if op in ("'", '"'):
                    text.next_line(state.leading)
                self._text_run(operands, resources, page, state, text)
            elif op in _TextCursor.OPERATORS or op in ("TL", "Tz", "Tr"):
                text.move(op, operands, state)
            elif op == "q":
                stack.append(state.copy())
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm":
                state.ctm = _multiply(tuple(float(v) for v in operands), state.ctm)
            elif op in ("BDC", "BMC"):
                marks.append(operands)
            elif op == "EMC" and marks:
                marks.pop()
            elif op == "Do":
                self._draw(operands[0], resources, page, state, marks)
            elif op == "INLINE IMAGE":
                self._image("inline image", operands[0].obj, resources, page, state, marks)
            elif op == "Tf":
                state.font, state.font_size = operands[0], float(operands[1])
                self._font(operands[0], resources, page)
            else:
                self._colour_op(op, operands, resources, page, state)

    def _colour_op(self, op: str, operands, resources, page: int, state: _GraphicsState) -> None:
        values = tuple(v for v in map(operand_number, operands) if v is not None)
        if op in ("rg", "RG"):
            self.colours.append((page, "/DeviceRGB", f"{'fill' if op == 'rg' else 'stroke'} colour"))
        elif op in ("k", "K"):
            self.inks.append((page, sum(values) * 100, "vector colour"))
            if op == "k":
                state.fill_space, state.fill = "/DeviceCMYK", values
        elif op == "g":
            state.fill_space, state.fill = "/DeviceGray", values
        elif op in ("cs", "CS"):
            space = self._space_use(page, operands[0], resources,
                                    f"{'fill' if op == 'cs' else 'stroke'} colour space")
            if op == "cs":
                state.fill_space = space
            else:
                state.stroke_space = space
        elif op in ("sc", "scn", "SC", "SCN"):
            space = state.fill_space if op in ("sc", "scn") else state.stroke_space
            if space in ("/DeviceCMYK", "/ICCBased4") and len(values) == 4:
                self.inks.append((page, sum(values) * 100, "vector colour"))
            if op in ("sc", "scn"):
                state.fill = values
            self._pattern(operands, resources, page, state)
        elif op == "sh":
            shading = resources.Shading[operands[0]]
            self._space_use(page, shading.ColorSpace, resources, "shading")
        elif op == "gs":
            self._soft_mask(operands[0], resources, page, state)

    def _fill(self, page: int, box: Box, state: _GraphicsState) -> None:
        shown = _intersection(state.clip, box)
        if shown is not None and state.fill_space != "/Pattern":
            self.fills.setdefault(page, []).append(Fill(shown, state.fill_space, state.fill))

    def _text_run(self, operands, resources, page: int, state: _GraphicsState, text: _TextCursor) -> None:
        """Records the run the operator shows and moves the text cursor past it."""
        if state.font is None or "/Font" not in resources or state.font not in resources.Font:
            return
        font = resources.Font[state.font]
        glyphs = self.glyphs.get(font.objgen)
        if glyphs is None:
            glyphs = self.glyphs[font.objgen] = FontGlyphs(font)
        shown = operands[-1] if operands else b""
        parts = list(shown) if isinstance(shown, pikepdf.Array) else [shown]
        codes: list[int] = []
        kerning = 0.0
        for part in parts:
            if isinstance(part, NUMBERS):        # most of a TJ's parts: tested first
                kerning += float(part)
            elif isinstance(part, pikepdf.String):
                codes += glyphs.codes(bytes(part))
            elif operand_number(part) is not None:
                kerning += float(part)
        width = (glyphs.advance(codes) - kerning) / 1000 * state.font_size * state.scale
        rendering = _multiply(text.matrix, state.ctm)
        size = state.font_size * math.hypot(rendering[2], rendering[3])
        if codes and size > 0 and not state.invisible:
            at = _apply(rendering, width / 2, state.font_size / 3)
            self.text_runs.append(TextRun(page, size, state.fill_space, state.fill, glyphs, codes, at,
                                          len(self.fills.get(page, ()))))
        text.advance(width)

    def behind(self, run: TextRun) -> Fill | None:
        """The last area painted before `run` under the middle of it; None: the paper."""
        x, y = run.at
        for fill in reversed(self.fills.get(run.page, [])[:run.behind]):
            x0, y0, x1, y1 = fill.box
            if x0 <= x <= x1 and y0 <= y <= y1:
                return fill
        return None

    def _space_use(self, page: int, space, resources, what: str) -> str:
        """Records the colour space `space` (a name or array) used by `what`; returns its kind."""
        kind = space_kind(space, resources)
        self.colours.append((page, kind, what))
        return kind

    def _draw(self, name, resources, page: int, state: _GraphicsState, marks: list) -> None:
        xobject = resources.XObject[name]
        if xobject.Subtype == "/Image":
            self._image(str(name), xobject, resources, page, state, marks)
        elif xobject.Subtype == "/Form":
            if "/Group" in xobject and "/CS" in xobject.Group:
                self._space_use(page, xobject.Group.CS, resources, "transparency group")
            self._content(xobject, xobject.get("/Resources", resources), page,
                          state.inner(xobject.get("/Matrix")), marks)

    def _image(self, name: str, image, resources, page: int, state: _GraphicsState, marks: list) -> None:
        a, b, c, d, _, _ = state.ctm
        width_pt, height_pt = math.hypot(a, b), math.hypot(c, d)
        mcid, artifact = _marked(marks)
        placement = Placement(page, self.image_name(name, image), image, int(image.Width),
                              int(image.Height), width_pt, height_pt, mcid, artifact)
        self.placements.append(placement)
        if "/ColorSpace" in image:
            self._space_use(page, image.ColorSpace, resources, placement.name)

    def _pattern(self, operands, resources, page: int, state: _GraphicsState) -> None:
        names = [v for v in operands if isinstance(v, pikepdf.Name)]
        if not names or "/Pattern" not in resources or names[0] not in resources.Pattern:
            return
        pattern = resources.Pattern[names[0]]
        if "/Shading" in pattern:
            self._space_use(page, pattern.Shading.ColorSpace, resources, "shading pattern")
        else:
            self._content(pattern, pattern.get("/Resources", resources), page,
                          state.inner(pattern.get("/Matrix")), [])

    def _soft_mask(self, name, resources, page: int, state: _GraphicsState) -> None:
        gstate = resources.ExtGState[name]
        mask = gstate.get("/SMask")
        if mask is not None and hasattr(mask, "get") and mask.get("/G") is not None:
            group = mask.G
            if "/Group" in group and "/CS" in group.Group:
                self._space_use(page, group.Group.CS, resources, "soft mask group")
            self._content(group, group.get("/Resources", resources), page, state.inner(), [])

    def _font(self, name, resources, page: int) -> None:
        font = resources.Font[name]
        base = str(font.get("/BaseFont", name)).lstrip("/")
        label = re.sub(r"^[A-Z]{6}\+", "", base)
        pages, _ = self.fonts.get(label, (set(), True))
        pages.add(page)
        self.fonts[label] = (pages, _font_embedded(font))
        if label not in self.font_programs:
            self.font_programs[label] = _program_name(font)

    def digest(self, stream) -> str:
        """The sha256 of a stream's bytes as stored, once per file."""
        key = stream.objgen
        if key not in self.digests:
            self.digests[key] = hashlib.sha256(stream.read_raw_bytes()).hexdigest()
        return self.digests[key]

    def photo_pixels(self, stream):
        """A JPEG stream's pixels, decoded once per file at 1/INK_SCALE of its size by
        libjpeg itself (DCT scaling skips most of a full decode's work, yet reads
        every byte): a pixel then averages 0.3 mm at 300 ppi, far finer than a
        patch of ink that could set off or fail to dry."""
        key = stream.objgen
        if key not in self.decoded:
            # Pillow undoes Adobe's inversion of CMYK JPEGs.
            self.decoded[key] = read_through(Image.open(io.BytesIO(stream.read_raw_bytes())), INK_SCALE)
        return self.decoded[key]

    def image_name(self, name: str, image) -> str:
        if not isinstance(image, pikepdf.Stream):
            return name                                   # an inline image
        return self.photos.get(self.digest(image), f"image object {image.objgen[0]}")


# -- reading PDF objects -----------------------------------------------------------

def operand_number(value) -> float | None:
    """A content stream operand as a number, or None for names, strings, arrays."""
    if isinstance(value, NUMBERS):         # how pikepdf gives most operands: at once
        return float(value)
    if isinstance(value, (pikepdf.Name, pikepdf.String, pikepdf.Array, pikepdf.Dictionary, str, bytes)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def space_kind(space, resources) -> str:
    """A colour space as a kind: /DeviceRGB, /DeviceCMYK, /ICCBased4, /Separation ..."""
    if isinstance(space, pikepdf.Name):
        name = str(space)
        if name in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
            return name
        if name in ("/RGB", "/CMYK", "/G"):                      # inline image abbreviations
            return {"/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/G": "/DeviceGray"}[name]
        spaces = resources.get("/ColorSpace", {}) if resources is not None else {}
        if name in spaces:
            return space_kind(spaces[name], resources)
        return name
    family = str(space[0])
    if family == "/ICCBased":
        return f"/ICCBased{int(space[1].N)}"
    if family in ("/Indexed",):
        return space_kind(space[1], resources)
    if family in ("/Separation", "/DeviceN"):
        alternate = space_kind(space[2], resources)
        return family if alternate in ("/DeviceCMYK", "/DeviceGray", "/ICCBased4", "/ICCBased1") else alternate
    return family


def stream_filters(stream) -> list[str]:
    named = stream.get("/Filter")
    if named is None:
        return []
    return [str(f) for f in named] if isinstance(named, pikepdf.Array) else [str(named)]


def _multiply(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _path_points(op: str, operands, ctm: tuple) -> list[tuple[float, float]]:
    """The points an operator adds to the path, on the page (curves by their control points)."""
    values = [float(v) for v in operands]
    if op == "re":
        x, y, w, h = values
        return [_apply(ctm, x, y), _apply(ctm, x + w, y), _apply(ctm, x, y + h), _apply(ctm, x + w, y + h)]
    return [_apply(ctm, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]


def _bounds(points: list[tuple[float, float]]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _intersection(clip: Box | None, box: Box) -> Box | None:
    if clip is None:
        return box
    x0, y0, x1, y1 = max(clip[0], box[0]), max(clip[1], box[1]), min(clip[2], box[2]), min(clip[3], box[3])
    return (x0, y0, x1, y1) if x0 <= x1 and y0 <= y1 else None


class _TextCursor:
    """The text matrix and the start of the line (they live from BT to ET)."""
    OPERATORS = {"BT", "Tm", "Td", "TD", "T*"}

    def __init__(self) -> None:
        self.matrix: tuple[float, ...] = IDENTITY
        self.line: tuple[float, ...] = IDENTITY

    def move(self, op: str, operands, state: _GraphicsState) -> None:
        values = [float(v) for v in operands if operand_number(v) is not None]
        if op == "BT":
            self.matrix = self.line = IDENTITY
        elif op == "Tm" and len(values) == 6:
            self.matrix = self.line = tuple(values)
        elif op in ("Td", "TD") and len(values) == 2:
            if op == "TD":
                state.leading = -values[1]
            self.line = self.matrix = _multiply((1, 0, 0, 1, values[0], values[1]), self.line)
        elif op == "T*":
            self.next_line(state.leading)
        elif op == "TL" and values:
            state.leading = values[0]
        elif op == "Tz" and values:
            state.scale = values[0] / 100
        elif op == "Tr" and values:
            state.invisible = int(values[0]) in (3, 7)

    def next_line(self, leading: float) -> None:
        self.line = self.matrix = _multiply((1, 0, 0, 1, 0, -leading), self.line)

    def advance(self, width: float) -> None:
        self.matrix = _multiply((1, 0, 0, 1, width, 0), self.matrix)


def _marked(marks: list) -> tuple[int | None, bool]:
    for operands in reversed(marks):
        tag = str(operands[0]) if operands else ""
        if tag == "/Artifact":
            return None, True
        if len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
            return int(operands[1].MCID), False
    return None, False


def _program_name(font) -> str:
    """The PostScript name the embedded font program gives itself (name ID 6; a subset
    keeps it), else the family its descriptor names; "" for a font with neither."""
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return ""
    program = next((descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor), None)
    if program is not None:
        try:
            name = TTFont(io.BytesIO(program.read_bytes()), lazy=True)["name"].getDebugName(6)
        except Exception:  # noqa: BLE001  a program fontTools cannot read: the descriptor says
            name = None
        if name:
            return str(name)
    return str(descriptor.get("/FontFamily", ""))


def _font_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
