"""Reading a story's charts from issue.yaml: each chart's words, its kind and its data,
with the checks the data needs (one value per category, percentages within 0-100,
parts that make at most a whole) -> `Chart`.

The keys are declared in fields.py: CHART, and POINT, SERIES, PART and KEY_FIGURE for
the data; CHART_DATA says which data each kind takes.
"""
from __future__ import annotations

import yaml

from .fields import CHART, CHART_DATA, CHART_KINDS, KEY_FIGURE, PART, POINT, SERIES, complete, read_values
from .model import Chart, ChartPoint, ChartSeries
from .yamlreader import NodeReader

MAX_SERIES = 4              # the palette's strong colours
MAX_PARTS = 6
# What a chart can show legibly beside the page's text: bars, key figures and a donut's
# parts by count, columns and a line by their categories (the layout then checks each
# label and column fits: see charts.kinds).
MAX_POINTS = {"bars": 20, "donut": MAX_PARTS, "keyfigures": 8}
MAX_LABELS = {"columns": 12, "line": 40}
# Values a chart can write: a figure of at most twelve digits before the point. Larger
# amounts read better in a larger unit (29 with unit "million USD").
MAX_VALUE = 1e12


def read_chart(reader: NodeReader, node: yaml.Node, where: str) -> Chart | None:
    """The chart at `node`, or None when anything in it is wrong (and reported)."""
    count = len(reader.problems)
    found = reader.mapping(node, where, CHART)
    values = read_values(reader, found, where, CHART)
    kind = values.get("kind")
    data = _read_chart_data(reader, node, found, where, kind, values["unit"])
    if "width" not in found and kind == "keyfigures":
        values["width"] = "full"
    if len(reader.problems) > count or None in (values.get("id"), kind):
        return None
    return Chart(**values, **data, at=reader.location(node, where))


def _read_chart_data(reader: NodeReader, node, found: dict, where: str, kind: str | None,
                     unit: str | None) -> dict:
    """The data keys of the chart's kind, read; missing ones and other kinds' reported.

    With an unknown kind, whatever data is given is still read, so that its
    mistakes are reported in the same run.
    """
    known = kind if kind in CHART_KINDS else None
    if known is not None:
        _check_chart_keys(reader, node, found, where, known)

    def given(key: str) -> bool:
        return key in found and (known is None or key in CHART_DATA[known])

    data: dict = {}
    count = len(reader.problems)
    for key, read_item in (("points", _read_point), ("parts", _read_part),
                           ("figures", _read_keyfigure)):
        if given(key):
            data["points"] = _read_chart_points(reader, found[key], f"{where}.{key}", read_item,
                                                unit, kind)
    if given("parts") and len(reader.problems) == count:    # the whole of valid parts only
        _check_whole(reader, found["parts"], f"{where}.parts", data["points"], unit)
    labels_key = next((key for key in ("categories", "x") if given(key)), None)
    if labels_key:
        data["categories"] = _read_chart_labels(reader, found[labels_key], f"{where}.{labels_key}",
                                                kind or "")
    if given("series"):
        data["series"] = _read_chart_series(reader, found["series"], f"{where}.series",
                                            data.get("categories"), labels_key, unit, kind)
    return data


def _check_chart_keys(reader: NodeReader, node, found: dict, where: str, kind: str) -> None:
    """Each kind takes its own data keys, all of them, and a unit (key figures: per figure)."""
    wanted = CHART_DATA[kind]
    for key in dict.fromkeys(k for keys in CHART_DATA.values() for k in keys):
        if key in found and key not in wanted:
            reader.report_at(found[key], f"{where}.{key}", f"a {kind} chart has no {key} "
                             f"(it takes {' and '.join(wanted)})")
    for key in [*wanted] + (["unit"] if kind != "keyfigures" else []):
        if key not in found:
            reader.report_at(node, where, f"missing required key '{key}' ({CHART[key].expected})")


def _read_chart_points(reader: NodeReader, node, where: str, read_item, unit, kind) -> tuple:
    items = reader.sequence(node, where)
    if isinstance(node, yaml.SequenceNode) and not items:
        reader.report_at(node, where, f"no {where.rsplit('.', 1)[-1]} (expected at least one)")
    if kind == "donut" and len(items) > MAX_PARTS:
        reader.report_at(node, where, f"{len(items)} parts (expected at most {MAX_PARTS}: "
                                      "group the smallest as one part)")
    elif kind in MAX_POINTS and len(items) > MAX_POINTS[kind]:
        reader.report_at(node, where, f"{len(items)} {where.rsplit('.', 1)[-1]} (a {kind} chart shows "
                                      f"at most {MAX_POINTS[kind]} legibly: group the smallest, or "
                                      "split the chart in two)")
    points = []
    for i, item in enumerate(items):
        point = read_item(reader, item, f"{where}[{i}]")
        if point is not None:
            _check_chart_value(reader, item, f"{where}[{i}].value", point.value,
                               point.unit or unit, kind)
            points.append(point)
    return tuple(points)


def _check_chart_value(reader: NodeReader, node, where: str, value: float, unit, kind) -> None:
    if abs(value) >= MAX_VALUE:
        reader.report_at(node, where, f"{value:g} is beyond what a chart can write (expected less than "
                                      f"{MAX_VALUE:,.0f} either side of zero: give large amounts in a "
                                      "larger unit, e.g. 29 with unit: million USD)")
    elif unit == "%" and not 0 <= value <= 100:
        reader.report_at(node, where, f"{value:g}% is not a percentage (expected 0 to 100)")
    elif value < 0 and kind in ("bars", "columns", "donut"):
        reader.report_at(node, where, f"{value:g} is below zero (a {kind} chart draws amounts "
                                      "from zero; a line chart can show negative values)")


def _check_whole(reader: NodeReader, node, where: str, parts: tuple, unit) -> None:
    total = sum(p.value for p in parts)
    if unit == "%" and total > 100.0001:
        reader.report_at(node, where, f"the parts add up to {total:g}% (expected at most 100%)")
    elif parts and total <= 0:
        reader.report_at(node, where, "the parts add up to nothing (expected a whole to divide)")


def _read_chart_labels(reader: NodeReader, node, where: str, kind: str) -> tuple[str, ...]:
    # A wrong label is reported (and the chart dropped): "" only keeps the count.
    labels = tuple(reader.text(item, f"{where}[{i}]") or ""
                   for i, item in enumerate(reader.sequence(node, where)))
    least = 2 if kind == "line" else 1
    if isinstance(node, yaml.SequenceNode) and len(labels) < least:
        reader.report_at(node, where, f"{len(labels)} labels (expected at least {least})")
    elif kind in MAX_LABELS and len(labels) > MAX_LABELS[kind]:
        reader.report_at(node, where, f"{len(labels)} labels (a {kind} chart shows at most "
                                      f"{MAX_LABELS[kind]} legibly: group them, e.g. by year)")
    return labels


def _read_chart_series(reader: NodeReader, node, where: str, categories: tuple | None,
                       labels_key: str | None, unit, kind) -> tuple[ChartSeries, ...]:
    items = reader.sequence(node, where)
    if isinstance(node, yaml.SequenceNode) and not items:
        reader.report_at(node, where, "no series (expected at least one)")
    if len(items) > MAX_SERIES:
        reader.report_at(node, where, f"{len(items)} series (expected at most {MAX_SERIES}, "
                                      "one colour each)")
    named, each = (("categories", "category") if labels_key == "categories"
                   else ("x labels", "x label"))
    series = []
    for i, item in enumerate(items):
        found = reader.mapping(item, f"{where}[{i}]", SERIES)
        name = reader.text(found["name"], f"{where}[{i}].name") if "name" in found else None
        if "values" not in found:
            continue
        value_nodes = reader.sequence(found["values"], f"{where}[{i}].values")
        values = []
        for j, value_node in enumerate(value_nodes):
            value = reader.number(value_node, f"{where}[{i}].values[{j}]")
            if value is not None:
                _check_chart_value(reader, value_node, f"{where}[{i}].values[{j}]", value, unit, kind)
            values.append(value)
        if categories is not None and isinstance(found["values"], yaml.SequenceNode) \
                and len(values) != len(categories):
            reader.report_at(found["values"], f"{where}[{i}].values",
                             f"{len(values)} values for {len(categories)} {named} "
                             f"(expected one value per {each})")
        numbers = [value for value in values if value is not None]
        if name is not None and len(numbers) == len(values):
            series.append(ChartSeries(name, tuple(numbers)))
    return tuple(series)


def _read_point(reader: NodeReader, node, where: str) -> ChartPoint | None:
    return _read_labelled(reader, node, where, POINT)


def _read_part(reader: NodeReader, node, where: str) -> ChartPoint | None:
    return _read_labelled(reader, node, where, PART)


def _read_keyfigure(reader: NodeReader, node, where: str) -> ChartPoint | None:
    return _read_labelled(reader, node, where, KEY_FIGURE)


def _read_labelled(reader: NodeReader, node, where: str, fields: dict) -> ChartPoint | None:
    """A bar's point, a donut's part or a key figure: a label and a value, and maybe a
    note or a unit of its own."""
    values = read_values(reader, reader.mapping(node, where, fields), where, fields)
    return ChartPoint(**values) if complete(values, fields) else None
