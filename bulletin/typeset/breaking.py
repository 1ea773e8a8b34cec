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
WeasyPrint's justification only widens spaces, never narrows them: a line must
fit at its natural width, and its looseness is what each of its spaces grows by.
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


def box(width: float, spaces: int = 0, space_width: float = 0.0) -> Item:
    return Item("box", width, spaces, space_width)


def glue(width: float) -> Item:
    return Item("glue", width, 1, width)


def penalty(width: float, hyphen: bool = True) -> Item:
    return Item("penalty", width, hyphen=hyphen)


@dataclass(frozen=True)
class Measure:
    """The lines to fill: their width, the first one's (after an indent), and the
    word space (px) at which a line reads as loose."""
    width: float
    first: float
    loose: float              # the mean word space of a line at the edge of loose
    normal: float             # a word space as the font sets it


@dataclass(frozen=True)
class Line:
    start: int                # index of its first item
    end: int                  # index of the break item ending it (len(items) for the last)
    width: float              # natural width, hyphen included
    spaces: int
    gap: float                # mean word space once justified, px (the natural one on the last line)


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
            if line.width > available + EPSILON:
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
    """The lines `breaks` make of `items`, each with its justified word space."""
    sums = _Sums(items)
    result = []
    for start, end in zip([-1] + breaks, breaks + [len(items)]):
        line = sums.line(start, end)
        if end < len(items) and line.spaces:
            available = measure.first if start == -1 else measure.width
            line = Line(line.start, line.end, line.width, line.spaces,
                        line.gap + (available - line.width) / line.spaces)
        result.append(line)
    return result


class _Sums:
    """Running totals over the items, so that any line's are two subtractions."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.width, self.spaces, self.space_width = [0.0], [0], [0.0]
        for item in items:
            counted = item.kind != "penalty"
            self.width.append(self.width[-1] + (item.width if counted else 0.0))
            self.spaces.append(self.spaces[-1] + (item.spaces if counted else 0))
            self.space_width.append(self.space_width[-1] + (item.space_width if counted else 0.0))

    def line(self, start: int, end: int) -> Line:
        """The line after the break at `start` (-1: the paragraph's start) up to the one at `end`."""
        first = start + 1
        natural = self.width[end] - self.width[first]
        if end < len(self.items) and self.items[end].kind == "penalty":
            natural += self.items[end].width
        count = self.spaces[end] - self.spaces[first]
        gap = (self.space_width[end] - self.space_width[first]) / count if count else 0.0
        return Line(first, end, natural, count, gap)


def _demerits(items: list[Item], start: int, end: int, line: Line, available: float,
              measure: Measure, final: bool) -> float:
    last = end == len(items)
    if last:
        badness = 0.0
    elif line.spaces == 0:
        badness = UNFILLED if available - line.width > 0.5 else 0.0
    else:
        stretch = (available - line.width) / line.spaces
        ratio = max(0.0, stretch) / max(measure.loose - measure.normal, EPSILON)
        badness = min(UNFILLED, 100 * ratio ** 3)
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
