"""The typed objects handed from one pipeline stage to the next.

Everything here is frozen: a stage reads the previous stage's result and builds
its own, it never edits what it was given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Colour:
    """A theme colour: RGB for screens, CMYK (0-100 per ink) for the press."""
    name: str
    rgb: str                      # "#rrggbb"
    cmyk: tuple[float, float, float, float]


@dataclass(frozen=True)
class Contacts:
    address: str
    web: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Publication:
    """What stays the same from one issue to the next."""
    name: str                     # "Milestones"
    slug: str                     # used in file names: "milestones"
    tagline: str
    publisher: str
    contacts: Contacts
    donors: str                   # the acknowledgement printed on the back page
    colours: dict[str, Colour]
    page_size: str = "A4"
    bleed_mm: float = 3.0
    pages_multiple_of: int = 4    # saddle stitching wants multiples of 4
    # Words of the publication in its other languages: {"ru": {"tagline": ...}}
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class PullQuote:
    text: str
    attribution: str


@dataclass(frozen=True)
class Figure:
    """A photo placed in a story, with its caption and credit line."""
    image: Path                   # absolute path inside the issue folder
    caption: str
    credit: str
    alt: str


@dataclass(frozen=True)
class FactBox:
    title: str
    body: str                     # Markdown


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: float
    note: str = ""                # a short explanation printed beside the label


@dataclass(frozen=True)
class Chart:
    """Data drawn by the charts stage; `id` is unique within the issue."""
    id: str
    kind: str                     # "bars"
    title: str
    unit: str
    points: tuple[ChartPoint, ...]
    subtitle: str = ""
    source: str = ""
    alt: str = ""


@dataclass(frozen=True)
class Story:
    id: str                       # slug, unique in the issue: anchors and file names
    headline: str
    lead: str
    body: str                     # Markdown
    kicker: str = ""
    quotes: tuple[PullQuote, ...] = ()
    figures: tuple[Figure, ...] = ()
    factbox: FactBox | None = None
    charts: tuple[Chart, ...] = ()
    columns: int = 2


@dataclass(frozen=True)
class Issue:
    id: str                       # folder name, e.g. "2017-04"
    folder: Path
    publication: Publication
    number: int
    date: str                     # ISO date of publication, "2017-04-28"
    period: str                   # as printed on the masthead: "March–April 2017"
    language: str
    stories: tuple[Story, ...]
    cover_story: str = ""         # id of the story whose photo leads the front page
    editorial: str = ""           # optional short note on the front page (Markdown)


@dataclass(frozen=True)
class Edition:
    """One PDF made from an issue: `email` (RGB, no bleed) or `print` (press file)."""
    kind: str                     # "email" | "print"
    language: str
    path: Path
    pages: int = 0
    bytes: int = 0
