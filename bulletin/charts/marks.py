"""The marks a chart is drawn with, in millimetres from its top-left corner (y
downwards, as on the page), the type roles of its text, and the text helpers
that place lines of type."""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from ..content.model import Colour
from .theme import MM_PER_PT, ChartTheme

HASH_SALT = "bulletin"                  # fixes the ids matplotlib derives for clip paths
LEADING = 1.22
CAP_HEIGHT = 0.69                       # of the em: Fira Sans 0.689, most sans close
DESCENT = 0.25                          # of the em, below the baseline
# Below this label column width (mm) the notes of a bar chart wrap into too many
# lines: the bar then goes under its label and note instead of beside them.
MIN_SIDE_COLUMN = 45.0
RULE_PT, BASELINE_PT, LINE_PT = 0.4, 0.7, 1.6
END_GAP = 1.0                           # mm between a line's last value and its name


# ---- Type and marks -------------------------------------------------------------

@dataclass(frozen=True)
class Type:
    """A type role: size in points and weight, in the theme's family."""
    size: float
    weight: int

    @property
    def mm(self) -> float:
        return self.size * MM_PER_PT


@dataclass(frozen=True)
class Types:
    label: Type                         # bar labels, categories
    text: Type                          # a donut's part labels, beside their values
    note: Type                          # notes under labels
    value: Type                         # values printed at bar ends, on columns
    axis: Type                          # scale figures, x labels, keys
    figure: Type                        # values on columns and on a line's points
    big: Type                           # the figure in a donut's hole

    @classmethod
    def of(cls, theme: ChartTheme) -> Types:
        return cls(label=Type(theme.size_pt, 600), text=Type(theme.size_pt, 400),
                   note=Type(theme.small_pt, 400),
                   value=Type(round(theme.size_pt * 1.3, 2), 700),
                   axis=Type(theme.small_pt, 400), figure=Type(theme.small_pt, 600),
                   big=Type(round(theme.size_pt * 2.4, 2), 800))

    def all(self) -> tuple[Type, ...]:
        return (self.label, self.text, self.note, self.value, self.axis, self.figure, self.big)


@dataclass(frozen=True)
class Text:
    x: float
    y: float                            # the baseline
    text: str
    type: Type
    colour: Colour
    align: str = "left"                 # "left" | "center" | "right"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    colour: Colour
    round: bool = False                 # fully rounded ends (a bar)


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    colour: Colour
    width_pt: float


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    radius: float
    colour: Colour


@dataclass(frozen=True)
class Segment:
    """A piece of a ring, from `start` to `end` turns clockwise from twelve o'clock."""
    x: float
    y: float
    radius: float
    thickness: float
    start: float
    end: float
    colour: Colour


Mark = Text | Box | Line | Dot | Segment


@dataclass(frozen=True)
class Sketch:
    width: float
    height: float
    marks: tuple[Mark, ...]


Measure = Callable[[str, Type], float]   # (text, type) -> width in mm


class Illegible(ValueError):
    """A chart that cannot be drawn legibly at its size: the message says what and why."""


# ---- Text helpers ---------------------------------------------------------------------

def wrap(text: str, width_mm: float, role: Type, measure: Measure) -> tuple[str, ...]:
    """Lines of `text` no wider than `width_mm`, evened out (no lone last word).

    textwrap counts characters: the count comes from the text's mean character
    width, then shrinks until every line, measured in the face, fits. Words are
    never split: a word wider than `width_mm` gets a line of its own (see `shrunk`).
    """
    def lines_of(columns: int) -> list[str]:
        return textwrap.wrap(text, columns, break_long_words=False, break_on_hyphens=False)

    per_char = measure(text, role) / max(1, len(text))
    columns = max(1, int(width_mm / per_char))
    lines = lines_of(columns)
    while columns > 1 and max(measure(line, role) for line in lines) > width_mm:
        columns -= 1
        lines = lines_of(columns)
    while columns > 1 and _still_even(lines_of(columns - 1), len(lines)):
        columns -= 1
    return tuple(lines_of(columns))


def shrunk(text: str, width_mm: float, roles: tuple[Type, ...], measure: Measure) -> tuple[tuple[str, ...], Type]:
    """`text` wrapped to `width_mm` in the first of `roles` (largest first) in which its
    widest word fits; `Illegible` when it fits in none: words are never split."""
    words = text.split() or [text]
    for role in roles:
        widest = max(words, key=lambda word: measure(word, role))
        if measure(widest, role) <= width_mm + 0.05:
            return wrap(text, width_mm, role, measure), role
    raise Illegible(f"the word '{widest}' is {measure(widest, roles[-1]):.0f} mm wide even in the "
                    f"chart's {roles[-1].size:g} pt type, wider than the {width_mm:.0f} mm its labels "
                    "have (shorten it, or break it with a hyphen and a space)")


def _still_even(lines: list[str], count: int) -> bool:
    # As many lines as before, and the last no longer than the first: a
    # paragraph that narrows downwards reads better than one that widens.
    return len(lines) == count and len(lines[-1]) <= len(lines[0])


def baselines(top: float, lines: int, size: float) -> tuple[float, ...]:
    """Baselines of `lines` lines of `size` mm type whose first capitals start at `top`."""
    first = top + CAP_HEIGHT * size
    return tuple(first + i * LEADING * size for i in range(lines))
