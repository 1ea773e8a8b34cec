"""Stage 2, charts: the issue's `Chart` data -> one SVG file per chart and edition.

Charts are drawn as designed infographics, not default plots: text in the
publication's display family at the sizes of the page around them, colours
from the publication's palette, direct labels, no axes boxes. Titles, notes,
sources, key figures and data tables are not drawn: the HTML sets them, in the
same type as the rest of the page (see `words`).

The SVG keeps its text as text and is byte-identical for the same data. A chart
is drawn only when its drawing key (kind, data, size, theme, edition colours,
matplotlib version, drawing code) changed: the key is in the file name, so an
SVG already in the charts folder is reused, and matplotlib is not imported at
all when every chart is. The drawing itself lives in `kinds` and `render`.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.model import Chart
from ..errors import BuildError, ContentError
from ..files import FileCache
from .marks import Illegible
from .theme import ChartTheme, palette_of, to_device_cmyk

log = logging.getLogger("bulletin.charts")

# Key figures are big numbers and words: the HTML sets them as text, in the
# page's own type, wrapping and colours; there is nothing to draw.
DRAWN_KINDS = ("bars", "columns", "line", "donut")
# Kinds also drawn taller (their bars further apart, their plots higher): the fitter may set
# a story's charts so to fill the page they end (typeset/holes.py). A ring has nothing to spread.
TALLER_KINDS = ("bars", "columns", "line")
# The drawing code: a change to any of it redraws every chart, as a new matplotlib does.
_CODE = tuple(Path(__file__).with_name(name)
              for name in ("draw.py", "theme.py", "marks.py", "kinds.py", "render.py"))


@dataclass(frozen=True)
class DrawnCharts:
    """The SVG of each drawn chart by id (and of each half-width chart drawn across the
    panel too, by `across(id)`; of each drawn taller too, by `taller(key)`), and how many
    SVGs were drawn or reused."""
    files: dict[str, Path]
    drawn: int
    reused: int


def across(chart_id: str) -> str:
    """The key of a half-width chart's SVG drawn at the panel's full width: the fitter
    may set a panel's charts one under another, each across the page, to fill a page."""
    return f"{chart_id}@across"


def taller(key: str) -> str:
    """The key of a chart's SVG (its id, or `across(id)`) drawn taller."""
    return f"{key}@taller"


def draw_charts(charts: Iterable[Chart], out_dir: Path, theme: ChartTheme,
                cmyk: bool = False, across_too: Collection[str] = ()) -> DrawnCharts:
    """Draw each chart of a drawn kind to out_dir/<key>-<id>.svg, unless it is there, and
    each half-width one of `across_too` (ids) also across the panel, to
    out_dir/<key>-<id>@across.svg; each of TALLER_KINDS also taller (across the panel where it is
    drawn so), to out_dir/<key>-<id>[@across]@taller.svg.

    With `cmyk`, the theme's colours are written as `device-cmyk()` of their
    ink values, so the press gets the publication's own separations: WeasyPrint
    70 paints them as DeviceCMYK fills, strokes and text. SVGs of charts no
    longer in the issue are removed. A chart that cannot be drawn legibly is a
    content error at its line, every such chart reported together.
    """
    cache = FileCache(out_dir)
    files: dict[str, Path] = {}
    drawn: set[Path] = set()
    illegible: list[tuple[Chart, str]] = []
    for chart in charts:
        if chart.kind not in DRAWN_KINDS:
            continue
        try:
            files[chart.id] = _drawn(chart, chart.id, cache, theme, cmyk, drawn)
        except Illegible as problem:
            illegible.append((chart, str(problem)))
            continue
        name, widest = chart.id, chart      # as wide as the fitter may set it
        if chart.width == "half" and chart.id in across_too:
            try:        # wider than the chart as written, so legible but for a rare label
                wide = replace(chart, width="full")
                files[across(chart.id)] = _drawn(wide, across(chart.id), cache, theme, cmyk, drawn)
                name, widest = across(chart.id), wide
            except Illegible:
                log.info("charts: %s is not drawn across the panel", chart.id)
        if chart.kind in TALLER_KINDS:     # at that width: the fitter sets it taller only after
            try:        # where taller is more than a page holds, the fitter's choice changes nothing
                files[taller(name)] = _drawn(widest, taller(name), cache, replace(theme, taller=True), cmyk, drawn)
            except Illegible:
                log.info("charts: %s is not drawn taller", name)
    if illegible:
        _refuse(illegible)
    out_dir.mkdir(parents=True, exist_ok=True)
    cache.keep_only(set(files.values()), "*.svg")
    return DrawnCharts(files, len(drawn), len(files) - len(drawn))


def _drawn(chart: Chart, name: str, cache: FileCache, theme: ChartTheme, cmyk: bool,
           drawn: set[Path]) -> Path:
    """The chart's SVG in the cache under `name`, drawn (and added to `drawn`) unless it is there."""
    key = drawing_key(chart, theme, cmyk)[:16]
    path = cache.path(key, f"{name}.svg")
    if path.is_file():
        log.info("charts: %s reused from %s", name, path.name)
        return path
    svg = draw_chart(chart, theme, cmyk)
    cache.put(key, f"{name}.svg", svg)
    drawn.add(path)
    log.info("charts: %s, %s drawn -> %s", name, chart.kind, path)
    return path


def _refuse(illegible: list[tuple[Chart, str]]) -> None:
    """Charts that cannot be drawn legibly, told at their lines (at their ids for a
    chart made without a file)."""
    if all(chart.at is not None for chart, _ in illegible):
        raise ContentError([chart.at.problem(f"cannot be drawn legibly: {problem}")
                            for chart, problem in illegible if chart.at is not None])
    raise BuildError("\n".join(f"chart '{chart.id}' cannot be drawn legibly: {problem}"
                                for chart, problem in illegible))


def draw_chart(chart: Chart, theme: ChartTheme, cmyk: bool = False) -> str:
    """The SVG text of one chart (this imports matplotlib).

    The press's SVG is the screen's recoloured, so a chart drawn for one
    edition is not drawn again for the other."""
    palette = palette_of(theme)
    key = drawing_key(chart, theme, cmyk=False)
    svg = _RECENT.get(key)
    if svg is None:
        from .kinds import draw  # matplotlib's import is slow: only when a chart is drawn
        svg = _RECENT[key] = draw(chart, theme, palette)
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
                  sorted((c.name, c.rgb, c.cmyk, c.small) for c in theme.colours.values()),
                  theme.size_pt, theme.small_pt, theme.background],
        "numbers": [words["decimal"], words["thousands"], words["units"]],
        "cmyk": cmyk, "matplotlib": _matplotlib_version(),
        "code": _code_fingerprint(),
    }
    if theme.taller:            # only then: the key of every chart drawn as designed stays as it was
        drawn["taller"] = True
    return hashlib.sha256(json.dumps(drawn, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@functools.cache
def _matplotlib_version() -> str:
    return importlib.metadata.version("matplotlib")     # its metadata: matplotlib not imported


@functools.cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()
