"""The words of a chart: its alt text, its data as a table, key figures as text,
and every text it prints (for the check that the fonts can draw it)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..content.model import Chart
from ..content.wording import wording

# kind -> what a screen reader announces before the data
KIND_NAMES = {"bars": "Bar chart", "columns": "Column chart", "line": "Line chart",
              "donut": "Donut chart", "keyfigures": "Key figures"}


@dataclass(frozen=True)
class ChartTable:
    """A chart's data as a table: series run across (one column each), categories
    or points down; `head` is empty when there is one column of values."""
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class KeyFigure:
    """A key figure split for setting: the number big, a long unit smaller beside it."""
    before: str          # what the language writes before the number ("$")
    number: str
    unit: str


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


def chart_table(chart: Chart, language: str = "en") -> ChartTable:
    """The chart's data as a table, the values written as the language writes them."""
    words = wording(language)
    if chart.series:
        head = ("", *(s.name for s in chart.series))
        rows = tuple((category, *(words.quantity(s.values[i], chart.unit) for s in chart.series))
                     for i, category in enumerate(chart.categories))
        return ChartTable(head, rows)
    return ChartTable((), tuple((p.label, words.quantity(p.value, p.unit or chart.unit))
                                for p in chart.points))


def keyfigure_view(value: float, unit: str, language: str = "en") -> KeyFigure:
    """The language's own way of writing the quantity is kept ('29 million USD',
    '29 млн долларов США', '57%'): only where the number sits in it is found."""
    words = wording(language)
    number, quantity = words.number(value), words.quantity(value, unit)
    before, _, after = quantity.partition(number)
    if len(after.strip()) <= 1:             # "%" stays with the number
        return KeyFigure(before, number + after, "")
    return KeyFigure(before, number, after.strip())
