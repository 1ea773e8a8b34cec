"""The story paragraphs of the composed HTML, for the line setter (lines.py): where
they are (the paragraphs and list items of a story's columns, the editorial's
paragraphs, found by the classes the templates give them), and each one's text
run by run, with the inline elements each run is in, to be written out again
line by line.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

INLINE = {"em", "strong", "a", "i", "b", "span", "sub", "sup", "code"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


# ---- A paragraph's text, run by run ----------------------------------------------------

@dataclass(frozen=True)
class Run:
    """Text and the inline elements it is in, as their start tags."""
    text: str
    tags: tuple[str, ...]

    @property
    def kind(self) -> frozenset[str]:
        return frozenset(tag_name(tag) for tag in self.tags)


class _Runs(HTMLParser):
    """A paragraph's inner HTML as runs; `ok` is False for anything but inline text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.open: list[tuple[str, str]] = []
        self.ok = True

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in INLINE:
            self.ok = False
            return
        self.open.append((tag, self.get_starttag_text() or f"<{tag}>"))

    def handle_startendtag(self, tag, attrs) -> None:
        self.ok = False                  # <br>, <img>: a forced break or a picture

    def handle_endtag(self, tag) -> None:
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
        else:
            self.ok = False

    def handle_data(self, data) -> None:
        self.runs.append(Run(data, tuple(text for _, text in self.open)))


def runs_of(inner: str) -> list[Run] | None:
    parser = _Runs()
    parser.feed(inner)
    parser.close()
    return parser.runs if parser.ok and not parser.open else None


def collapsed(runs: list[Run]) -> list[tuple[str, int]]:
    """Every character with its run, white space collapsed as CSS does."""
    chars: list[tuple[str, int]] = []
    for index, run in enumerate(runs):
        for char in re.sub(r"[ \t\n\r\f]+", " ", run.text):
            if char == " " and (not chars or chars[-1][0] == " "):
                continue
            chars.append((char, index))
    while chars and chars[-1][0] == " ":
        chars.pop()
    return chars


def emit(pieces: list[tuple[str, int]], runs: list[Run]) -> str:
    """Text of runs as HTML, each run's inline elements opened and closed around it."""
    out: list[str] = []
    stack: tuple[str, ...] = ()
    for text, index in merged(pieces):
        tags = runs[index].tags
        shared = 0
        while shared < min(len(stack), len(tags)) and stack[shared] == tags[shared]:
            shared += 1
        out += [end_tag(tag) for tag in reversed(stack[shared:])] + list(tags[shared:])
        out.append(html.escape(text, quote=False))
        stack = tags
    out += [end_tag(tag) for tag in reversed(stack)]
    return "".join(out)


def merged(pieces: list[tuple[str, int]]) -> Iterator[tuple[str, int]]:
    text, index = "", -1
    for piece, run in pieces:
        if run != index and text:
            yield text, index
            text = ""
        text, index = text + piece, run
    if text:
        yield text, index


def end_tag(tag: str) -> str:
    return f"</{tag_name(tag)}>"


def tag_name(tag: str) -> str:
    """The element name of a start tag."""
    return tag[1:].split(maxsplit=1)[0].rstrip(">").lower()


# ---- Where the story paragraphs are in the composed HTML -----------------------------------

@dataclass(frozen=True)
class Target:
    start: int               # the inner HTML's place in the document
    end: int
    inner: str
    kind: str                # "column": a paragraph of a story's columns; "other": hyphenated text
    lang: str
    columns: int
    indented: bool           # a paragraph comes before it in the columns: its first line is indented


def find_targets(document_html: str) -> list[Target]:
    finder = _Finder(document_html)
    finder.feed(document_html)
    finder.close()
    return finder.targets


class _Finder(HTMLParser):
    """Finds the paragraphs and list items of stories' columns and the editorial's
    paragraphs, by the classes the templates give them."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[dict] = []
        self.targets: list[Target] = []
        self.open_target: dict | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        parent = self.stack[-1] if self.stack else None
        indented = bool(parent and parent["after_p"])   # as `.story-columns > p ~ p`
        if parent is not None and tag == "p":
            parent["after_p"] = True
        if tag in VOID:
            return
        entry = {"tag": tag, "classes": classes, "after_p": False,
                 "lang": attributes.get("lang") or (parent["lang"] if parent else ""),
                 "columns": _columns(classes) or (parent["columns"] if parent else 0)}
        self.stack.append(entry)
        if self.open_target is None and tag in ("p", "li"):
            kind = self._kind(tag)
            if kind:
                start = self._offset() + len(self.get_starttag_text() or "")
                self.open_target = {"entry": entry, "start": start, "kind": kind,
                                    "indented": indented}

    def _kind(self, tag: str) -> str | None:
        parents = [e for e in self.stack[:-1]]
        if tag == "p" and parents and "story-columns" in parents[-1]["classes"]:
            return "column"
        if tag == "li" and len(parents) >= 2 and "story-columns" in parents[-2]["classes"]:
            return "other"
        if tag == "p" and any("editorial" in e["classes"] for e in parents):
            return "other"
        return None

    def handle_endtag(self, tag) -> None:
        if tag in VOID:
            return
        while self.stack:
            entry = self.stack.pop()
            target = self.open_target
            if target is not None and entry is target["entry"]:
                end = self._offset()
                self.targets.append(Target(target["start"], end, self.source[target["start"]:end],
                                           target["kind"], entry["lang"], entry["columns"],
                                           target["indented"] and target["kind"] == "column"))
                self.open_target = None
            if entry["tag"] == tag:
                break


def _columns(classes: set[str]) -> int:
    for name in classes:
        match = re.fullmatch(r"story-cols-(\d)", name)
        if match:
            return int(match[1])
    return 0
