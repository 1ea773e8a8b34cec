"""The editions an issue is made into, one spec each: a registry, not branches.

Every stage that treats editions differently reads what it needs from the
edition's spec: the stylesheet and colour values (typeset), the PDF variant and
its options (typeset), how photos are converted (typeset.photos), whether a
press profile becomes the OutputIntent, which preflight checks apply, and
whether the file goes to the print shop. Adding an edition is adding an
entry to `EDITIONS`.
"""
from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType


class EditionKind(enum.StrEnum):
    """The editions by name; the value is what build.json and messages say."""
    EMAIL = "email"
    PRINT = "print"


class ColourMode(enum.StrEnum):
    """Which value of each theme colour an edition is painted in."""
    RGB = "rgb"               # screens: the colour's #rrggbb
    CMYK = "cmyk"             # the press: the colour's own ink values, device-cmyk()


class PhotoConversion(enum.StrEnum):
    """How an edition's photos are made from the issue's, at the size each is placed
    at (see typeset.photos)."""
    SCREEN = "screen"         # upright sRGB, downsampled to the email edition's ppi
    PRESS = "press"           # separated to CMYK with the press profile; resampled above its limit


@dataclass(frozen=True)
class EditionSpec:
    kind: EditionKind
    description: str                  # for people: "email edition"
    stylesheet: str                   # styles/<name>, added after bulletin.css
    colour_mode: ColourMode
    photos: PhotoConversion
    pdf_options: Mapping[str, object]  # WeasyPrint's write options
    file_suffix: str                  # milestones-2017-04-en<suffix>.pdf
    bleed: bool                       # pages carry the publication's bleed
    press: bool                       # made for a press: its profile is the OutputIntent
    checks: tuple[str, ...]           # the preflight checks that apply, by name
    hands_off: bool                   # goes to the print shop when preflight passes


EDITIONS: Mapping[EditionKind, EditionSpec] = MappingProxyType({
    EditionKind.EMAIL: EditionSpec(
        kind=EditionKind.EMAIL, description="email edition", stylesheet="email.css",
        colour_mode=ColourMode.RGB, photos=PhotoConversion.SCREEN,
        # Tagged PDF/UA-1 for screen readers, with working links.
        pdf_options=MappingProxyType({"pdf_variant": "pdf/ua-1", "pdf_tags": True,
                                      "custom_metadata": True}),
        file_suffix="", bleed=False, press=False,
        checks=("structure", "copy", "fonts", "boxes", "tags", "headings", "artifacts", "languages",
                "metadata", "bookmarks", "email images", "alt text", "links", "link tags", "link text",
                "size"),
        hands_off=False),
    EditionKind.PRINT: EditionSpec(
        kind=EditionKind.PRINT, description="print edition", stylesheet="print.css",
        colour_mode=ColourMode.CMYK, photos=PhotoConversion.PRESS,
        # PDF/X-4: DeviceCMYK means the press profile's CMYK, named by the OutputIntent.
        # Untagged, and its links dropped by the finisher: PDF/X wants no annotation
        # on the printed area, and paper has no use for tags.
        pdf_options=MappingProxyType({"pdf_variant": "pdf/x-4", "output_intent": "device-cmyk",
                                      "pdf_tags": False, "custom_metadata": True}),
        file_suffix="-print", bleed=True, press=True,
        checks=("structure", "copy", "fonts", "boxes", "pdf/x", "pages", "print images", "colour", "ink",
                "black text", "small type", "annotations"),
        hands_off=True),
})
ALL_KINDS: tuple[EditionKind, ...] = tuple(EDITIONS)


def spec(kind: EditionKind | str) -> EditionSpec:
    return EDITIONS[EditionKind(kind)]


@dataclass(frozen=True)
class EditionFile:
    """One PDF a build wrote: an edition of the issue in one language."""
    kind: EditionKind
    language: str
    path: Path
    pages: int = 0
    bytes: int = 0

    @property
    def spec(self) -> EditionSpec:
        return EDITIONS[self.kind]
