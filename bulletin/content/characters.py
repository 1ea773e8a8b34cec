"""Which characters a text of the content may hold, and how one is named in a message.

A text is read by yamlreader.py; what it may not hold is decided here: control
characters, lone surrogates, private-use and unassigned code points, and the format
characters the layout does not act on. Separators are read as spaces; a text of
invisible characters alone is blank.
"""
from __future__ import annotations

import unicodedata

# Line and paragraph separators: YAML counts them as line breaks, editors do not, so
# every line number after one would be off. They are read as the spaces they stand for.
SEPARATORS = {"\u2028": " ", "\u2029": " "}
# Format characters (category Cf) the layout acts on without drawing anything: the soft
# hyphen, zero-width space and (non-)joiners, the word joiner, and the marks, embeddings
# and isolates of bidirectional text. Any other (U+0600 ARABIC NUMBER SIGN, tags, the
# invisible operators...) would be drawn by no font of the publication, or not at all.
LAYOUT_FORMATS = frozenset("\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
                           "\u202d\u202e\u2060\u2066\u2067\u2068\u2069")


def is_control(ch: str) -> bool:
    """Characters that are not text: C0/C1 controls (tabs and line breaks aside), lone
    surrogates, private-use and unassigned code points (no font can be relied on for them)."""
    return ch not in "\t\n" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


def is_stray_format(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" and ch not in LAYOUT_FORMATS


def is_invisible(ch: str) -> bool:
    """Nothing to see: spaces of every width, separators, format and control characters."""
    return ch.isspace() or unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cf", "Cc")


def character_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def what_is(ch: str) -> str:
    """A character refused in text, named with why."""
    category = unicodedata.category(ch)
    if category == "Cf":
        return f"{character_name(ch)}, a format character that no font of the publication draws"
    what = {"Cs": "a lone surrogate, which is not a character",
            "Co": "a private-use character, which no font of the publication draws",
            "Cn": "an unassigned code point"}.get(category, "a control character")
    return f"U+{ord(ch):04X}, {what}"


SEPARATOR_TABLE = {ord(k): v for k, v in SEPARATORS.items()}


def printable(text: str) -> str:
    """`text` for a message on a terminal: control characters shown as escapes, never sent."""
    return "".join(ascii(ch)[1:-1] if is_control(ch) or ch in "\t\n" else ch for ch in text)
