"""The text layer: what copying, searching and reading aloud get from the PDF's glyphs.

The bulletin hyphenates with U+2011, the non-breaking hyphen (styles/bulletin.css says
why), and WeasyPrint maps every glyph to the character it was drawn for: a word broken at
a line's end reads back as "representat‑ives", which no search finds. Each hyphen that
ends a line is given /ActualText U+00AD, the soft hyphen: the character that marks where
a word was broken, which text extraction drops when it joins the lines (ISO 32000-1,
14.8.2.2.3). The glyph printed stays the same; a hyphen the author typed is left as
typed, and so is a U+2011 inside a line.

A hyphen ends a line when it is the last glyph a line's text shows: the next text drawn
sits on another baseline (WeasyPrint draws a text box's glyphs in one run per line, a
column's lines one after the other).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

SOFT_HYPHEN = pikepdf.String(b"\xfe\xff\x00\xad")         # UTF-16BE, as PDF text strings are
SHOW = ("Tj", "TJ")
SAME_LINE_PT = 0.5


def soft_hyphens(pdf: pikepdf.Pdf, hyphen: str = "\u2011") -> int:
    """Mark every `hyphen` that ends a line on the pages of `pdf`; return how many."""
    marked = 0
    for page in pdf.pages:
        codes = _hyphen_codes(page.obj.get("/Resources"), hyphen)
        if not codes:
            continue
        instructions = pikepdf.parse_content_stream(page)
        ends = _line_ends(instructions, codes)
        if ends:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(_marked(instructions, ends)))
            marked += len(ends)
    return marked


@dataclass(frozen=True)
class _Shown:
    index: int                  # of the text-showing instruction
    y: float                    # its baseline, in the page's space
    hyphen: bytes | None        # the glyph code it ends with, when that is the hyphen


def _line_ends(instructions, codes: dict[str, tuple[int, set[bytes]]]) -> list[_Shown]:
    """The text-showing instructions whose last glyph is a hyphen that ends its line."""
    shown: list[_Shown] = []
    ctm, stack = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
    font = None
    origin = (0.0, 0.0)
    spoken: list[bool] = []         # the marked contents open, each: does it give /ActualText?
    for index, instruction in enumerate(instructions):
        op, operands = str(instruction.operator), instruction.operands
        if op in ("BDC", "BMC"):
            properties = operands[1] if len(operands) > 1 else None
            spoken.append(isinstance(properties, pikepdf.Dictionary) and "/ActualText" in properties)
        elif op == "EMC" and spoken:
            spoken.pop()
        elif op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif op == "Tf":
            font = str(operands[0])
        elif op == "Tm":
            origin = (float(operands[4]), float(operands[5]))
        elif op in ("Td", "TD"):
            origin = (origin[0] + float(operands[0]), origin[1] + float(operands[1]))
        elif op in SHOW:
            x, y = origin
            # Glyphs that already say what they read as (a hyphen marked before) are left alone.
            last = _last_code(operands[0], *codes[font]) if font in codes and not any(spoken) else None
            shown.append(_Shown(index, ctm[1] * x + ctm[3] * y + ctm[5], last))
    return [run for run, after in zip(shown, [*shown[1:], None])
            if run.hyphen is not None and (after is None or abs(after.y - run.y) > SAME_LINE_PT)]


def _last_code(operand, width: int, hyphens: set[bytes]) -> bytes | None:
    """The last glyph code a Tj or TJ operand shows, if it is one of `hyphens`."""
    strings = [bytes(v) for v in (operand if isinstance(operand, pikepdf.Array) else [operand])
               if isinstance(v, pikepdf.String)]
    data = b"".join(strings)
    code = data[-width:] if len(data) >= width else None
    return code if code in hyphens else None


def _marked(instructions, ends: list[_Shown]) -> list:
    """The instructions with each line-end hyphen shown on its own, in a marked-content
    sequence whose /ActualText is the soft hyphen."""
    at = {run.index: run for run in ends}
    out = []
    for index, instruction in enumerate(instructions):
        run = at.get(index)
        if run is None:
            out.append(instruction)
            continue
        before, hyphen = _split(instruction.operands[0], len(run.hyphen or b""))
        if before:
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Array(before)], pikepdf.Operator("TJ")))
        out.append(pikepdf.ContentStreamInstruction(
            [pikepdf.Name.Span, pikepdf.Dictionary(ActualText=SOFT_HYPHEN)], pikepdf.Operator("BDC")))
        out.append(pikepdf.ContentStreamInstruction([pikepdf.Array(hyphen)], pikepdf.Operator("TJ")))
        out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
    return out


def _split(operand, width: int) -> tuple[list, list]:
    """A Tj or TJ operand as two TJ arrays: what comes before its last glyph, and that
    glyph with the spacing after it. Shown one after the other they move the pen the same."""
    items = list(operand) if isinstance(operand, pikepdf.Array) else [operand]
    last = max(n for n, v in enumerate(items) if isinstance(v, pikepdf.String))
    data = bytes(items[last])
    before = items[:last] + ([pikepdf.String(data[:-width])] if len(data) > width else [])
    return before, [pikepdf.String(data[-width:]), *items[last + 1:]]


# ---- What each glyph reads as ---------------------------------------------------------

def _hyphen_codes(resources, hyphen: str) -> dict[str, tuple[int, set[bytes]]]:
    """By font resource name: the width of its codes and those that read as `hyphen`."""
    found: dict[str, tuple[int, set[bytes]]] = {}
    fonts = resources.get("/Font") if resources is not None else None
    for name, font in (fonts.items() if fonts is not None else ()):
        if "/ToUnicode" not in font:
            continue
        width = 2 if font.get("/Subtype") == "/Type0" else 1
        if width == 2 and str(font.get("/Encoding")) not in ("/Identity-H", "/Identity-V"):
            continue
        codes = {code for code, text in to_unicode(font.ToUnicode.read_bytes(), width).items()
                 if text == hyphen}
        if codes:
            found[str(name)] = (width, codes)
    return found


_CHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_RANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])")
_SECTION = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)


def to_unicode(cmap: bytes, width: int) -> dict[bytes, str]:
    """A ToUnicode CMap's map from glyph codes (`width` bytes each) to text."""
    found: dict[bytes, str] = {}
    for kind, body in _SECTION.findall(cmap):
        if kind == b"bfchar":
            for code, text in _CHAR.findall(body):
                found[bytes.fromhex(code.decode()).rjust(width, b"\0")] = _utf16(text)
            continue
        for low, high, target in _RANGE.findall(body):
            first, last = int(low, 16), int(high, 16)
            if last - first > 0xFFFF:
                continue
            if target.startswith(b"["):
                texts = [_utf16(t) for t in re.findall(rb"<([0-9a-fA-F]+)>", target)]
            else:
                start = bytes.fromhex(target[1:-1].decode())
                base = int.from_bytes(start[-2:], "big")
                texts = [(start[:-2] + (base + n).to_bytes(2, "big")).decode("utf-16-be", "replace")
                         for n in range(last - first + 1)]
            for n, text in zip(range(first, last + 1), texts):
                found[n.to_bytes(width, "big")] = text
    return found


def _utf16(hexed: bytes) -> str:
    return bytes.fromhex(hexed.decode()).decode("utf-16-be", "replace")


def _multiply(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)
