"""What a generated issue is asked to be (`Shape`, from write_issue's keyword
arguments, its gaps filled from the seed) and what was made (`IssueShape`): the
numbers the layout's results are read against.
"""
from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .infographics import ChartSpec

ORIENTATIONS = {"landscape": (2400, 1600), "portrait": (1600, 2400), "square": (2000, 2000),
                "panorama": (4800, 1400)}
MIN_WORDS, MAX_WORDS = 150, 1200

# ---- What was made ------------------------------------------------------------

@dataclass(frozen=True)
class PhotoShape:
    file: str                   # relative to the issue folder
    size_px: tuple[int, int]    # as written (photo_scale applied)
    orientation: str            # landscape | portrait | square | panorama


@dataclass(frozen=True)
class ChartShape:
    id: str
    kind: str
    width: str                  # half | full
    table: bool
    notes: bool


@dataclass(frozen=True)
class StoryShape:
    id: str
    topic: str
    kind: str                   # training | meeting | visit
    columns: int
    words: int                  # English body
    words_ru: int
    photos: tuple[PhotoShape, ...]
    charts: tuple[ChartShape, ...]
    factbox: bool
    quotes: int                 # pull quotes
    kicker: bool
    listed: bool                # a Markdown list in the body
    linked: bool                # a web link in the body
    emphasis: bool              # *emphasis* in the body


@dataclass(frozen=True)
class IssueShape:
    """What write_issue made, for tests and for reading the layout's results against."""
    id: str
    seed: int
    stories: tuple[StoryShape, ...]
    editorial: bool
    cover_story: str            # "" when the issue has none
    characters: tuple[int, int]     # English and Russian words printed, in characters

    @property
    def photos(self) -> tuple[PhotoShape, ...]:
        return tuple(p for s in self.stories for p in s.photos)

    @property
    def charts(self) -> tuple[ChartShape, ...]:
        return tuple(c for s in self.stories for c in s.charts)

    @property
    def factboxes(self) -> int:
        return sum(s.factbox for s in self.stories)

    @property
    def quotes(self) -> int:
        return sum(s.quotes for s in self.stories)


# ---- What is asked ------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    """The knobs of one issue; whatever is left out is drawn from the seed.

    stories     5 to 10
    words       body length of each story, 150 to 1,200 English words
    photos      photos of each story, 0 to 3
    orientations  the photos' orientations in order (cycled): landscape, portrait, square, panorama
    charts      chart specs, 0 to 4: 'bars', 'line+full+table+notes' ...
    factboxes   how many stories carry a fact box
    quotes      how many stories carry a pull quote
    columns     text columns of each story, 1 to 3
    editorial   a note on the front page
    cover       the first story leads the front page
    """
    stories: int
    words: tuple[int, ...]
    photos: tuple[int, ...]
    orientations: tuple[str, ...]
    charts: tuple[ChartSpec, ...]
    factboxes: int
    quotes: int
    columns: tuple[int, ...]
    editorial: bool
    cover: bool


def shape_of(rng: random.Random, asked: Mapping[str, Any]) -> Shape:
    """The shape asked for, its gaps filled from `rng`, checked."""
    unknown = set(asked) - set(Shape.__dataclass_fields__)
    if unknown:
        raise TypeError(f"unknown shape keys: {', '.join(sorted(unknown))}")
    count = asked.get("stories") or len(asked.get("words") or asked.get("photos") or asked.get("columns") or ()) \
        or rng.randint(5, 10)
    words = tuple(asked.get("words") or _lengths(rng, count))
    photos = tuple(asked.get("photos") or (rng.choices((0, 1, 2, 3), (2, 5, 2, 1))[0] for _ in range(count)))
    if asked.get("cover", True) and "photos" not in asked and not photos[0]:
        photos = (1, *photos[1:])        # a cover story shows its photo on the front page
    shape = Shape(
        stories=count, words=words, photos=photos,
        orientations=tuple(asked.get("orientations") or _orientations(rng, sum(photos))),
        charts=tuple(ChartSpec.parse(c) for c in asked.get("charts", _charts(rng))),
        factboxes=asked.get("factboxes", rng.randint(0, 3)),
        quotes=asked.get("quotes", rng.randint(0, count // 2 + 1)),
        columns=tuple(asked.get("columns") or rng.choices((2, 3, 1), (14, 4, 1), k=count)),
        editorial=asked.get("editorial", rng.random() < 0.8), cover=asked.get("cover", rng.random() < 0.8))
    _check(shape)
    return shape


def _lengths(rng: random.Random, count: int) -> list[int]:
    """A mix in every issue: one short story, one long, the others anywhere between."""
    lengths = [rng.randint(MIN_WORDS, 320), rng.randint(800, MAX_WORDS)]
    lengths += [rng.randint(MIN_WORDS, MAX_WORDS) for _ in range(count - 2)]
    rng.shuffle(lengths)
    return lengths


def _orientations(rng: random.Random, count: int) -> list[str]:
    return rng.choices(("landscape", "portrait", "square", "panorama"), (11, 4, 3, 2), k=count)


def _charts(rng: random.Random) -> list[str]:
    kinds = rng.sample(("bars", "columns", "line", "donut", "keyfigures"), rng.choice((0, 1, 2, 2, 3, 4)))
    return [kind + "".join(option for option, chance in (("+full", 0.3), ("+table", 0.3), ("+notes", 0.4))
                           if rng.random() < chance) for kind in kinds]


def _check(shape: Shape) -> None:
    problems = []
    if not 5 <= shape.stories <= 10:
        problems.append(f"{shape.stories} stories (expected 5 to 10)")
    for name in ("words", "photos", "columns"):
        if len(getattr(shape, name)) != shape.stories:
            problems.append(f"{len(getattr(shape, name))} {name} for {shape.stories} stories")
    problems += [f"{w} words (expected {MIN_WORDS} to {MAX_WORDS})" for w in shape.words
                 if not MIN_WORDS <= w <= MAX_WORDS]
    problems += [f"{n} photos in a story (expected 0 to 3)" for n in shape.photos if not 0 <= n <= 3]
    problems += [f"{n} columns (expected 1 to 3)" for n in shape.columns if not 1 <= n <= 3]
    problems += [f"orientation {o!r}" for o in shape.orientations if o not in ORIENTATIONS]
    if len(shape.charts) > 4:
        problems.append(f"{len(shape.charts)} charts (expected at most 4)")
    if not 0 <= shape.factboxes <= shape.stories or not 0 <= shape.quotes <= shape.stories:
        problems.append("more fact boxes or pull quotes than stories")
    if problems:
        raise ValueError("; ".join(problems))
