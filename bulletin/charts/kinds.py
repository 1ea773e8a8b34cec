"""Stage 2, charts, the drawing: each kind laid out in millimetres, then drawn.

A kind's layout function is plain arithmetic on measured text widths: it
returns a `Sketch`, the chart's size and its marks (text, boxes, lines, dots,
ring segments) in millimetres from the top-left corner, y downwards as on the
page. `render` then draws the marks with matplotlib into a figure of exactly
that size, so 1 pt of type in the SVG is 1 pt on the page. No axes, ticks or
legends of matplotlib's are used: every mark is placed here.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..content.model import Chart, ChartPoint
from .marks import (
    BASELINE_PT,
    CAP_HEIGHT,
    DESCENT,
    END_GAP,
    LEADING,
    LINE_PT,
    MIN_SIDE_COLUMN,
    RULE_PT,
    Box,
    Dot,
    Illegible,
    Line,
    Mark,
    Measure,
    Segment,
    Sketch,
    Text,
    Type,
    Types,
    baselines,
    shrunk,
    wrap,
)
from .render import Faces, render
from .theme import ChartTheme, Palette


def draw(chart: Chart, theme: ChartTheme, palette: Palette) -> str:
    """The SVG text of `chart`, in the theme's type and palette."""
    if chart.kind not in LAYOUTS:
        raise ValueError(f"chart '{chart.id}': unknown kind '{chart.kind}' "
                         f"(expected one of: {', '.join(LAYOUTS)})")
    values = [p.value for p in chart.points] + [v for s in chart.series for v in s.values]
    if not values or (chart.kind != "line" and any(v < 0 for v in values)):
        raise ValueError(f"chart '{chart.id}': {chart.kind} need at least one value "
                         "and no negative value")
    faces = Faces(theme)
    sketch = LAYOUTS[chart.kind](chart, theme, palette, faces.width_mm)
    check_legible(sketch, faces.width_mm)
    return render(sketch, faces)


# A theme's `taller` (draw.TALLER_KINDS): two and a half times the space between bars, a third more
# height for a plot.
TALLER_ROWS, TALLER_PLOT = 2.5, 4 / 3

# The tallest a chart may be drawn: beside its title and notes it still fits a page's
# text area (A4's is about 260 mm); taller, the page would clip it.
MAX_HEIGHT_MM = 200.0
MIN_COLUMN_MM = 1.5           # thinner columns read as lines
EDGE_MM = 0.5                 # what text may overhang the chart's edge (its sidebearings)


def check_legible(sketch: Sketch, measure: Measure) -> None:
    """Refuse a sketch that would not read on the page: taller than a page holds, text
    running past the chart's edges (where the page clips it), columns too thin to see."""
    if sketch.height > MAX_HEIGHT_MM:
        raise Illegible(f"it would be drawn {sketch.height:.0f} mm tall, more than the "
                        f"{MAX_HEIGHT_MM:.0f} mm a page holds (show fewer points, or shorten the labels)")
    for mark in sketch.marks:
        if isinstance(mark, Text):
            width = measure(mark.text, mark.type)
            left = mark.x - {"left": 0.0, "center": width / 2, "right": width}[mark.align]
            if left < -EDGE_MM or left + width > sketch.width + EDGE_MM:
                raise Illegible(f"'{mark.text}' is {width:.0f} mm wide in the chart's {mark.type.size:g} pt "
                                f"type and would run past its edge ({sketch.width:.0f} mm wide): "
                                "shorten it, or make the chart `width: full`")
        elif isinstance(mark, Box) and not mark.round and 0 < mark.width < MIN_COLUMN_MM:
            raise Illegible(f"its columns would be {mark.width:.1f} mm wide, too thin to read (fewer "
                            "categories or series, or make the chart `width: full`)")


# ---- Bars -------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One point of a bar chart, placed."""
    label_type: Type                    # the label's type: smaller for a long word
    label_lines: tuple[str, ...]
    note_lines: tuple[str, ...]
    label_baselines: tuple[float, ...]
    note_baselines: tuple[float, ...]
    value_text: str
    fraction: float                     # bar length as a share of the track
    bar_middle: float
    top: float
    bottom: float


@dataclass(frozen=True)
class BarsLayout:
    width: float
    height: float
    text_width: float                   # labels and notes, from the left edge
    track_left: float
    track_right: float
    bar_height: float
    rows: tuple[Row, ...]

    @property
    def stacked(self) -> bool:
        """True when bars run under their labels rather than beside them."""
        return self.track_left < self.text_width


def layout_bars(chart: Chart, theme: ChartTheme, measure: Measure) -> BarsLayout:
    """Place every row of a bar chart."""
    types, words = Types.of(theme), theme.words
    width, body = theme.width_of(chart), types.label.mm
    side_column = 0.42 * width
    stacked = side_column < MIN_SIDE_COLUMN
    text_width = width if stacked else side_column
    values = [words.quantity(p.value, chart.unit) for p in chart.points]
    # The track stops short of the edge so that the value of a full bar still fits.
    value_room = max(measure(v, types.value) for v in [*values, words.quantity(100, chart.unit)])
    value_room += 0.5 * body
    track_left = 0.0 if stacked else side_column + max(3.0, 0.035 * width)
    scale = _bar_scale(chart)
    rows, top = [], 0.3 * body             # room for ascenders and accents over capitals
    for point, value in zip(chart.points, values):
        row = _place_row(point, value, point.value / scale, top, text_width, stacked, types, measure)
        rows.append(row)
        top = row.bottom + 1.2 * body * (TALLER_ROWS if theme.taller else 1.0)
    return BarsLayout(width=width, height=rows[-1].bottom + 0.2 * body, text_width=text_width,
                      track_left=track_left, track_right=width - value_room,
                      bar_height=0.95 * body, rows=tuple(rows))


def _bar_scale(chart: Chart) -> float:
    """The value a full track stands for: 100 for percentages, else the largest value."""
    largest = max(p.value for p in chart.points)
    return max(100.0, largest) if chart.unit == "%" else largest or 1.0


def _place_row(point: ChartPoint, value: str, fraction: float, top: float, text_width: float,
               stacked: bool, types: Types, measure: Measure) -> Row:
    label, label_type = shrunk(point.label, text_width, (types.label, types.note), measure)
    note = shrunk(point.note, text_width, (types.note,), measure)[0] if point.note else ()
    body, note_size, bar_height = types.label.mm, types.note.mm, 0.95 * types.label.mm
    label_baselines = baselines(top, len(label), body)
    note_baselines = tuple(label_baselines[-1] + (i + 1.1) * LEADING * note_size
                           for i in range(len(note)))
    text_bottom = (note_baselines or label_baselines)[-1] + DESCENT * (note_size if note else body)
    if stacked:
        bar_middle = text_bottom + 0.6 * body + bar_height / 2
    else:   # on the first label line, so label, bar and value read as one line
        bar_middle = label_baselines[0] - CAP_HEIGHT * body / 2
    bottom = max(text_bottom, bar_middle + CAP_HEIGHT * types.value.mm / 2 + DESCENT * body)
    return Row(label_type, label, note, label_baselines, note_baselines, value, fraction, bar_middle,
               top, bottom)


def sketch_bars(chart: Chart, theme: ChartTheme, palette: Palette, measure: Measure) -> Sketch:
    layout, types = layout_bars(chart, theme, measure), Types.of(theme)
    marks: list[Mark] = []
    for previous, row in zip((None, *layout.rows), layout.rows):
        if previous:
            rule_y = (previous.bottom + row.top) / 2
            marks.append(Line(((0, rule_y), (layout.width, rule_y)), palette.rule, RULE_PT))
        marks += [Text(0, y, line, row.label_type, palette.label)
                  for line, y in zip(row.label_lines, row.label_baselines)]
        marks += [Text(0, y, line, types.note, palette.note)
                  for line, y in zip(row.note_lines, row.note_baselines)]
        length = layout.track_right - layout.track_left
        top = row.bar_middle - layout.bar_height / 2
        marks.append(Box(layout.track_left, top, length, layout.bar_height, palette.track, True))
        if row.fraction > 0:
            marks.append(Box(layout.track_left, top, length * row.fraction, layout.bar_height,
                             palette.bar, True))
        marks.append(Text(layout.track_left + length * row.fraction + 0.4 * layout.bar_height,
                          row.bar_middle + CAP_HEIGHT * types.value.mm / 2, row.value_text,
                          types.value, palette.value))
    return Sketch(layout.width, layout.height, tuple(marks))


# ---- Columns ------------------------------------------------------------------------

def sketch_columns(chart: Chart, theme: ChartTheme, palette: Palette, measure: Measure) -> Sketch:
    """Groups of columns, one per category, one column per series; values on top
    when they fit over their columns, else a scale of figures at the left."""
    types, words = Types.of(theme), theme.words
    width, n, k = theme.width_of(chart), len(chart.categories), len(chart.series)
    marks: list[Mark] = []
    top = 0.3 * types.axis.mm
    if k > 1:
        key, top = _key([s.name for s in chart.series], palette.series, width, top, types, palette,
                        measure)
        marks += key
    marks_top, top = _unit_line(chart, top, types, palette)
    marks += marks_top
    scale_top, step = nice_scale(max(v for s in chart.series for v in s.values), chart.unit)
    labels = [[_short_value(v, chart.unit, words) for v in s.values] for s in chart.series]
    widest = max(measure(t, types.figure) for row in labels for t in row)
    gap = 0.6 if k > 1 else 0.0

    def column_width(slot: float) -> float:     # a group fills most of its slot, up to 16 mm a column
        return min(16.0, (slot * (0.62 if k == 1 else 0.8) - (k - 1) * gap) / k)

    # Values on the columns need a column pitch wider than the widest value.
    pitch = column_width(width / n) + gap if k > 1 else width / n
    on_columns = widest <= pitch - 0.8
    gutter = 0.0 if on_columns else _scale_gutter(0, scale_top, step, words, types, measure)
    slot = (width - gutter) / n
    column = column_width(slot)
    plot_top = top + (1.3 * types.axis.mm if on_columns else 0.5 * types.axis.mm)
    plot_height = min(60.0, max(28.0, 0.42 * width)) * (TALLER_PLOT if theme.taller else 1.0)
    base = plot_top + plot_height
    if not on_columns:
        marks += _scale(0, scale_top, step, gutter, width, plot_top, base, words, types, palette)
    group = k * column + (k - 1) * gap
    for i in range(n):
        middle = gutter + slot * (i + 0.5)
        for j, series in enumerate(chart.series):
            x = middle - group / 2 + j * (column + gap)
            height = series.values[i] / scale_top * plot_height
            marks.append(Box(x, base - height, column, height, palette.series[j]))
            if on_columns:
                marks.append(Text(x + column / 2, base - height - 0.35 * types.axis.mm,
                                  labels[j][i], types.figure, palette.value, "center"))
    marks.append(Line(((gutter, base), (width, base)), palette.label, BASELINE_PT))
    marks += _category_labels(chart.categories, gutter, slot, base, types, palette, measure)
    bottom = max(m.y + DESCENT * m.type.mm for m in marks if isinstance(m, Text))
    return Sketch(width, max(base, bottom) + 0.3, tuple(marks))


def _category_labels(categories, left, slot, top, types, palette, measure) -> list:
    """Category names under their groups, wrapped to the slot: in the label type, or the
    smaller axis type when a word is wider than its slot; when even that is too wide,
    every second (third...) name, so that none runs into the next."""
    def widest(face: Type) -> float:
        return max(measure(word, face) for category in categories for word in category.split())
    face = types.label if widest(types.label) <= slot - 1.0 else types.axis
    every = max(1, math.ceil((widest(face) + 1.5) / slot))
    marks: list[Mark] = []
    for i, category in enumerate(categories):
        if i % every:
            continue
        lines = wrap(category, max(slot - 1.0, widest(face)), face, measure)
        ys = baselines(top + 1.2, len(lines), face.mm)
        marks += [Text(left + slot * (i + 0.5), y, line, face, palette.label, "center")
                  for line, y in zip(lines, ys)]
    return marks


def _short_value(value: float, unit: str, words) -> str:
    # On a column or a line the unit is said once, above the chart; "%" stays.
    return words.quantity(value, unit) if unit == "%" else words.number(value)


def _unit_line(chart: Chart, top: float, types: Types, palette: Palette) -> tuple[list, float]:
    """The unit, said once above a plot whose figures carry none (not for %)."""
    if chart.unit in ("", "%"):
        return [], top
    baseline = top + CAP_HEIGHT * types.axis.mm
    return ([Text(0, baseline, chart.unit, types.axis, palette.note)],
            baseline + DESCENT * types.axis.mm + 0.8)


def _key(names, colours, width, top, types, palette, measure) -> tuple[list, float]:
    """Series names beside their colour, in rows as wide as the chart."""
    size = types.axis.mm
    swatch, x, line = 0.85 * size * CAP_HEIGHT * 1.4, 0.0, 0
    marks: list[Mark] = []
    for name, colour in zip(names, colours):
        item = swatch + 1.2 + measure(name, types.axis)
        if x > 0 and x + item > width:
            x, line = 0.0, line + 1
        baseline = top + CAP_HEIGHT * size + line * LEADING * size
        marks.append(Box(x, baseline - CAP_HEIGHT * size, swatch, CAP_HEIGHT * size, colour))
        marks.append(Text(x + swatch + 1.2, baseline, name, types.axis, palette.label))
        x += item + 4.0
    return marks, top + (line + 1) * LEADING * size + 1.5


def nice_scale(largest: float, unit: str) -> tuple[float, float]:
    """The top of a scale over `largest` and its step: 1, 2, 2.5 or 5 times a power
    of ten, three to five steps; percentages stop at 100."""
    if largest <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(largest / 5))
    for multiple in (1, 2, 2.5, 5, 10, 20):
        step = multiple * magnitude
        if math.ceil(largest / step - 1e-9) <= 5:
            break
    top = math.ceil(largest / step - 1e-9) * step
    return (min(top, 100.0) if unit == "%" and largest <= 100 else top), step


def _ticks(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [min(high, low + i * step) for i in range(count + 1)]


def _scale_gutter(low, high, step, words, types, measure) -> float:
    return max(measure(words.number(t), types.axis) for t in _ticks(low, high, step)) + 1.6


def _scale(low, high, step, gutter, right, plot_top, base, words, types, palette) -> list:
    """Figures at the left, each on a hairline across the plot."""
    marks: list[Mark] = []
    for value in _ticks(low, high, step):
        y = base - (value - low) / (high - low) * (base - plot_top)
        if value != 0:
            marks.append(Line(((gutter, y), (right, y)), palette.rule, RULE_PT))
        marks.append(Text(gutter - 1.2, y + CAP_HEIGHT * types.axis.mm / 2, words.number(value),
                          types.axis, palette.note, "right"))
    return marks


# ---- Line ----------------------------------------------------------------------------

def sketch_line(chart: Chart, theme: ChartTheme, palette: Palette, measure: Measure) -> Sketch:
    """Values over time: one line per series. A single series gets its values on
    the points; several get a scale, and their names and last values at their ends."""
    types, words = Types.of(theme), theme.words
    width, n = theme.width_of(chart), len(chart.categories)
    low, high, step = _line_range([v for s in chart.series for v in s.values], chart.unit)
    labels = [[_short_value(v, chart.unit, words) for v in s.values] for s in chart.series]
    marks, top = _unit_line(chart, 0.3 * types.axis.mm, types, palette)
    ends = [(s.name, labels[j][-1]) for j, s in enumerate(chart.series)] if len(labels) > 1 else []
    right_pad = max((max(measure(name, types.axis), measure(value, types.label)) + 2.4
                     for name, value in ends), default=0.0)
    # Every value over its point when there is one series and the values fit between points.
    on_points = not ends and max(measure(t, types.figure) for t in labels[0]) <= width / n - 1.2
    gutter = 0.0 if on_points else _scale_gutter(low, high, step, words, types, measure)
    xs = _line_xs(chart.categories, labels[0] if on_points else None, gutter, width, right_pad,
                  types, measure)
    plot_top = top + (1.6 if on_points else 0.5) * types.axis.mm
    base = plot_top + min(56.0, max(28.0, 0.4 * width)) * (TALLER_PLOT if theme.taller else 1.0)

    def y_of(value: float) -> float:
        return base - (value - low) / (high - low) * (base - plot_top)

    right = xs[-1] + 1.2 if ends else width      # rules stop short of the end labels
    if not on_points:
        marks += _scale(low, high, step, gutter, right, plot_top, base, words, types, palette)
    marks.append(Line(((gutter, y_of(0)), (right, y_of(0))), palette.label, BASELINE_PT))
    for j, series in enumerate(chart.series):
        points = tuple((x, y_of(v)) for x, v in zip(xs, series.values))
        marks.append(Line(points, palette.series[j], LINE_PT))
        marks += [Dot(x, y, 0.75, palette.series[j]) for x, y in points]
        if on_points:
            marks += _point_values(points, labels[j], types, palette)
    if ends:
        marks += _end_labels(ends, [y_of(s.values[-1]) for s in chart.series], xs[-1] + 2.2,
                             types, palette, base)
    every = _x_label_step(chart.categories, xs, measure, types)
    baseline = base + 1.2 + CAP_HEIGHT * types.axis.mm
    marks += [Text(x, baseline, label, types.axis, palette.label, "center")
              for i, (x, label) in enumerate(zip(xs, chart.categories)) if i % every == 0]
    bottom = max(m.y + DESCENT * m.type.mm for m in marks if isinstance(m, Text))
    return Sketch(width, bottom + 0.3, tuple(marks))


def _line_range(values: list[float], unit: str) -> tuple[float, float, float]:
    """Low and high ends of a line chart's scale and its step; zero always on it."""
    low = min(0.0, min(values))
    span, step = nice_scale(max(values) - low, unit)
    if low == 0:
        return 0.0, span, step
    low = -math.ceil(-low / step) * step        # steps from a round figure below zero
    return low, low + math.ceil((max(values) - low) / step - 1e-9) * step, step


def _line_xs(x_labels, values, left: float, width: float, right_pad: float, types: Types,
             measure) -> list[float]:
    """Evenly spaced points, the first and last inset by half of what is centred on them
    (and the last by the end labels' room)."""
    def overhang(i: int) -> float:
        widths = [measure(x_labels[i], types.axis)]
        if values:
            widths.append(measure(values[i], types.figure))
        return max(widths) / 2 + 0.5
    first, last = left + overhang(0), width - max(right_pad, overhang(-1))
    count = len(x_labels)
    return [first + (last - first) * i / max(1, count - 1) for i in range(count)]


def _point_values(points, labels, types, palette) -> list:
    """Each value by its point, on the side the line leaves free: over a peak, under
    a dip, and over the open side where the line runs through (y grows downwards)."""
    marks: list[Mark] = []
    for i, ((x, y), label) in enumerate(zip(points, labels)):
        before = points[i - 1][1] if i > 0 else None
        after = points[i + 1][1] if i + 1 < len(points) else None
        neighbours = [v for v in (before, after) if v is not None]
        if all(y > v for v in neighbours):           # a dip: under it
            marks.append(Text(x, y + 1.4 + CAP_HEIGHT * types.figure.mm, label, types.figure,
                              palette.value, "center"))
        elif None in (before, after) or all(y <= v for v in neighbours):   # an end or a peak
            marks.append(Text(x, y - 1.6, label, types.figure, palette.value, "center"))
        elif before < y:                              # falling through: the upper right is free
            marks.append(Text(x + 0.9, y - 1.3, label, types.figure, palette.value, "left"))
        else:                                         # rising through: the upper left is free
            marks.append(Text(x - 0.9, y - 1.3, label, types.figure, palette.value, "right"))
    return marks


def _end_labels(ends, ys, x, types, palette, base) -> list:
    """Each series' last value and name at the end of its line, pushed apart."""
    block = CAP_HEIGHT * (types.label.mm + types.axis.mm) + END_GAP + DESCENT * types.axis.mm
    order = sorted(range(len(ends)), key=lambda j: ys[j])
    tops, previous = {}, -math.inf
    for j in order:                      # downwards, each below the one above
        tops[j] = max(ys[j] - types.label.mm * CAP_HEIGHT / 2, previous + 0.8)
        previous = tops[j] + block
    overflow = previous - base
    if overflow > 0:                     # then the whole stack up, clear of the x labels
        for j in order:
            tops[j] -= overflow
    marks: list[Mark] = []
    for j, (name, value) in enumerate(ends):
        value_baseline = tops[j] + types.label.mm * CAP_HEIGHT
        marks.append(Text(x, value_baseline, value, types.label, palette.series[j]))
        marks.append(Text(x, value_baseline + END_GAP + CAP_HEIGHT * types.axis.mm,
                          name, types.axis, palette.note))
    return marks


def _x_label_step(labels, xs, measure, types) -> int:
    """Label every point, or every second, third... when neighbours would touch."""
    if len(xs) < 2:
        return 1
    pitch = xs[1] - xs[0]
    widest = max(measure(label, types.axis) for label in labels)
    return max(1, math.ceil((widest + 1.5) / pitch))


# ---- Donut -----------------------------------------------------------------------------

def sketch_donut(chart: Chart, theme: ChartTheme, palette: Palette, measure: Measure) -> Sketch:
    """Parts of a whole as a ring, the first part's share in the hole, and each
    part's value and label beside it. Percentages that leave a rest show it as track."""
    types, words = Types.of(theme), theme.words
    width = theme.width_of(chart)
    diameter = min(0.4 * width, 38.0)
    radius, thickness = diameter / 2, 0.3 * diameter / 2
    total = sum(p.value for p in chart.points)
    whole = 100.0 if chart.unit == "%" else total
    shares = [p.value / whole if whole else 0 for p in chart.points]
    list_left = diameter + max(4.0, 0.06 * width)
    items: list[Mark] = []
    y = 0.0
    swatch = CAP_HEIGHT * types.value.mm
    text_left = list_left + swatch + 1.6
    for j, point in enumerate(chart.points):
        value_baseline = y + CAP_HEIGHT * types.value.mm
        label, face = shrunk(point.label, width - text_left, (types.text, types.note), measure)
        label_baselines = [value_baseline + 0.6 + (i + 1) * LEADING * face.mm
                           for i in range(len(label))]
        items.append(Box(list_left, value_baseline - swatch, swatch, swatch, palette.series[j]))
        items.append(Text(text_left, value_baseline, words.quantity(point.value, chart.unit),
                          types.value, palette.value))
        items += [Text(text_left, b, line, face, palette.label)
                  for line, b in zip(label, label_baselines)]
        y = label_baselines[-1] + DESCENT * types.text.mm + 1.1 * types.text.mm
    list_height = y - 1.1 * types.text.mm
    height = max(diameter, list_height) + 1.0
    shift = (height - list_height) / 2
    marks = [_moved(m, shift) for m in items]
    middle = height / 2
    gap = 0.45 / (2 * math.pi * radius) if len(shares) > 1 or sum(shares) < 1 else 0.0
    start = 0.0
    for j, share in enumerate(shares):
        marks.append(Segment(radius, middle, radius, thickness, start + gap / 2,
                             start + share - gap / 2, palette.series[j]))
        start += share
    if start < 1 - 1e-9:
        marks.insert(0, Segment(radius, middle, radius, thickness, start + gap / 2,
                                1 - gap / 2, palette.track))
    centre = words.quantity(round(shares[0] * 100, 1), "%")
    big = types.big if measure(centre, types.big) <= 2 * (radius - thickness) - 2 else types.value
    marks.append(Text(radius, middle + CAP_HEIGHT * big.mm / 2, centre, big, palette.series[0],
                      "center"))
    return Sketch(width, height, tuple(marks))


def _moved(mark, dy: float):
    return replace(mark, y=mark.y + dy)


LAYOUTS = {"bars": sketch_bars, "columns": sketch_columns, "line": sketch_line,
           "donut": sketch_donut}
