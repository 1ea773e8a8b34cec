"""Stage 2, charts: the issue's chart data -> SVG files, in the bulletin's own theme.

`draw_charts` draws (or finds in its cache) each chart per edition; `words`
gives what the page sets as text around them (alt text, tables, key figures).
"""
from __future__ import annotations

from .draw import DRAWN_KINDS, TALLER_KINDS, DrawnCharts, across, draw_chart, draw_charts, drawing_key, taller
from .theme import ChartTheme, Palette, chart_theme
from .words import KIND_NAMES, ChartTable, KeyFigure, chart_alt, chart_table, chart_words, keyfigure_view

__all__ = ["DRAWN_KINDS", "KIND_NAMES", "TALLER_KINDS", "ChartTable", "ChartTheme", "DrawnCharts", "KeyFigure",
           "Palette", "across", "chart_alt", "chart_table", "chart_theme", "chart_words", "draw_chart",
           "draw_charts", "drawing_key", "keyfigure_view", "taller"]
