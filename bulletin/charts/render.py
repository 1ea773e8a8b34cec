"""Drawing a chart's marks with matplotlib into an SVG of exactly its size, in the
theme's faces, with its text kept as text.

This module imports matplotlib; `draw` imports it only when a chart is to be drawn."""
from __future__ import annotations

import io

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle, Wedge
from matplotlib.textpath import text_to_path

from .marks import HASH_SALT, Box, Dot, Line, Mark, Segment, Sketch, Text, Type, Types
from .theme import MM_PER_PT, ChartTheme


class Faces:
    """The theme's faces registered with matplotlib, and the width of text set in them."""

    _registered: set = set()

    def __init__(self, theme: ChartTheme):
        for path in set(theme.font_files) - Faces._registered:
            font_manager.fontManager.addfont(path)
            Faces._registered.add(path)
        self.text_to_path = text_to_path
        self.props = {t: FontProperties(family=theme.family, weight=t.weight, size=t.size)
                      for t in Types.of(theme).all()}
        for prop in self.props.values():
            try:      # a silent fallback would measure, and name, DejaVu Sans
                font_manager.findfont(prop, fallback_to_default=False)
            except ValueError:
                raise ValueError(f"chart font '{theme.family}' is not among the theme's "
                                 f"font files {[str(p) for p in theme.font_files]}") from None

    def prop(self, role: Type):
        if role not in self.props:
            first = next(iter(self.props.values()))
            self.props[role] = first.copy()
            self.props[role].set_weight(role.weight)
            self.props[role].set_size(role.size)
        return self.props[role]

    def width_mm(self, text: str, role: Type) -> float:
        width, _, _ = self.text_to_path.get_text_width_height_descent(
            text, self.prop(role), ismath=False)
        return width * MM_PER_PT


def render(sketch: Sketch, faces: Faces) -> str:
    """Draw the sketch's marks into an SVG of exactly its size, text kept as text."""
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": HASH_SALT}):
        figure = Figure(figsize=(sketch.width / 25.4, sketch.height / 25.4))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_axis_off()
        axes.set_xlim(0, sketch.width)
        axes.set_ylim(sketch.height, 0)          # millimetres, downwards as on the page
        for mark in sketch.marks:
            _draw(axes, mark, faces)
        out = io.StringIO()
        figure.savefig(out, format="svg", transparent=True, metadata={"Date": None})
    return out.getvalue()


def _draw_text(axes, mark: Text, faces: Faces) -> None:
    # parse_math off: a label with two dollar signs is text, not TeX.
    axes.text(mark.x, mark.y, mark.text, fontproperties=faces.prop(mark.type),
              color=mark.colour.rgb, va="baseline", ha=mark.align, parse_math=False)


def _draw_box(axes, mark: Box, faces: Faces) -> None:
    if mark.width <= 0 or mark.height <= 0:
        return
    patch: Rectangle | FancyBboxPatch
    if mark.round:
        radius = min(mark.height, mark.width) / 2     # round ends, even on a very short bar
        patch = FancyBboxPatch((mark.x, mark.y), mark.width, mark.height,
                               boxstyle=f"round,pad=0,rounding_size={radius}")
    else:
        patch = Rectangle((mark.x, mark.y), mark.width, mark.height)
    patch.set(facecolor=mark.colour.rgb, edgecolor="none", clip_on=False)
    axes.add_patch(patch)


def _draw_line(axes, mark: Line, faces: Faces) -> None:
    xs, ys = zip(*mark.points)
    axes.plot(xs, ys, color=mark.colour.rgb, linewidth=mark.width_pt, solid_capstyle="butt",
              solid_joinstyle="round", clip_on=False)


def _draw_dot(axes, mark: Dot, faces: Faces) -> None:
    axes.add_patch(Circle((mark.x, mark.y), mark.radius, facecolor=mark.colour.rgb,
                          edgecolor="none", clip_on=False))


def _draw_segment(axes, mark: Segment, faces: Faces) -> None:
    if mark.end <= mark.start:
        return
    # y runs downwards, so angles grow clockwise on the page; -90 degrees is twelve o'clock.
    axes.add_patch(Wedge((mark.x, mark.y), mark.radius, -90 + 360 * mark.start,
                         -90 + 360 * mark.end, width=mark.thickness, facecolor=mark.colour.rgb,
                         edgecolor="none", clip_on=False))


def _draw(axes, mark: Mark, faces: Faces) -> None:
    if isinstance(mark, Text):
        _draw_text(axes, mark, faces)
    elif isinstance(mark, Box):
        _draw_box(axes, mark, faces)
    elif isinstance(mark, Line):
        _draw_line(axes, mark, faces)
    elif isinstance(mark, Dot):
        _draw_dot(axes, mark, faces)
    else:
        _draw_segment(axes, mark, faces)
