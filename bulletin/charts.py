"""Stage 2, charts: the issue's `Chart` data -> one SVG file per chart and edition.

Charts are drawn as designed infographics, not default plots: text in the
publication's display family at the sizes of the page around them, colours
from the publication's palette, direct labels, no axes boxes. Titles, notes,
sources, key figures and data tables are not drawn: the HTML sets them, in the
same type as the rest of the page (see `keyfigure_view`, `chart_table`).

One theme serves pages and charts: colours come from publication.yaml, the
family from fonts/fonts.yaml, and the sizes and widths from the `--chart-*`
tokens of styles/bulletin.css (`chart_theme`), which the CSS uses too.

The SVG keeps its text as text and is byte-identical for the same data. A chart
is drawn only when its drawing key (kind, data, size, theme, edition colours,
matplotlib version, drawing code) changed: the key is in the file name, so an
SVG already in the charts folder is reused, and matplotlib is not imported at
all when every chart is. The drawing itself lives in `chartkinds`.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import BuildError
from .model import Chart, Colour
from .wording import Wording, wording

log = logging.getLogger("bulletin.charts")

# kind -> what a screen reader announces before the data
KIND_NAMES = {"bars": "Bar chart", "columns": "Column chart", "line": "Line chart",
              "donut": "Donut chart", "keyfigures": "Key figures"}
# Key figures are big numbers and words: the HTML sets them as text, in the
# page's own type, wrapping and colours; there is nothing to draw.
DRAWN_KINDS = ("bars", "columns", "line", "donut")
MM_PER_PT = 25.4 / 72
WHITE = Colour("white", "#ffffff", (0, 0, 0, 0))
STYLESHEET_TOKENS = ("--chart-size", "--small-size", "--chart-half", "--chart-full",
                     "--chart-background")
_CODE = (Path(__file__), Path(__file__).with_name("chartkinds.py"))


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


@dataclass(frozen=True)
class DrawnCharts:
    """The SVG of each drawn chart by id, and how many were drawn or reused."""
    files: dict[str, Path]
    drawn: int
    reused: int


# ---- Theme ------------------------------------------------------------------

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
    return Colour(f"{colour.name} {share:.0%}", mixed, tuple(round(v * share, 2) for v in colour.cmyk))


def to_device_cmyk(svg: str, colours: Iterable[Colour]) -> str:
    """Replace the colours' #rrggbb in `svg` by device-cmyk() of their ink values."""
    by_hex = {c.rgb.lower(): "device-cmyk({:g} {:g} {:g} {:g})".format(*(v / 100 for v in c.cmyk))
              for c in colours}
    return re.sub(r"#[0-9a-fA-F]{6}(?![0-9a-fA-F])",
                  lambda m: by_hex.get(m.group().lower(), m.group()), svg)


# ---- Drawing, with the cache ------------------------------------------------

def draw_charts(charts: Iterable[Chart], out_dir: Path, theme: ChartTheme,
                cmyk: bool = False) -> DrawnCharts:
    """Draw each chart of a drawn kind to out_dir/<id>-<key>.svg, unless it is there.

    With `cmyk`, the theme's colours are written as `device-cmyk()` of their
    ink values, so the press gets the publication's own separations: WeasyPrint
    70 paints them as DeviceCMYK fills, strokes and text. SVGs of charts no
    longer in the issue are removed.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    files, drawn, reused = {}, 0, 0
    for chart in charts:
        if chart.kind not in DRAWN_KINDS:
            continue
        path = out_dir / f"{chart.id}-{drawing_key(chart, theme, cmyk)[:16]}.svg"
        if path.is_file():
            reused += 1
            log.info("charts: %s reused from %s", chart.id, path.name)
        else:
            _write_atomically(path, draw_chart(chart, theme, cmyk))
            drawn += 1
            log.info("charts: %s, %s drawn -> %s", chart.id, chart.kind, path)
        files[chart.id] = path
    for stale in set(out_dir.glob("*.svg")) - set(files.values()):
        stale.unlink()
    return DrawnCharts(files, drawn, reused)


def draw_chart(chart: Chart, theme: ChartTheme, cmyk: bool = False) -> str:
    """The SVG text of one chart (this imports matplotlib).

    The press's SVG is the screen's recoloured, so a chart drawn for one
    edition is not drawn again for the other."""
    palette = palette_of(theme)
    key = drawing_key(chart, theme, cmyk=False)
    svg = _RECENT.get(key)
    if svg is None:
        from . import chartkinds
        svg = _RECENT[key] = chartkinds.draw(chart, theme, palette)
        if len(_RECENT) > RECENT_CHARTS:
            del _RECENT[next(iter(_RECENT))]
    return to_device_cmyk(svg, palette.colours()) if cmyk else svg


RECENT_CHARTS = 32       # enough for both editions of an issue; `watch` runs for hours
_RECENT: dict[str, str] = {}     # drawing key -> SVG, oldest first


def drawing_key(chart: Chart, theme: ChartTheme, cmyk: bool) -> str:
    """A hash of everything the SVG depends on, and of nothing the HTML sets."""
    words = theme.words
    drawn = {
        "kind": chart.kind, "unit": chart.unit, "width": theme.width_of(chart),
        "points": [[p.label, p.value, p.note] for p in chart.points],
        "categories": list(chart.categories),
        "series": [[s.name, list(s.values)] for s in chart.series],
        "theme": [theme.family, [(p.name, p.stat().st_size) for p in theme.font_files],
                  sorted((c.name, c.rgb, c.cmyk) for c in theme.colours.values()),
                  theme.size_pt, theme.small_pt, theme.background],
        "numbers": [words["decimal"], words["thousands"], words["units"]],
        "cmyk": cmyk, "matplotlib": _matplotlib_version(),
        "code": _code_fingerprint(),
    }
    return hashlib.sha256(json.dumps(drawn, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@functools.lru_cache(maxsize=None)
def _matplotlib_version() -> str:
    return importlib.metadata.version("matplotlib")     # reads the package's metadata: 7 ms


@functools.lru_cache(maxsize=None)
def _code_fingerprint() -> str:
    # A change to the drawing code redraws every chart, as a new matplotlib does.
    digest = hashlib.sha256()
    for path in _CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _write_atomically(path: Path, text: str) -> None:
    # A killed build must not leave half an SVG that a later build would reuse.
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temp, path)


# ---- Words: alt text, tables, key figures ------------------------------------

def chart_alt(chart: Chart, language: str = "en") -> str:
    """The chart's alt text: its own, or one read from its data."""
    if chart.alt:
        return chart.alt
    words = wording(language)
    what = f"{KIND_NAMES.get(chart.kind, 'Chart')}: {chart.title.rstrip(' :')}"
    if chart.subtitle:
        what += f" ({chart.subtitle})"
    if chart.series:
        values = "; ".join(
            f"{s.name}: " + ", ".join(f"{c} {words.quantity(v, chart.unit)}"
                                      for c, v in zip(chart.categories, s.values))
            for s in chart.series)
    else:
        values = ", ".join(f"{p.label} {words.quantity(p.value, p.unit or chart.unit)}"
                           for p in chart.points)
    return f"{what}: {values}"


def chart_words(chart: Chart) -> Iterator[str]:
    """Every text of the content a chart prints (for the check that the fonts have its glyphs)."""
    yield from (chart.title, chart.subtitle, chart.unit, chart.notes, chart.source)
    for point in chart.points:
        yield from (point.label, point.note, point.unit)
    yield from chart.categories
    yield from (series.name for series in chart.series)


def chart_table(chart: Chart, language: str = "en") -> dict:
    """The chart's data as a table: {"head": [...], "rows": [[...], ...]}.

    Series run across (one column each), categories or points down.
    """
    words = wording(language)
    if chart.series:
        head = ["", *(s.name for s in chart.series)]
        rows = [[category, *(words.quantity(s.values[i], chart.unit) for s in chart.series)]
                for i, category in enumerate(chart.categories)]
    else:
        head = []
        rows = [[p.label, words.quantity(p.value, p.unit or chart.unit)] for p in chart.points]
    return {"head": head, "rows": rows}


def keyfigure_view(value: float, unit: str, language: str = "en") -> dict:
    """A key figure split for setting: the number big, a long unit smaller beside it.

    The language's own way of writing the quantity is kept ('29 million USD',
    '29 млн долларов США', '57%'): only where the number sits in it is found.
    """
    words = wording(language)
    number, quantity = words.number(value), words.quantity(value, unit)
    before, _, after = quantity.partition(number)
    if len(after.strip()) <= 1:             # "%" stays with the number
        return {"before": before, "number": number + after, "unit": ""}
    return {"before": before, "number": number, "unit": after.strip()}
