"""Stage 2, charts: the issue's `Chart` data -> one SVG file per chart.

A chart is drawn as a designed infographic, not a default plot: labels and
notes set in the publication's display family, bars in the accent colour on a
pale track, values printed at the bar ends, and no axes. Title and source are
not drawn: the HTML sets them, in the same type as the rest of the page.

The SVG keeps its text as text (the PDF embeds the family once and the words
stay searchable) and is byte-identical for the same data, so a rebuilt issue
changes only where its content changed. matplotlib is imported only when a
chart is drawn: loading or checking an issue does not pay for it.
"""
from __future__ import annotations

import io
import logging
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .model import Chart, ChartPoint, Colour

log = logging.getLogger("bulletin.charts")

KIND_NAMES = {"bars": "Bar chart"}      # kind -> what a screen reader announces
MM_PER_PT = 25.4 / 72
HASH_SALT = "bulletin"                  # fixes the ids matplotlib derives for clip paths
WHITE = Colour("white", "#ffffff", (0, 0, 0, 0))

# Type of a bar chart: (size as a share of the theme's body size, weight).
LABEL = (1.0, 600)
NOTE = (0.82, 400)
VALUE = (1.3, 700)
BAR = 0.95                              # bar thickness, as a share of the label size
LEADING = 1.22
CAP_HEIGHT = 0.69                       # of the em: Fira Sans 0.689, most sans close
DESCENT = 0.25                          # of the em, below the baseline
# Below this label column width (mm) the notes wrap into too many lines:
# the bar then goes under its label and note instead of beside them.
MIN_SIDE_COLUMN = 45.0

Measure = Callable[[str, tuple], float]  # (text, type role) -> width in mm


@dataclass(frozen=True)
class ChartTheme:
    """How charts look: the publication's display family, colours and placed size."""
    family: str                             # e.g. "Fira Sans"
    font_files: tuple[Path, ...]            # static faces of that family, every weight
    colours: dict[str, Colour]              # the publication's colours by name
    size_pt: float = 8.5                    # label size at placed size
    width_mm: float = 120.0                 # placed width; the height follows the data
    background: str = ""                    # colour name of what the chart sits on; "" = paper


@dataclass(frozen=True)
class Palette:
    """The colour of each part of a chart, resolved from the theme."""
    bar: Colour
    track: Colour
    label: Colour
    note: Colour
    value: Colour
    rule: Colour

    def colours(self) -> tuple[Colour, ...]:
        return (self.bar, self.track, self.label, self.note, self.value, self.rule)


@dataclass(frozen=True)
class Row:
    """One point of a bar chart, placed: millimetres from the chart's top-left corner."""
    label_lines: tuple[str, ...]
    note_lines: tuple[str, ...]
    label_baselines: tuple[float, ...]
    note_baselines: tuple[float, ...]
    value_text: str
    fraction: float                         # bar length as a share of the track
    bar_middle: float
    top: float
    bottom: float


@dataclass(frozen=True)
class BarsLayout:
    width: float
    height: float
    text_width: float                       # labels and notes, from the left edge
    track_left: float
    track_right: float
    bar_height: float
    rows: tuple[Row, ...]

    @property
    def stacked(self) -> bool:
        """True when bars run under their labels rather than beside them."""
        return self.track_left < self.text_width


def draw_charts(charts: Iterable[Chart], out_dir: Path, theme: ChartTheme,
                cmyk: bool = False) -> dict[str, Path]:
    """Draw each chart to out_dir/<chart.id>.svg and return {chart.id: path}.

    With `cmyk`, the theme's colours are written as `device-cmyk()` of their
    ink values, so the press gets the publication's own separations: WeasyPrint
    70 paints them as DeviceCMYK fills, strokes and text.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    palette = palette_of(theme)
    files = {}
    for chart in charts:
        svg = draw_bars(chart, theme, palette)
        if cmyk:
            svg = to_device_cmyk(svg, palette.colours())
        path = out_dir / f"{chart.id}.svg"
        path.write_text(svg, encoding="utf-8")
        files[chart.id] = path
        log.info("charts: %s, %d points -> %s", chart.id, len(chart.points), path)
    return files


def chart_alt(chart: Chart) -> str:
    """The chart's alt text: its own, or one read from its data."""
    if chart.alt:
        return chart.alt
    what = f"{KIND_NAMES.get(chart.kind, 'Chart')}: {chart.title.rstrip(' :')}"
    if chart.subtitle:
        what += f" ({chart.subtitle})"
    values = ", ".join(f"{p.label} {format_value(p.value, chart.unit)}" for p in chart.points)
    return f"{what}: {values}"


def format_value(value: float, unit: str) -> str:
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
    if unit in ("", "%"):
        return number + unit
    return f"{number}\N{NO-BREAK SPACE}{unit}"


def palette_of(theme: ChartTheme) -> Palette:
    """Each part's colour by its role in the theme, with fallbacks for a sparse theme."""
    colours = theme.colours
    ink = colours.get("ink") or Colour("ink", "#000000", (0, 0, 0, 100))
    accent = colours.get("accent") or ink
    # A tint is a screen of the accent ink: 15 % of it, on press and on screen.
    tint = colours.get("tint") or _screen(accent, 0.15)
    # On a tint panel a tint track vanishes; unprinted paper shows it instead.
    on_tint = theme.background and colours.get(theme.background, WHITE).rgb == tint.rgb
    return Palette(bar=accent, track=WHITE if on_tint else tint, label=ink,
                   note=colours.get("muted") or ink, value=ink,
                   rule=colours.get("rule") or _screen(ink, 0.3))


def to_device_cmyk(svg: str, colours: Iterable[Colour]) -> str:
    """Replace the colours' #rrggbb in `svg` by device-cmyk() of their ink values."""
    by_hex = {c.rgb.lower(): "device-cmyk({:g} {:g} {:g} {:g})".format(*(v / 100 for v in c.cmyk))
              for c in colours}
    return re.sub(r"#[0-9a-fA-F]{6}(?![0-9a-fA-F])",
                  lambda m: by_hex.get(m.group().lower(), m.group()), svg)


def _screen(colour: Colour, share: float) -> Colour:
    rgb = [int(colour.rgb[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = "#" + "".join(f"{round(255 - (255 - v) * share):02x}" for v in rgb)
    return Colour(f"{colour.name} {share:.0%}", mixed, tuple(v * share for v in colour.cmyk))


# ---- Bars: layout -------------------------------------------------------------

def layout_bars(chart: Chart, theme: ChartTheme, measure: Measure) -> BarsLayout:
    """Place every row of a bar chart; `measure` gives a text's width in mm."""
    width, body = theme.width_mm, theme.size_pt * MM_PER_PT
    side_column = 0.42 * width
    stacked = side_column < MIN_SIDE_COLUMN
    text_width = width if stacked else side_column
    values = [format_value(p.value, chart.unit) for p in chart.points]
    # The track stops short of the edge so that the value of a full bar still fits.
    value_room = max(measure(v, VALUE) for v in [*values, "100%"]) + 0.5 * body
    track_left = 0.0 if stacked else side_column + max(3.0, 0.035 * width)
    scale = _scale(chart)
    rows, top = [], 0.3 * body             # room for ascenders and accents over capitals
    for point, value in zip(chart.points, values):
        row = _place_row(point, value, point.value / scale, top, text_width, stacked, body, measure)
        rows.append(row)
        top = row.bottom + 1.2 * body
    return BarsLayout(width=width, height=rows[-1].bottom + 0.2 * body, text_width=text_width,
                      track_left=track_left, track_right=width - value_room,
                      bar_height=BAR * body, rows=tuple(rows))


def _scale(chart: Chart) -> float:
    """The value a full track stands for: 100 for percentages, else the largest value."""
    largest = max(p.value for p in chart.points)
    return max(100.0, largest) if chart.unit == "%" else largest or 1.0


def _place_row(point: ChartPoint, value: str, fraction: float, top: float, text_width: float,
               stacked: bool, body: float, measure: Measure) -> Row:
    label = _wrap(point.label, text_width, LABEL, measure)
    note = _wrap(point.note, text_width, NOTE, measure) if point.note else ()
    label_size, note_size, bar_height = LABEL[0] * body, NOTE[0] * body, BAR * body
    label_baselines = _baselines(top, len(label), label_size)
    note_baselines = tuple(label_baselines[-1] + (i + 1.1) * LEADING * note_size
                           for i in range(len(note)))
    text_bottom = (note_baselines or label_baselines)[-1] + DESCENT * (note_size if note else label_size)
    if stacked:
        bar_middle = text_bottom + 0.6 * body + bar_height / 2
    else:   # on the first label line, so label, bar and value read as one line
        bar_middle = label_baselines[0] - CAP_HEIGHT * label_size / 2
    bottom = max(text_bottom, bar_middle + CAP_HEIGHT * VALUE[0] * body / 2 + DESCENT * body)
    return Row(label, note, label_baselines, note_baselines, value, fraction, bar_middle, top, bottom)


def _wrap(text: str, width_mm: float, role: tuple, measure: Measure) -> tuple[str, ...]:
    """Lines of `text` no wider than `width_mm`, evened out (no lone last word).

    textwrap counts characters: the count comes from the text's mean character
    width, then shrinks until every line, measured in the face, fits.
    """
    per_char = measure(text, role) / max(1, len(text))
    columns = max(8, int(width_mm / per_char))
    lines = textwrap.wrap(text, columns)
    while columns > 8 and max(measure(line, role) for line in lines) > width_mm:
        columns -= 1
        lines = textwrap.wrap(text, columns)
    while columns > 8 and _still_even(textwrap.wrap(text, columns - 1), len(lines)):
        columns -= 1
    return tuple(textwrap.wrap(text, columns))


def _still_even(lines: list[str], count: int) -> bool:
    # As many lines as before, and the last no longer than the first: a
    # paragraph that narrows downwards reads better than one that widens.
    return len(lines) == count and len(lines[-1]) <= len(lines[0])


def _baselines(top: float, lines: int, size: float) -> tuple[float, ...]:
    """Baselines of `lines` lines of `size` mm type whose first capitals start at `top`."""
    first = top + CAP_HEIGHT * size
    return tuple(first + i * LEADING * size for i in range(lines))


# ---- Bars: drawing ------------------------------------------------------------

def draw_bars(chart: Chart, theme: ChartTheme, palette: Palette) -> str:
    """The SVG text of a horizontal bar chart."""
    if chart.kind not in KIND_NAMES:
        raise ValueError(f"chart '{chart.id}': unknown kind '{chart.kind}' "
                         f"(expected one of: {', '.join(KIND_NAMES)})")
    if not chart.points or any(p.value < 0 for p in chart.points):
        raise ValueError(f"chart '{chart.id}': bars need at least one point and no negative value")
    import matplotlib
    faces = Faces(theme)
    with matplotlib.rc_context({"font.family": [theme.family], "svg.fonttype": "none",
                                "svg.hashsalt": HASH_SALT}):
        return _render(layout_bars(chart, theme, faces.width_mm), faces, palette)


class Faces:
    """The theme's faces registered with matplotlib, and the width of text set in them."""

    _registered: set[Path] = set()

    def __init__(self, theme: ChartTheme):
        from matplotlib import font_manager
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import text_to_path
        for path in set(theme.font_files) - Faces._registered:
            font_manager.fontManager.addfont(path)
            Faces._registered.add(path)
        self.text_to_path = text_to_path
        self.props = {role: FontProperties(family=theme.family, weight=role[1],
                                           size=role[0] * theme.size_pt)
                      for role in (LABEL, NOTE, VALUE)}
        for prop in self.props.values():
            try:      # a silent fallback would measure, and name, DejaVu Sans
                font_manager.findfont(prop, fallback_to_default=False)
            except ValueError:
                raise ValueError(f"chart font '{theme.family}' is not among the theme's "
                                 f"font files {[str(p) for p in theme.font_files]}") from None

    def width_mm(self, text: str, role: tuple) -> float:
        width, _, _ = self.text_to_path.get_text_width_height_descent(
            text, self.props[role], ismath=False)
        return width * MM_PER_PT


def _render(layout: BarsLayout, faces: Faces, palette: Palette) -> str:
    from matplotlib.figure import Figure
    figure = Figure(figsize=(layout.width / 25.4, layout.height / 25.4))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, layout.width)
    axes.set_ylim(layout.height, 0)          # millimetres, downwards as on the page
    for previous, row in zip((None, *layout.rows), layout.rows):
        if previous:
            rule_y = (previous.bottom + row.top) / 2
            axes.plot((0, layout.width), (rule_y, rule_y), color=palette.rule.rgb,
                      linewidth=0.4, solid_capstyle="butt")
        _draw_row(axes, layout, row, faces, palette)
    out = io.StringIO()
    figure.savefig(out, format="svg", transparent=True, metadata={"Date": None})
    return out.getvalue()


def _draw_row(axes, layout: BarsLayout, row: Row, faces: Faces, palette: Palette) -> None:
    for line, y in zip(row.label_lines, row.label_baselines):
        _text(axes, 0, y, line, faces.props[LABEL], palette.label)
    for line, y in zip(row.note_lines, row.note_baselines):
        _text(axes, 0, y, line, faces.props[NOTE], palette.note)
    length = layout.track_right - layout.track_left
    _bar(axes, layout.track_left, row.bar_middle, length, layout.bar_height, palette.track)
    _bar(axes, layout.track_left, row.bar_middle, length * row.fraction, layout.bar_height,
         palette.bar)
    value_size = faces.props[VALUE].get_size_in_points() * MM_PER_PT
    _text(axes, layout.track_left + length * row.fraction + 0.4 * layout.bar_height,
          row.bar_middle + CAP_HEIGHT * value_size / 2, row.value_text,
          faces.props[VALUE], palette.value)


def _text(axes, x: float, y: float, text: str, prop, colour: Colour) -> None:
    axes.text(x, y, text, fontproperties=prop, color=colour.rgb, va="baseline", ha="left")


def _bar(axes, left: float, middle: float, length: float, height: float, colour: Colour) -> None:
    from matplotlib.patches import FancyBboxPatch
    if length <= 0:
        return
    radius = min(height, length) / 2       # round ends, even on a very short bar
    axes.add_patch(FancyBboxPatch((left, middle - height / 2), length, height,
                                  boxstyle=f"round,pad=0,rounding_size={radius}",
                                  facecolor=colour.rgb, edgecolor="none", clip_on=False))
