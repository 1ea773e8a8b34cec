"""The charts' theme: the publication's display family, colours and the sizes the
page gives charts, read from the `--chart-*` tokens of styles/bulletin.css (so
pages and charts share one theme), and the colour of each part of a chart."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.fields import SMALL_TYPE_PT
from ..content.model import Chart, Colour
from ..content.wording import Wording, wording
from ..errors import BuildError

MM_PER_PT = 25.4 / 72
WHITE = Colour("white", "#ffffff", (0, 0, 0, 0))
STYLESHEET_TOKENS = ("--chart-size", "--small-size", "--chart-half", "--chart-full",
                     "--chart-background")


@dataclass(frozen=True)
class ChartTheme:
    """How charts look: the publication's display family, colours and placed sizes."""
    family: str                             # e.g. "Fira Sans"
    font_files: tuple[Path, ...]            # static faces of that family, every weight
    colours: dict[str, Colour]              # the publication's colours by name
    size_pt: float = 8.4                    # labels: --chart-size
    small_pt: float = 7.6                   # notes, axes, keys: --small-size
    half_mm: float = 81.0                   # a chart beside another: --chart-half
    full_mm: float = 168.0                  # a chart across the panel: --chart-full
    background: str = ""                    # colour name of what charts sit on; "" = paper
    language: str = "en"                    # how numbers and units are written
    taller: bool = False                    # drawn with more room, for a page to fill (kinds.TALLER_KINDS)

    def width_of(self, chart: Chart) -> float:
        return self.full_mm if chart.width == "full" else self.half_mm

    @property
    def words(self) -> Wording:
        return wording(self.language)


@dataclass(frozen=True)
class Palette:
    """The colour of each part of a chart, resolved from the theme."""
    bar: Colour
    track: Colour                           # the unfilled rest of a bar or ring
    label: Colour
    note: Colour
    value: Colour
    rule: Colour
    series: tuple[Colour, ...] = field(default=())   # one per series or donut part

    def colours(self) -> tuple[Colour, ...]:
        return (self.bar, self.track, self.label, self.note, self.value, self.rule, *self.series)


def chart_theme(stylesheet: Path, family: str, font_files: Iterable[Path],
                colours: dict[str, Colour], language: str = "en") -> ChartTheme:
    """The theme of the charts, its sizes read from the stylesheet's tokens."""
    tokens = stylesheet_tokens(stylesheet)
    missing = [name for name in STYLESHEET_TOKENS if name not in tokens]
    if missing:
        raise BuildError(f"{stylesheet}: no {', '.join(missing)} (the charts stage draws charts "
                         "at the sizes these custom properties give the page)")
    background = re.fullmatch(r"var\(--([\w-]+)\)", tokens["--chart-background"])
    return ChartTheme(family=family, font_files=tuple(font_files), colours=colours,
                      size_pt=_length(tokens, "--chart-size", "pt", stylesheet),
                      small_pt=_length(tokens, "--small-size", "pt", stylesheet),
                      half_mm=_length(tokens, "--chart-half", "mm", stylesheet),
                      full_mm=_length(tokens, "--chart-full", "mm", stylesheet),
                      background=background[1] if background else "", language=language)


def stylesheet_tokens(stylesheet: Path) -> dict[str, str]:
    """Every custom property the stylesheet declares, first declaration first."""
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.S)
    tokens: dict[str, str] = {}
    for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;{}]+)", css):
        tokens.setdefault(name, value.strip())
    return tokens


def _length(tokens: dict[str, str], name: str, unit: str, stylesheet: Path) -> float:
    per = {"pt": {"pt": 1.0, "mm": 72 / 25.4}, "mm": {"mm": 1.0, "pt": 25.4 / 72}}[unit]
    match = re.fullmatch(r"([\d.]+)(pt|mm)", tokens[name])
    if not match:
        raise BuildError(f"{stylesheet}: {name} is '{tokens[name]}' (expected a length in pt or mm)")
    return float(match[1]) * per[match[2]]


def palette_of(theme: ChartTheme) -> Palette:
    """Each part's colour by its role in the theme, with fallbacks for a sparse theme."""
    colours = theme.colours
    ink = colours.get("ink") or Colour("ink", "#000000", (0, 0, 0, 100))
    accent = colours.get("accent") or ink
    # A tint is a screen of the accent ink: 15 % of it, on press and on screen.
    tint = colours.get("tint") or _screen(accent, 0.15)
    # On a tint panel a tint track vanishes; unprinted paper shows it instead.
    on_tint = theme.background and colours.get(theme.background, WHITE).rgb == tint.rgb
    muted = colours.get("muted") or ink
    # Series: the accent, then the publication's other strong inks, then
    # half screens of the first two, so neighbours always differ in hue or lightness.
    strong = list(dict.fromkeys(c for c in (accent, colours.get("warm"), colours.get("deep"), muted)
                                if c is not None))
    series = tuple(strong + [_screen(c, 0.45) for c in strong[:2]])
    return Palette(bar=accent, track=WHITE if on_tint else tint, label=ink, note=muted,
                   value=ink, rule=colours.get("rule") or _screen(ink, 0.3), series=series)


def _screen(colour: Colour, share: float) -> Colour:
    rgb = [int(colour.rgb[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = "#" + "".join(f"{round(255 - (255 - v) * share):02x}" for v in rgb)
    c, m, y, k = (round(v * share, 2) for v in colour.cmyk)
    small = tuple(round(v * share, 2) for v in colour.small) if colour.small else None
    return Colour(f"{colour.name} {share:.0%}", mixed, (c, m, y, k), small)  # type: ignore[arg-type]


def to_device_cmyk(svg: str, colours: Iterable[Colour]) -> str:
    """Replace the colours' #rrggbb in `svg` by device-cmyk() of their ink values;
    in text below 9 pt, by those of the colour's small-type form."""
    colours = list(colours)
    inks = {c.rgb.lower(): _device_cmyk(c.cmyk) for c in colours}
    small = {c.rgb.lower(): _device_cmyk(c.small_cmyk) for c in colours}

    def text(element: re.Match) -> str:
        # matplotlib writes sizes in px of its 72-per-inch canvas: points.
        size = re.search(r"font-size:\s*([\d.]+)px", element.group())
        table = small if size and float(size[1]) < SMALL_TYPE_PT else inks
        return _recoloured(element.group(), table)

    return _recoloured(re.sub(r"<text\b[^>]*>", text, svg), inks)


def _recoloured(svg: str, table: dict[str, str]) -> str:
    return re.sub(r"#[0-9a-fA-F]{6}(?![0-9a-fA-F])", lambda m: table.get(m.group().lower(), m.group()), svg)


def _device_cmyk(cmyk: tuple[float, ...]) -> str:
    return "device-cmyk({:g} {:g} {:g} {:g})".format(*(v / 100 for v in cmyk))
