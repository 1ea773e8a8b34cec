"""A font's codes as a reader takes them: the text each stands for (the font's
ToUnicode map) and how far it advances (its widths), so that a check can name
the words a run of text shows and find what lies under it."""
from __future__ import annotations

import re
import struct

import pikepdf

SERIF_FLAG = 1 << 1            # the FontDescriptor's Flags bit 2: glyphs with serifs
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


class FontGlyphs:
    """What the codes of one PDF font mean: their text and their widths (1/1000 em)."""

    def __init__(self, font: pikepdf.Object):
        self.two_bytes = font.get("/Subtype") == "/Type0"        # Identity-H: two bytes a code
        described = font.DescendantFonts[0] if self.two_bytes else font
        descriptor = described.get("/FontDescriptor", {})
        self.serif = bool(int(descriptor.get("/Flags", 0)) & SERIF_FLAG)
        self.widths, self.default_width = _widths(described, self.two_bytes)
        self._font = font
        self._unicode: dict[int, str] | None = None

    def codes(self, data: bytes) -> list[int]:
        if self.two_bytes:       # big-endian pairs, an odd last byte dropped
            return list(struct.unpack(f">{len(data) // 2}H", data[:len(data) & ~1]))
        return list(data)

    def advance(self, codes: list[int]) -> float:
        """The codes' width in thousandths of an em."""
        return sum(self.widths.get(code, self.default_width) for code in codes)

    def text(self, codes: list[int]) -> str:
        if self._unicode is None:
            self._unicode = _to_unicode(self._font)
        # A simple font without a map: its codes read as Latin-1 (the standard encodings'
        # letters and digits); a composite one's codes are glyph numbers, meaningless without.
        unknown = "\ufffd" if self.two_bytes else None
        return "".join(self._unicode.get(code, unknown or chr(code)) for code in codes)


def _widths(font: pikepdf.Object, two_bytes: bool) -> tuple[dict[int, float], float]:
    widths: dict[int, float] = {}
    if two_bytes:
        items = list(font.get("/W", []))
        i = 0
        while i < len(items):
            first = int(items[i])
            if isinstance(items[i + 1], pikepdf.Array):            # c [w1 w2 ...]
                widths.update({first + n: float(w) for n, w in enumerate(items[i + 1])})
                i += 2
            else:                                                  # c_first c_last w
                widths.update({c: float(items[i + 2]) for c in range(first, int(items[i + 1]) + 1)})
                i += 3
        return widths, float(font.get("/DW", 1000))
    first = int(font.get("/FirstChar", 0))
    widths = {first + n: float(w) for n, w in enumerate(font.get("/Widths", []))}
    return widths, 0.0


def _to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """The font's ToUnicode CMap as code -> text (bfchar entries and bfrange runs)."""
    cmap = font.get("/ToUnicode")
    if not isinstance(cmap, pikepdf.Stream):
        return {}
    data = cmap.read_bytes()
    found: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2]):
            found[int(code, 16)] = _utf16(text)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            values = _HEX.findall(line)
            if len(values) == 3 and b"[" not in line:
                low, high, start = int(values[0], 16), int(values[1], 16), _utf16(values[2])
                for n, code in enumerate(range(low, high + 1)):
                    found[code] = start[:-1] + chr(ord(start[-1]) + n) if start else ""
    return found


def _utf16(hexdigits: bytes) -> str:
    return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", "replace")
