"""The lines of the story text, set before WeasyPrint lays the pages out.

WeasyPrint breaks justified text line by line (see breaking.py), and narrow
columns come out loose (README, "Even colour"). So each justified paragraph of a
story's columns is broken here, as a whole, at the width its column will have (a
sample of the stylesheets laid out once says how wide each column count is, how
the type is set and whether it is justified), and every line is handed to
WeasyPrint as a span that does not wrap (class `set-line`, styles/bulletin.css).
WeasyPrint then only stacks the lines into columns and pages, and widens their
spaces as before.

Hyphenation is ours in those paragraphs, with the stylesheet's limits
(`hyphenate-limit-chars`) and Pyphen's dictionary of the language: never in a
word of fewer letters than the limit, a name in capitals (two capitals or more:
CARICC, ВТамО) or a word with a digit. In the hyphenated text this leaves to
WeasyPrint (list items, ragged columns, the editorial, a paragraph that cannot
be set), such words are marked `hyphens: manual`.

A line may carry its own spacing, in the span's style: word spaces a little
narrower and letters a hair closer where that lets it take a word more; letters
a hair apart where its word spaces would otherwise open wide (the limits are
below; README "Even colour" has what they bought).

Each line is measured by Pango, as WeasyPrint measures it, with its own spacing,
and a plan whose line would not fit is made again narrower: a span wider than its
column would stick out of it.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass

from .breaking import Item, Line, Measure, box, break_lines, glue, lines_of, penalty
from .paragraphs import Run, Target, collapsed, emit, end_tag, find_targets, merged, runs_of
from .spacing import LOOSE_EM

LINE_CLASS = "set-line"      # styles/bulletin.css: a line set here, which does not wrap
WHOLE = "hyphens: manual"
SAFETY_PX = 0.3           # lines are planned this much narrower than their column
MARGIN_PX = 0.05          # and must be at least this much narrower, measured whole
TRIES = 3                 # plans of a paragraph before it is left to WeasyPrint
# A line's own setting (breaking.py), in ems of its type: how much narrower its word
# spaces may be set, how much letter-spacing it may take off or on, and the word
# space beyond which it is tracked rather than left to open.
SHRINK_EM = 0.02
TIGHTEN_EM = 0.005
TRACK_EM = 0.02
EVEN_EM = 0.45
SOFT_HYPHEN = "\u00ad"
NBSP = "\u00a0"


# ---- What may be hyphenated --------------------------------------------------------

def keeps_whole(token: str) -> bool:
    """A word hyphenation never breaks: a name in capitals, or one with a digit."""
    return sum(c.isupper() for c in token) >= 2 or any(c.isdigit() for c in token)


def hyphen_points(token: str, hyphenate: Callable[[str], list[int]], total: int) -> list[int]:
    """Where `token` (a word and the punctuation around it) may break with a hyphen:
    inside its words of at least `total` letters, at the points `hyphenate` gives."""
    if keeps_whole(token):
        return []
    points = []
    for match in re.finditer(r"[^\W\d_]+", token):
        if len(match[0]) >= total:
            points += [match.start() + p for p in hyphenate(match[0])]
    return points


def explicit_hyphens(token: str) -> list[int]:
    """Where `token` may break after a hyphen of its own: between words of three
    letters or more ("state-of-the-art", "государства-члены"), not "г-н" nor "10-14"."""
    if any(c.isdigit() for c in token):
        return []
    return [m.end() for m in re.finditer(r"(?<=[^\W\d_]{3})-(?=[^\W\d_]{3})", token)]


# ---- The type, as the stylesheets set it -----------------------------------------------

@dataclass
class Setting:
    """How the stylesheets set a story's paragraphs at one column count in one language."""
    width: float                     # the column's width, px
    indent: float                    # a following paragraph's first-line indent, px
    justified: bool
    hyphenate: bool
    limits: tuple[int, int, int]     # hyphenate-limit-chars: word, before, after
    hyphen: str                      # hyphenate-character
    styles: dict                     # run kind (frozenset of tags) -> WeasyPrint style
    lang: str


SAMPLE_KINDS = [(), ("em",), ("strong",), ("a",), ("em", "strong"), ("strong", "em"), ("em", "a"),
                ("a", "em"), ("strong", "a"), ("a", "strong")]


def sample_html(lang: str) -> str:
    """One paragraph in each column count, with a run of each kind, for `Setting`s."""
    def run(tags):
        opening = "".join(f'<{t} href="#s">' if t == "a" else f"<{t}>" for t in tags)
        return opening + "n" + "".join(f"</{t}>" for t in reversed(tags))
    text = " ".join(run(tags) for tags in SAMPLE_KINDS)
    stories = "".join(f'<article class="story story-cols-{n}" id="sample-{n}" lang="{lang}">'
                      f'<div class="story-columns"><p>n</p><p><span class="{LINE_CLASS}">{text}</span></p>'
                      f'</div></article>'
                      for n in (1, 2, 3))
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>{stories}</body></html>'


def read_settings(document, lang: str) -> dict[int, Setting]:
    """Each column count's `Setting`, from the laid-out `sample_html`."""
    settings = {}
    for article in _descendants(document.pages[0]._page_box):
        if getattr(article, "element_tag", None) != "article":
            continue
        columns = int(article.element.get("id").rsplit("-", 1)[1])
        paragraphs = [b for b in _descendants(article)
                      if type(b).__name__ == "BlockBox" and b.element_tag == "p"]
        first, second = paragraphs[0], paragraphs[1]
        line = next(b for b in _descendants(second) if type(b).__name__ == "LineBox")
        texts = [b for b in _descendants(second) if type(b).__name__ == "TextBox" and b.text.strip()]
        styles = {}
        for kind, text_box in zip(SAMPLE_KINDS, texts):
            styles[frozenset(kind)] = text_box.style
        style = first.style
        total, before, after = style["hyphenate_limit_chars"]
        settings[columns] = Setting(
            width=first.width, indent=texts[0].position_x - line.position_x,
            justified=style["text_align_all"] == "justify", hyphenate=style["hyphens"] == "auto",
            limits=(total, before, after), hyphen=style["hyphenate_character"], styles=styles,
            lang=lang)
    return settings


def _descendants(box) -> Iterator:
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)


# ---- Setting the lines -------------------------------------------------------------------

class LineSetter:
    """Sets the lines of an issue's justified story paragraphs: `set(html)` -> html.

    `lay_out_sample(html)` lays out a document with the edition's stylesheets (for
    `read_settings`); measuring needs WeasyPrint's styles, so it runs where pages
    are laid out."""

    def __init__(self, lay_out_sample: Callable[[str], object],
                 done: MutableMapping[tuple, str] | None = None):
        self.lay_out_sample = lay_out_sample
        self.settings: dict[str, dict[int, Setting]] = {}
        self.widths: dict[tuple[int, str], float] = {}
        self.done = {} if done is None else done      # the paragraphs set (linecache.py keeps them)
        self.hyphenators: dict[tuple, object] = {}
        self.variants: dict[tuple, object] = {}     # styles with a line's own spacing (kept: ids key widths)

    def set(self, document_html: str) -> str:
        parts, at = [], 0
        for target in find_targets(document_html):
            parts += [document_html[at:target.start], self._paragraph(target)]
            at = target.end
        return "".join(parts + [document_html[at:]])

    def _paragraph(self, target: Target) -> str:
        key = (target.inner, target.lang, target.columns, target.indented, target.kind)
        if key not in self.done:
            runs = runs_of(target.inner)
            result = None
            if runs is not None and target.kind == "column":
                setting = self._setting(target.lang, target.columns)
                if setting is not None and setting.justified:
                    result = self._set_lines(runs, setting, target.indented)
            if result is None:
                result = protected(target.inner, runs)
            self.done[key] = result
        return self.done[key]

    def _setting(self, lang: str, columns: int) -> Setting | None:
        if lang not in self.settings:
            self.settings[lang] = read_settings(self.lay_out_sample(sample_html(lang)), lang)
        return self.settings[lang].get(columns)

    def _set_lines(self, runs: list[Run], setting: Setting, indented: bool) -> str | None:
        if any(run.kind not in setting.styles for run in runs):
            return None
        chars = collapsed(runs)
        if not chars:
            return None
        pieces, items = self._items(chars, runs, setting)
        plain = setting.styles[frozenset()]
        space = self._width("n n", plain) - self._width("nn", plain)
        size = setting.styles[frozenset()]["font_size"]
        narrower = SAFETY_PX
        for _ in range(TRIES):
            measure = Measure(setting.width - narrower,
                              setting.width - narrower - (setting.indent if indented else 0.0),
                              LOOSE_EM * size, space, SHRINK_EM * size, TIGHTEN_EM * size,
                              TRACK_EM * size, EVEN_EM * size)
            breaks = break_lines(items, measure)
            if breaks is None:
                return None
            lines = [(self._line_pieces(pieces, items, line.start, line.end), _line_style(line, setting))
                     for line in lines_of(items, breaks, measure)]
            over = max(self._overflow(line, style, runs, setting, indented and number == 0)
                       for number, (line, style) in enumerate(lines))
            if over <= 0:
                return " ".join(f'<span class="{LINE_CLASS}"{_style_attribute(style)}>{emit(line, runs)}</span>'
                                for line, style in lines)
            narrower += over + SAFETY_PX
        return None

    def _items(self, chars: list[tuple[str, int]], runs: list[Run], setting: Setting):
        """The paragraph as items, and each item's text and run (a penalty's: the hyphen)."""
        pieces: list[list[tuple[str, int]]] = []
        items: list[Item] = []
        hyphenate = self._hyphenator(setting)
        total = setting.limits[0]
        for token in _tokens(chars):
            if token[0][0] == " ":
                style = setting.styles[runs[token[0][1]].kind]
                items.append(glue(self._width(" ", style)))
                pieces.append(token)
                continue
            text = "".join(c for c, _ in token)
            points = set(explicit_hyphens(text))
            hyphens = set(hyphen_points(text, hyphenate, total)) if setting.hyphenate else set()
            cut = 0
            for point in sorted(points | hyphens) + [len(text)]:
                part = token[cut:point]
                if not part:
                    continue
                if cut:
                    hyphen = setting.hyphen if cut in hyphens and cut not in points else ""
                    style = setting.styles[runs[token[cut - 1][1]].kind]
                    items.append(penalty(self._width(hyphen, style) if hyphen else 0.0, bool(hyphen)))
                    pieces.append([(hyphen, token[cut - 1][1])] if hyphen else [])
                items.append(self._box(part, runs, setting))
                pieces.append(part)
                cut = point
        return pieces, items

    def _box(self, part: list[tuple[str, int]], runs: list[Run], setting: Setting) -> Item:
        width = sum(self._width(text, setting.styles[runs[index].kind]) for text, index in merged(part))
        spaces = [setting.styles[runs[index].kind] for char, index in part if char == NBSP]
        return box(width, len(spaces), sum(self._width(" ", style) for style in spaces), len(part))

    def _line_pieces(self, pieces, items, start: int, end: int) -> list[tuple[str, int]]:
        line = [p for k in range(start, min(end, len(items))) if items[k].kind != "penalty"
                for p in pieces[k]]
        if end < len(items) and items[end].kind == "penalty":
            line += pieces[end]
        while line and line[-1][0] == " ":
            line.pop()
        return line

    def _overflow(self, line, style: LineStyle | None, runs, setting: Setting, indented: bool) -> float:
        """How much wider than its column the line is, as Pango sets each of its runs
        with the line's own spacing (a hair of room kept)."""
        width = sum(self._width(text, self._styled(setting.styles[runs[index].kind], style))
                    for text, index in merged(line))
        return width - (setting.width - (setting.indent if indented else 0.0) - MARGIN_PX)

    def _styled(self, style, line_style: LineStyle | None):
        """`style` with a line's own letter- and word-spacing."""
        if line_style is None:
            return style
        key = (id(style), line_style)
        if key not in self.variants:
            variant = style.copy()
            variant["letter_spacing"], variant["word_spacing"] = line_style
            self.variants[key] = variant
        return self.variants[key]

    def _hyphenator(self, setting: Setting) -> Callable[[str], list[int]]:
        import pyphen  # WeasyPrint's own dictionaries
        _, before, after = setting.limits
        key = (setting.lang, before, after)
        if key not in self.hyphenators:
            lang = pyphen.language_fallback(setting.lang)
            self.hyphenators[key] = pyphen.Pyphen(lang=lang, left=before, right=after) if lang else None
        dictionary = self.hyphenators[key]
        return dictionary.positions if dictionary is not None else (lambda word: [])  # type: ignore[attr-defined]

    def _width(self, text: str, style) -> float:
        key = (id(style), text)
        if key not in self.widths:
            from weasyprint.text.line_break import Layout, line_size  # loaded where pages are laid out
            layout = Layout(style)
            layout.set_text(text)
            line, _ = layout.get_first_line()
            self.widths[key] = line_size(line, style)[0]
        return self.widths[key]


LineStyle = tuple[float, float]       # a line's letter-spacing and word-spacing, px


def _line_style(line: Line, setting: Setting) -> LineStyle | None:
    """The spacing a line is set with, rounded as it is written; None: the type's own."""
    tracking, narrowing = round(line.tracking, 3), round(line.narrowing, 3)
    if not tracking and not narrowing:
        return None
    return tracking, round(setting.styles[frozenset()]["word_spacing"] - narrowing, 3)


def _style_attribute(style: LineStyle | None) -> str:
    if style is None:
        return ""
    return f' style="letter-spacing: {style[0]:g}px; word-spacing: {style[1]:g}px"'


def _tokens(chars: list[tuple[str, int]]) -> Iterator[list[tuple[str, int]]]:
    """Words (with their punctuation and no-break spaces) and the spaces between them."""
    token: list[tuple[str, int]] = []
    for char in chars:
        if char[0] == " ":
            if token:
                yield token
            yield [char]
            token = []
        else:
            token.append(char)
    if token:
        yield token


def protected(inner: str, runs: list[Run] | None) -> str:
    """A paragraph left to WeasyPrint, its names in capitals and numbers kept whole."""
    if runs is None:
        return inner
    out = []
    for run in runs:
        pieces = re.split(r"(\S+)", run.text)
        text = "".join(f'<span style="{WHOLE}">{html.escape(p, quote=False)}</span>'
                       if n % 2 and keeps_whole(p) else html.escape(p, quote=False)
                       for n, p in enumerate(pieces))
        out.append("".join(run.tags) + text + "".join(end_tag(t) for t in reversed(run.tags)))
    return "".join(out)
