"""Breaking a paragraph into lines as a whole: total fit, after Knuth and Plass.

WeasyPrint breaks a line as soon as the next word does not fit, then widens the
word spaces to fill it. When the word that did not fit is short or cannot be
hyphenated, the line is left loose, however well the lines around it could have
taken a word more or less. Here every way of breaking the paragraph is weighed
at once (by dynamic programming over its break points), and the one whose lines
stretch least overall is kept.

The paragraph is a sequence of items: boxes (text that cannot break), glue (a
word space, where a line may break; the space is dropped there) and penalties
(a point inside a word where it may break, with a hyphen added when it does).
WeasyPrint's justification only widens spaces, never narrows them. So each line
is given its own setting before it goes to WeasyPrint, as a designer's
justification settings would give it: its word spaces a little narrower, or its
letters a hair closer, where that lets it take a word more (shrink); its letters a
hair further apart where its spaces would otherwise open wide (tracking). The line
must fit at that setting; its looseness is what each of its spaces then grows by.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

# Demerits, on the scale of TeX's: a line's badness is 100 at the width of space a
# reader sees as loose (`Measure.loose`), and (LINE + badness)² is its cost.
LINE = 10                 # each line costs this: fewer lines when all else is equal
HYPHEN = 50               # a break at a hyphen (TeX's \hyphenpenalty)
DOUBLE_HYPHEN = 3000      # two hyphenated lines in a row (TeX: \doublehyphendemerits)
FINAL_HYPHEN = 3000       # the last full line of a paragraph hyphenated (\finalhyphendemerits)
UNFILLED = 10000          # a line with no space to widen that does not reach the measure
TRACKED = 20              # badness of a line tracked as far as it may be (less when less)
EPSILON = 1e-6


@dataclass(frozen=True)
class Item:
    """A box, glue or penalty of a paragraph."""
    kind: str                 # "box" | "glue" | "penalty"
    width: float              # px: a box's or a glue's width; a penalty's hyphen, if broken at
    spaces: int = 0           # word spaces in it that justification widens (a glue: 1;
                              # a box: its no-break spaces)
    space_width: float = 0.0  # their natural width together
    hyphen: bool = False      # a penalty that adds a hyphen (an explicit hyphen adds none)
    chars: int = 0            # characters in it, each of which letter-spacing widens


def box(width: float, spaces: int = 0, space_width: float = 0.0, chars: int = 0) -> Item:
    return Item("box", width, spaces, space_width, chars=chars)


def glue(width: float) -> Item:
    return Item("glue", width, 1, width, chars=1)


def penalty(width: float, hyphen: bool = True) -> Item:
    return Item("penalty", width, hyphen=hyphen, chars=int(hyphen))


@dataclass(frozen=True)
class Measure:
    """The lines to fill: their width, the first one's (after an indent), the word
    space (px) at which a line reads as loose, and how far a line's own setting may
    depart from the type's."""
    width: float
    first: float
    loose: float              # the mean word space of a line at the edge of loose
    normal: float             # a word space as the font sets it
    shrink: float = 0.0       # px a word space may be set narrower
    tighten: float = 0.0      # px of letter-spacing a line may take off, to take a word more
    track: float = 0.0        # px of letter-spacing a line may take on, not to open its spaces
    even: float = 0.0         # the word space beyond which a line is tracked (0: normal)


@dataclass(frozen=True)
class Line:
    start: int                # index of its first item
    end: int                  # index of the break item ending it (len(items) for the last)
    width: float              # natural width, hyphen included
    spaces: int
    gap: float                # mean word gap once justified, px (the natural one on the last line):
                              # its spaces and the letter-spacing of the letters beside them
    chars: int = 0
    tracking: float = 0.0     # letter-spacing the line is set with, px
    narrowing: float = 0.0    # px its word spaces are set narrower than the type's


def break_lines(items: list[Item], measure: Measure) -> list[int] | None:
    """The break points (indexes of glue or penalty items) that set `items` in the
    fewest demerits, or None when some box cannot fit any line."""
    sums = _Sums(items)
    breaks = [-1] + [k for k, item in enumerate(items) if item.kind != "box"] + [len(items)]
    last_break = breaks[-2]
    best: dict[int, tuple[float, int]] = {-1: (0.0, -1)}     # break -> (demerits, previous break)
    for j in range(1, len(breaks)):
        end = breaks[j]
        found: tuple[float, int] | None = None
        for i in range(j - 1, -1, -1):
            start = breaks[i]
            line = sums.line(start, end)
            available = measure.first if start == -1 else measure.width
            if line.width - _shrinkable(line, measure) > available + EPSILON:
                break                     # an earlier start only makes the line longer
            if start not in best:
                continue
            cost = best[start][0] + _demerits(items, start, end, line, available, measure,
                                              final=end == last_break)
            if found is None or cost < found[0]:
                found = (cost, start)
        if found is not None:
            best[end] = found
    if len(items) not in best:
        return None
    chosen = []
    at = best[len(items)][1]
    while at != -1:
        chosen.append(at)
        at = best[at][1]
    return chosen[::-1]


def lines_of(items: list[Item], breaks: list[int], measure: Measure) -> list[Line]:
    """The lines `breaks` make of `items`, each with its setting and justified word space."""
    sums = _Sums(items)
    result = []
    for start, end in zip([-1] + breaks, breaks + [len(items)]):
        available = measure.first if start == -1 else measure.width
        result.append(set_line(sums.line(start, end), available, measure, end == len(items))[0])
    return result


def set_line(line: Line, available: float, measure: Measure, last: bool) -> tuple[Line, float]:
    """`line` with the setting that fills `available` best, and its badness (on TeX's
    scale: 100 at the edge of loose, or shrunk as far as it may be)."""
    excess = available - line.width
    if excess < -EPSILON:             # too long at the type's setting: shrunk, proportionally
        ratio = -excess / max(_shrinkable(line, measure), EPSILON)
        tracking, narrowing = -ratio * measure.tighten, ratio * measure.shrink
        gap = line.gap - narrowing + 2 * tracking
        return _with(line, gap, tracking, narrowing), min(UNFILLED, 100 * ratio ** 3)
    if last or not line.spaces:
        unfilled = not last and excess > 0.5
        return line, UNFILLED if unfilled else 0.0
    gap = line.gap + excess / line.spaces
    even = measure.even or measure.normal
    tracking = 0.0
    letters = line.chars - 2 * line.spaces      # the letter-spacing a gap's neighbours take is seen in it
    if gap > even and letters > 0:
        # letters a hair apart take what the spaces would have taken beyond `even`
        tracking = min(measure.track, (gap - even) * line.spaces / letters)
        gap -= tracking * letters / line.spaces
    ratio = max(0.0, gap - measure.normal) / max(measure.loose - measure.normal, EPSILON)
    badness = 100 * ratio ** 3 + (TRACKED * (tracking / measure.track) ** 2 if tracking else 0.0)
    return _with(line, gap, tracking, 0.0), min(UNFILLED, badness)


def _with(line: Line, gap: float, tracking: float, narrowing: float) -> Line:
    return Line(line.start, line.end, line.width, line.spaces, gap, line.chars, tracking, narrowing)


def _shrinkable(line: Line, measure: Measure) -> float:
    """How much narrower than its natural width a line may be set."""
    return line.spaces * measure.shrink + line.chars * measure.tighten


class _Sums:
    """Running totals over the items, so that any line's are two subtractions."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.width, self.spaces, self.space_width, self.chars = [0.0], [0], [0.0], [0]
        for item in items:
            counted = item.kind != "penalty"
            self.width.append(self.width[-1] + (item.width if counted else 0.0))
            self.spaces.append(self.spaces[-1] + (item.spaces if counted else 0))
            self.space_width.append(self.space_width[-1] + (item.space_width if counted else 0.0))
            self.chars.append(self.chars[-1] + (item.chars if counted else 0))

    def line(self, start: int, end: int) -> Line:
        """The line after the break at `start` (-1: the paragraph's start) up to the one at `end`."""
        first = start + 1
        natural = self.width[end] - self.width[first]
        chars = self.chars[end] - self.chars[first]
        if end < len(self.items) and self.items[end].kind == "penalty":
            natural += self.items[end].width
            chars += self.items[end].chars
        count = self.spaces[end] - self.spaces[first]
        gap = (self.space_width[end] - self.space_width[first]) / count if count else 0.0
        return Line(first, end, natural, count, gap, chars)


def _demerits(items: list[Item], start: int, end: int, line: Line, available: float,
              measure: Measure, final: bool) -> float:
    last = end == len(items)
    badness = set_line(line, available, measure, last)[1]
    demerits = (LINE + badness) ** 2
    hyphenated_end = not last and items[end].kind == "penalty"
    hyphenated_start = start >= 0 and items[start].kind == "penalty"
    if hyphenated_end:
        demerits += HYPHEN ** 2
        if hyphenated_start:
            demerits += DOUBLE_HYPHEN
        if final:
            demerits += FINAL_HYPHEN
    return demerits if math.isfinite(demerits) else UNFILLED ** 2
