"""The charts stage: `Chart` data -> SVG files (cached), alt text, tables, key figures;
the chart part of loading (validation); and what a reader finds of the charts in the PDFs."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import fontpkg
import pytest

from bulletin.charts import (
    KIND_NAMES,
    ChartTable,
    ChartTheme,
    KeyFigure,
    across,
    chart_alt,
    chart_table,
    chart_theme,
    chart_words,
    draw_chart,
    draw_charts,
    drawing_key,
    keyfigure_view,
    taller,
)
from bulletin.charts import kinds as chartkinds
from bulletin.charts.kinds import layout_bars
from bulletin.charts.marks import CAP_HEIGHT, DESCENT, Text, Types
from bulletin.charts.render import Faces
from bulletin.charts.theme import WHITE, palette_of, to_device_cmyk
from bulletin.content import load_issue
from bulletin.content.model import Chart, ChartPoint, ChartSeries, Colour
from bulletin.errors import BuildError, ContentError
from tests.support.pdftools import run, text
from tests.support.project import ROOT, copy_project

SVG = "{http://www.w3.org/2000/svg}"
CHART_ISSUE = Path(__file__).parent / "2099-01"

COLOURS = {name: Colour(name, rgb, cmyk) for name, rgb, cmyk in [
    ("accent", "#0b6e99", (90, 35, 10, 10)),
    ("ink", "#1f2a33", (0, 0, 0, 100)),
    ("muted", "#5b6770", (0, 0, 0, 70)),
    ("rule", "#b9c4cb", (0, 0, 0, 30)),
    ("tint", "#dbe9f0", (15, 4, 0, 0)),
    ("warm", "#d98b1f", (5, 50, 100, 0)),
    ("deep", "#0d3b5c", (100, 70, 25, 25)),
]}

FAMILY_FACTORS = Chart(
    id="sfp-family", kind="bars", title="Family protective factors improved by", unit="%",
    points=(
        ChartPoint("Family Harmony", 57, "Parents/caregivers control their tempers and avoid "
                   "harsh criticism when disciplining"),
        ChartPoint("Rules about substance abuse", 18, "Parents/caregivers have clear and specific "
                   "rules, and they apply consequences when rules are not followed"),
        ChartPoint("Communication", 37, "Parents/caregivers openly discuss situations and "
                   "feelings with their youth"),
        ChartPoint("Positive Involvement", 41, "Parents/caregivers enjoy spending time with their "
                   "youth and keep youth involved in family decisions and activities"),
    ))
TRAINED = Chart("trained", "columns", "Officers trained", "people", categories=("2014", "2015", "2016"),
                series=(ChartSeries("Men", (120, 150, 180)), ChartSeries("Women", (30, 45, 80))))
SEIZED = Chart("seized", "line", "Heroin seized", "kg",
               categories=("2012", "2013", "2014", "2015", "2016"),
               series=(ChartSeries("Heroin", (1500, 1800, 1400, 2100, 2600)),))
SEIZED_BY_COUNTRY = Chart(
    "by-country", "line", "Heroin seized", "t", categories=tuple(str(y) for y in range(2008, 2017)),
    series=(ChartSeries("Kazakhstan", (1.5, 1.8, 1.4, 2.1, 2.6, 2.2, 2.0, 1.7, 1.9)),
            ChartSeries("Tajikistan", (1.6, 1.2, 0.9, 0.5, 0.6, 0.8, 1.1, 1.4, 1.3)),
            ChartSeries("Uzbekistan", (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.3))))
BUDGET = Chart("budget", "donut", "Where the budget went", "%",
               points=(ChartPoint("Border control and law enforcement", 45),
                       ChartPoint("Drug prevention", 30), ChartPoint("Criminal justice", 15)))
REGION = Chart("region", "keyfigures", "2016 in figures", "", width="full",
               points=(ChartPoint("delivered across West and Central Asia", 29, unit="million USD"),
                       ChartPoint("questionnaires analysed", 148)))
DRAWN = [FAMILY_FACTORS, TRAINED, SEIZED, SEIZED_BY_COUNTRY, BUDGET]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CROWDED = [     # more than a chart comfortably holds: labels thin out, values go to a scale
    Chart("change", "line", "Change", "%", categories=("2012", "2013", "2014", "2015", "2016"),
          series=(ChartSeries("Change", (-12.5, 4, 18, -3, 9)),)),
    Chart("monthly", "line", "Monthly", "kg", categories=MONTHS, series=(
        ChartSeries("Heroin", (120, 340, 560, 230, 1200, 1500, 900, 870, 640, 300, 150, 110)),
        ChartSeries("Opium", (20, 40, 60, 30, 100, 150, 90, 80, 60, 30, 15, 10)))),
    Chart("regions", "columns", "Regions", "USD", categories=tuple(f"Region {i}" for i in range(1, 9)),
          series=tuple(ChartSeries(name, tuple(1000 * i + j * 350 for i in range(1, 9)))
                       for j, name in enumerate("ABCD"))),
    Chart("six-parts", "donut", "Six parts", "people",
          points=tuple(ChartPoint(f"Part number {i}", 10 + i * 7) for i in range(6))),
]


@pytest.fixture(scope="module")
def theme() -> ChartTheme:
    files = tuple(f.path for f in fontpkg.family("Fira Sans").files if not f.variable)
    return ChartTheme(family="Fira Sans", font_files=files, colours=COLOURS)


@pytest.fixture(scope="module")
def svgs(theme) -> dict[str, str]:
    """Every drawn kind's SVG, drawn once for the tests that only read them."""
    return {chart.id: draw_chart(chart, theme) for chart in DRAWN}


def svg_width(svg: str) -> float:
    return float(re.match(r"([\d.]+)", ET.fromstring(svg).get("width", ""))[1])


def svg_height(svg: str) -> float:
    return float(re.match(r"([\d.]+)", ET.fromstring(svg).get("height", ""))[1])


def svg_texts(svg: str) -> list[str]:
    return [element.text for element in ET.fromstring(svg).iter(f"{SVG}text")]


# ---- Drawing and the cache ---------------------------------------------------------

@pytest.mark.slow
def test_each_drawn_chart_goes_to_its_id_and_key_and_key_figures_are_not_drawn(theme, tmp_path):
    result = draw_charts([FAMILY_FACTORS, REGION, TRAINED], tmp_path, theme,
                         across_too={"sfp-family", "trained"})
    assert sorted(result.files) == ["sfp-family", "sfp-family@across", "sfp-family@across@taller",
                                    "trained", "trained@across", "trained@across@taller"]
    for chart in (FAMILY_FACTORS, TRAINED):
        key = drawing_key(chart, theme, cmyk=False)[:16]
        assert result.files[chart.id] == tmp_path / f"{key}-{chart.id}.svg"
        assert result.files[chart.id].read_bytes().startswith(b"<?xml")
    assert (result.drawn, result.reused) == (6, 0)


def test_a_half_width_chart_is_also_drawn_across_the_panel_where_asked(theme, tmp_path):
    result = draw_charts([FAMILY_FACTORS, REGION], tmp_path, theme, across_too={"sfp-family", "region"})
    widths = {name: svg_width(result.files[name].read_text()) for name in ("sfp-family", across("sfp-family"))}
    assert widths[across("sfp-family")] / widths["sfp-family"] == pytest.approx(theme.full_mm / theme.half_mm)
    assert across("region") not in result.files          # key figures are set as text, any width
    alone = draw_charts([FAMILY_FACTORS], tmp_path / "alone", theme)
    assert sorted(alone.files) == ["sfp-family", "sfp-family@taller"]   # one half-width chart never goes across


def test_a_chart_is_also_drawn_taller_its_bars_further_apart_a_ring_not(theme, tmp_path):
    result = draw_charts([FAMILY_FACTORS, TRAINED, BUDGET], tmp_path, theme)
    assert taller("sfp-family") in result.files and taller("trained") in result.files
    assert "budget" in result.files and taller("budget") not in result.files
    for name in ("sfp-family", "trained"):
        plain, tall = (result.files[n].read_text() for n in (name, taller(name)))
        assert svg_width(tall) == pytest.approx(svg_width(plain))
        assert svg_height(tall) > 1.2 * svg_height(plain)
        assert sorted(svg_texts(tall)) == sorted(svg_texts(plain))     # the same words, more room
    assert drawing_key(FAMILY_FACTORS, theme, cmyk=False) != drawing_key(FAMILY_FACTORS, replace(theme, taller=True),
                                                                         cmyk=False)


def test_a_second_run_reuses_every_chart_and_removes_those_gone(theme, tmp_path):
    first = draw_charts([FAMILY_FACTORS, TRAINED], tmp_path, theme, across_too={"sfp-family", "trained"})
    stamps = {path: path.stat().st_mtime_ns for path in first.files.values()}
    second = draw_charts([FAMILY_FACTORS], tmp_path, theme, across_too={"sfp-family"})
    assert (second.drawn, second.reused) == (0, 3)
    assert second.files["sfp-family"].stat().st_mtime_ns == stamps[first.files["sfp-family"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        first.files[name].name for name in ("sfp-family", across("sfp-family"), taller(across("sfp-family"))))


def test_what_the_html_sets_does_not_redraw_what_the_svg_shows_does(theme, monkeypatch):
    key = drawing_key(FAMILY_FACTORS, theme, cmyk=False)
    for same in (replace(FAMILY_FACTORS, title="Another title", source="Elsewhere", alt="Said",
                         notes="A note", table=True),):
        assert drawing_key(same, theme, cmyk=False) == key
    changed = [replace(FAMILY_FACTORS, points=FAMILY_FACTORS.points[:2]),
               replace(FAMILY_FACTORS, unit="kg"), replace(FAMILY_FACTORS, width="full"),
               replace(FAMILY_FACTORS, kind="donut")]
    themes = [replace(theme, size_pt=9), replace(theme, colours={**COLOURS, "accent": COLOURS["warm"]}),
              replace(theme, background="tint"), replace(theme, language="ru")]
    keys = {drawing_key(chart, theme, cmyk=False) for chart in changed}
    keys |= {drawing_key(FAMILY_FACTORS, other, cmyk=False) for other in themes}
    keys.add(drawing_key(FAMILY_FACTORS, theme, cmyk=True))
    monkeypatch.setattr("bulletin.charts.draw._matplotlib_version", lambda: "99.0")   # a new matplotlib
    keys.add(drawing_key(FAMILY_FACTORS, theme, cmyk=False))
    assert key not in keys and len(keys) == len(changed) + len(themes) + 2


def test_the_same_data_draws_the_same_bytes(theme, svgs):
    assert draw_chart(FAMILY_FACTORS, theme) == svgs["sfp-family"]
    assert draw_chart(replace(FAMILY_FACTORS, points=FAMILY_FACTORS.points[1:]), theme) \
        != svgs["sfp-family"]


@pytest.mark.parametrize("chart, expected", [
    (FAMILY_FACTORS, ["Family Harmony", "Communication", "57%", "18%", "37%", "41%"]),
    (TRAINED, ["Men", "Women", "people", "2014", "2016", "120", "30", "180", "80"]),
    (SEIZED, ["kg", "2012", "2016", "1,500", "1,400", "2,600"]),
    (SEIZED_BY_COUNTRY, ["Kazakhstan", "Tajikistan", "Uzbekistan", "1.9", "1.3", "2008", "2016"]),
    (BUDGET, ["45%", "30%", "15%", "Border control and", "law enforcement", "Criminal justice"]),
], ids=lambda value: value.id if isinstance(value, Chart) else "")
def test_labels_and_values_stay_text(svgs, chart, expected):
    texts = svg_texts(svgs[chart.id])
    for word in expected:
        assert word in texts


def test_bar_notes_read_on_line_after_line(svgs):
    words = " ".join(svg_texts(svgs["sfp-family"]))
    for point in FAMILY_FACTORS.points:
        assert point.note in words


@pytest.mark.parametrize("chart", DRAWN, ids=lambda c: c.id)
def test_text_is_set_in_the_theme_family_only_and_nothing_is_titled_or_boxed(svgs, chart):
    svg = svgs[chart.id]
    assert set(re.findall(r"font-family: ([^;\"]+)", svg)) == {"'Fira Sans'"}
    assert "DejaVu" not in svg
    assert chart.title not in svg
    assert 'id="xtick' not in svg and 'id="matplotlib.axis' not in svg and "legend" not in svg
    assert "#ffffff" not in svg             # transparent: the panel shows through


@pytest.mark.parametrize("chart", DRAWN + CROWDED, ids=lambda c: c.id)
@pytest.mark.parametrize("width", ["half", "full"])
def test_no_text_overlaps_other_text_or_leaves_the_chart(theme, chart, width):
    chart = replace(chart, width=width)
    faces = Faces(theme)
    sketch = chartkinds.LAYOUTS[chart.kind](chart, theme, palette_of(theme), faces.width_mm)
    assert sketch.width == theme.width_of(chart)
    boxes = [_text_box(mark, faces) for mark in sketch.marks if isinstance(mark, Text)]
    for left, top, right, bottom, words in boxes:
        assert left >= -0.01 and right <= sketch.width + 0.01, words
        assert top >= -0.01 and bottom <= sketch.height + 0.01, words
    for one, other in combinations(boxes, 2):
        apart = (one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1])
        assert apart, f"'{one[4]}' overlaps '{other[4]}'"


def _text_box(mark: Text, faces: Faces):
    width = faces.width_mm(mark.text, mark.type)
    left = {"left": mark.x, "center": mark.x - width / 2, "right": mark.x - width}[mark.align]
    # Capitals to descenders: what a reader sees of a line of type.
    return (left, mark.y - CAP_HEIGHT * mark.type.mm, left + width,
            mark.y + DESCENT * mark.type.mm, mark.text)


def test_width_is_the_placed_width_and_bars_grow_with_their_points(theme):
    def size_mm(chart):
        root = ET.fromstring(draw_chart(chart, theme))
        return [float(root.get(side).removesuffix("pt")) * 25.4 / 72 for side in ("width", "height")]
    width, height = size_mm(FAMILY_FACTORS)
    _, shorter = size_mm(replace(FAMILY_FACTORS, points=FAMILY_FACTORS.points[:2]))
    assert width == pytest.approx(theme.half_mm)
    assert size_mm(replace(TRAINED, width="full"))[0] == pytest.approx(theme.full_mm)
    assert shorter < height * 0.6


def test_type_sizes_are_the_themes(theme, svgs):
    sizes = {float(s) for s in re.findall(r"font-size: ([\d.]+)px", svgs["sfp-family"])}
    assert {theme.size_pt, theme.small_pt} <= sizes          # labels, notes: as on the page


@pytest.mark.parametrize("width_mm", [81.0, 120.0, 170.0])
def test_bar_notes_wrap_clear_of_the_bars_and_the_next_row(theme, width_mm):
    sized = replace(theme, half_mm=width_mm)
    faces, types = Faces(sized), Types.of(sized)
    layout = layout_bars(FAMILY_FACTORS, sized, faces.width_mm)
    for row, below in zip(layout.rows, layout.rows[1:]):
        assert row.bottom < below.top
    for row in layout.rows:
        assert len(row.note_lines) >= 2     # every SFP note is longer than one line
        widest = max(faces.width_mm(line, role) for lines, role in
                     ((row.note_lines, types.note), (row.label_lines, types.label))
                     for line in lines)
        assert widest <= layout.text_width <= layout.width
        bar_top = row.bar_middle - layout.bar_height / 2
        if layout.stacked:
            assert bar_top > row.note_baselines[-1]
        else:
            assert widest < layout.track_left


# A word a half-width chart's label column holds only in the smaller type, and one it never holds.
SHRINKS = "Drogenbekämpfungskooperationsvereinbarungsunterzeichnungs"
NEVER_FITS = "Drogenbekämpfungskooperationsvereinbarungsunterzeichnungszeremonie"


def test_a_label_word_too_wide_for_its_type_is_set_smaller(theme):
    faces, types = Faces(theme), Types.of(theme)
    layout = layout_bars(replace(FAMILY_FACTORS, points=(ChartPoint(SHRINKS, 40), ChartPoint("Harmony", 57))),
                         theme, faces.width_mm)
    assert faces.width_mm(SHRINKS, types.label) > layout.text_width >= faces.width_mm(SHRINKS, types.note)
    assert [row.label_type for row in layout.rows] == [types.note, types.label]


@pytest.mark.parametrize("chart, refusal", [
    (replace(FAMILY_FACTORS, points=(ChartPoint(NEVER_FITS, 4),)),
     f"^the word '{NEVER_FITS}' is 91 mm wide even in the chart's 7.6 pt type, wider than the 81 mm"),
    (replace(BUDGET, points=(ChartPoint(NEVER_FITS, 40),)), f"^the word '{NEVER_FITS}' is 91 mm wide"),
    (replace(FAMILY_FACTORS, unit="unit " * 30, points=(ChartPoint("One", 1),)),
     r"^'1\xa0unit unit .* mm wide in the chart's 10.92 pt type and would run past its edge \(81 mm wide\)"),
    (replace(TRAINED, categories=tuple(map(str, range(2006, 2018))),
             series=tuple(ChartSeries(f"Group {g}", tuple(range(12))) for g in range(4))),
     r"^its columns would be 0.8 mm wide, too thin to read"),
    (replace(FAMILY_FACTORS, points=tuple(ChartPoint(f"Place number {n}", n) for n in range(1, 41))),
     r"^it would be drawn \d+ mm tall, more than the 200 mm a page holds"),
], ids=["bar label", "donut label", "value and unit", "columns", "height"])
def test_what_cannot_be_drawn_legibly_is_refused_saying_what(theme, chart, refusal):
    with pytest.raises(chartkinds.Illegible, match=refusal):
        draw_chart(chart, theme)


def test_illegible_charts_are_content_errors_at_their_lines(project, theme, tmp_path):
    project.replace("    figures:", """\
    charts:
      - id: wide
        kind: bars
        title: A word too wide
        unit: people
        points:
          - {label: """ + NEVER_FITS + """, value: 4}
      - id: fine
        kind: bars
        title: Fine
        unit: people
        points:
          - {label: One, value: 4}
    figures:""")
    charts = load_issue(project.issue_dir).stories[0].charts
    with pytest.raises(ContentError) as refused:
        draw_charts(charts, tmp_path / "charts", theme)
    assert [str(p) for p in refused.value.problems] == [
        f"{FILE}:15:9: stories[0].charts[0]: cannot be drawn legibly: the word '{NEVER_FITS}' is 91 mm "
        "wide even in the chart's 7.6 pt type, wider than the 81 mm its labels have (shorten it, or "
        "break it with a hyphen and a space)"]
    assert not list((tmp_path / "charts").glob("*wide.svg"))


def test_a_label_with_dollar_signs_is_text_not_tex(theme):
    svg = draw_chart(replace(FAMILY_FACTORS, points=(ChartPoint("From $5 to $\\frac{10", 5),
                                                     ChartPoint("$\\alpha$ and $$", 10))), theme)
    assert {"From $5 to $\\frac{10", "$\\alpha$ and $$"} <= set(svg_texts(svg))


def test_unknown_kinds_and_negative_bars_are_refused(theme):
    with pytest.raises(ValueError, match="chart 'sfp-family': unknown kind 'pie'"):
        draw_chart(replace(FAMILY_FACTORS, kind="pie"), theme)
    with pytest.raises(ValueError, match="no negative value"):
        draw_chart(replace(FAMILY_FACTORS, points=(ChartPoint("Drop", -3),)), theme)


def test_a_family_missing_from_the_font_files_is_an_error(theme):
    with pytest.raises(ValueError, match="chart font 'No Such Sans'"):
        draw_chart(FAMILY_FACTORS, replace(theme, family="No Such Sans"))


@pytest.mark.parametrize("chart", DRAWN, ids=lambda c: c.id)
def test_cmyk_writes_ink_values_instead_of_screen_colours(theme, chart):
    svg = draw_chart(chart, replace(theme, background="tint"), cmyk=True)
    assert "device-cmyk(0.9 0.35 0.1 0.1)" in svg       # the accent
    assert "device-cmyk(0 0 0 1)" in svg                # the ink's labels
    assert not re.search(r"#[0-9a-fA-F]{6}\b", svg), "a screen colour is left in the press SVG"


@pytest.mark.parametrize("chart", DRAWN, ids=lambda c: c.id)
def test_press_text_below_9_pt_takes_the_small_type_form_and_shapes_the_full_inks(theme, chart):
    colours = {**COLOURS, "accent": replace(COLOURS["accent"], small=(90, 35, 0, 0)),
               "warm": replace(COLOURS["warm"], small=(0, 50, 100, 0)),
               "deep": replace(COLOURS["deep"], small=(80, 0, 0, 75))}
    svg = draw_chart(chart, replace(theme, colours=colours), cmyk=True)
    texts = re.findall(r"<text\b[^>]*>", svg)
    assert texts
    for element in texts:
        size = float(re.search(r"font-size: ([\d.]+)px", element)[1])
        inks = [float(v) for v in re.search(r"fill: device-cmyk\(([^)]*)\)", element)[1].split()]
        assert size >= 9 or sum(v > 0 for v in inks) <= 2, element
    assert "device-cmyk(0.9 0.35 0.1 0.1)" in svg.replace("".join(texts), "")    # bars, lines, rings


def test_the_press_recolouring_tells_small_text_from_large_text_and_shapes():
    accent = replace(COLOURS["accent"], small=(90, 35, 0, 0))
    svg = ('<rect style="fill: #0b6e99"/>'
           '<text style="font-size: 8.4px; fill: #0b6e99">12</text>'
           '<text style="font-size: 20.16px; fill: #0b6e99">45%</text>'
           '<text style="font-size: 7.6px; fill: #1f2a33">Note</text>')
    assert to_device_cmyk(svg, [accent, COLOURS["ink"]]) == (
        '<rect style="fill: device-cmyk(0.9 0.35 0.1 0.1)"/>'
        '<text style="font-size: 8.4px; fill: device-cmyk(0.9 0.35 0 0)">12</text>'
        '<text style="font-size: 20.16px; fill: device-cmyk(0.9 0.35 0.1 0.1)">45%</text>'
        '<text style="font-size: 7.6px; fill: device-cmyk(0 0 0 1)">Note</text>')


def test_on_a_tint_panel_the_track_is_paper(theme):
    assert palette_of(theme).track == COLOURS["tint"]
    assert palette_of(replace(theme, background="tint")).track == WHITE


def test_series_take_the_strong_inks_then_screens_of_them(theme):
    series = palette_of(theme).series
    assert series[:4] == (COLOURS["accent"], COLOURS["warm"], COLOURS["deep"], COLOURS["muted"])
    assert series[4].cmyk == pytest.approx((40.5, 15.75, 4.5, 4.5))       # a 45 % screen


def test_a_sparse_theme_falls_back_to_screens_of_its_inks(theme):
    palette = palette_of(replace(theme, colours={"accent": COLOURS["accent"]}))
    assert palette.bar == COLOURS["accent"]
    assert palette.track.cmyk == pytest.approx((13.5, 5.25, 1.5, 1.5))    # a 15 % screen
    assert palette.label.rgb == "#000000"


@pytest.mark.slow
def test_importing_the_stage_does_not_import_matplotlib():
    code = "import sys, bulletin.charts; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# ---- The theme: one for pages and charts ---------------------------------------------

def test_the_theme_reads_sizes_and_widths_from_the_stylesheet():
    theme = chart_theme(ROOT / "styles" / "bulletin.css", "Fira Sans", [], COLOURS, "ru")
    css = (ROOT / "styles" / "bulletin.css").read_text()
    tokens = dict(re.findall(r"(--chart-size|--small-size|--chart-half|--chart-full):\s*([\d.]+)", css))
    assert theme.size_pt == float(tokens["--chart-size"])
    assert theme.small_pt == float(tokens["--small-size"])
    assert theme.half_mm == float(tokens["--chart-half"])
    assert theme.full_mm == float(tokens["--chart-full"])
    assert (theme.background, theme.language) == ("tint", "ru")
    assert 2 * theme.half_mm + 6 <= theme.full_mm          # two halves and the gutter fit


def test_a_stylesheet_without_the_chart_tokens_is_an_error(tmp_path):
    stylesheet = tmp_path / "bulletin.css"
    stylesheet.write_text(":root { --small-size: 7pt; --chart-size: 1em; }")
    with pytest.raises(BuildError) as caught:
        chart_theme(stylesheet, "Fira Sans", [], COLOURS)
    assert str(caught.value) == (
        f"{stylesheet}: no --chart-half, --chart-full, --chart-background (the charts stage draws "
        "charts at the sizes these custom properties give the page)")


# ---- Words: alt text, tables, key figures ---------------------------------------------

@pytest.mark.parametrize("chart, expected", [
    (FAMILY_FACTORS, "Bar chart: Family protective factors improved by: Family Harmony 57%, "
                     "Rules about substance abuse 18%, Communication 37%, Positive Involvement 41%"),
    (TRAINED, "Column chart: Officers trained: Men: 2014 120 people, 2015 150 people, "
              "2016 180 people; Women: 2014 30 people, 2015 45 people, 2016 80 people"),
    (SEIZED, "Line chart: Heroin seized: Heroin: 2012 1,500\xa0kg, 2013 1,800\xa0kg, "
             "2014 1,400\xa0kg, 2015 2,100\xa0kg, 2016 2,600\xa0kg"),
    (BUDGET, "Donut chart: Where the budget went: Border control and law enforcement 45%, "
             "Drug prevention 30%, Criminal justice 15%"),
    (REGION, "Key figures: 2016 in figures: delivered across West and Central Asia "
             "29 million USD, questionnaires analysed 148"),
], ids=lambda value: value.id if isinstance(value, Chart) else "")
def test_alt_text_reads_every_value_from_the_data(chart, expected):
    assert chart_alt(chart) == expected


def test_alt_text_of_the_content_wins_and_numbers_follow_the_language():
    assert chart_alt(replace(FAMILY_FACTORS, alt="Written by the editor")) == "Written by the editor"
    seizures = Chart("seizures", "bars", "Seizures", "kg", (ChartPoint("Heroin", 1234.5),),
                     subtitle="2016")
    assert chart_alt(seizures) == "Bar chart: Seizures (2016): Heroin 1,234.5\xa0kg"
    assert chart_alt(seizures, "ru") == "Bar chart: Seizures (2016): Heroin 1\xa0234,5\xa0kg"


def test_chart_words_are_every_text_the_chart_prints():
    words = set(chart_words(replace(TRAINED, notes="Provisional", source="Records")))
    assert {"Officers trained", "people", "2014", "Men", "Women", "Provisional", "Records"} <= words
    assert {"million USD", "questionnaires analysed"} <= set(chart_words(REGION))


def test_tables_put_series_across_and_categories_down():
    assert chart_table(TRAINED) == ChartTable(("", "Men", "Women"), (
        ("2014", "120 people", "30 people"), ("2015", "150 people", "45 people"),
        ("2016", "180 people", "80 people")))
    assert chart_table(BUDGET) == ChartTable((), (
        ("Border control and law enforcement", "45%"), ("Drug prevention", "30%"),
        ("Criminal justice", "15%")))


@pytest.mark.parametrize("value, unit, language, expected", [
    (29, "million USD", "en", KeyFigure("", "29", "million USD")),
    (29, "million USD", "ru", KeyFigure("", "29", "млн долларов США")),
    (57, "%", "en", KeyFigure("", "57%", "")),
    (57, "%", "ru", KeyFigure("", "57\xa0%", "")),
    (1480, "", "en", KeyFigure("", "1,480", "")),
])
def test_a_key_figure_keeps_its_number_big_and_a_long_unit_beside_it(value, unit, language, expected):
    assert keyfigure_view(value, unit, language) == expected


# ---- Loading: every chart mistake, with its line and column -----------------------------

FILE = "issues/2017-06/issue.yaml"
CHART_AT_LINE_16 = """\
    charts:
      - id: results
        kind: {kind}
        title: Results
{rest}    figures:"""


def chart_problems(project, kind: str, rest: str) -> list[str]:
    project.replace("    figures:", CHART_AT_LINE_16.format(
        kind=kind, rest=textwrap.indent(textwrap.dedent(rest), " " * 8)))
    with pytest.raises(ContentError) as caught:
        load_issue(project.issue_dir)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("kind, rest, expected", [
    ("columns", """\
        unit: people
        categories: [2014, 2015, 2016]
        series:
          - {name: Men, values: [1, 2]}
     """, "21:33: stories[0].charts[0].series[0].values: 2 values for 3 categories "
          "(expected one value per category)"),
    ("line", """\
        unit: kg
        x: [2014, 2015]
        series:
          - {name: Heroin, values: [1, 2, 3]}
     """, "21:36: stories[0].charts[0].series[0].values: 3 values for 2 x labels "
          "(expected one value per x label)"),
    ("columns", """\
        unit: people
        categories: [2014]
        series:
          - {name: Men, values: [many]}
     """, "21:34: stories[0].charts[0].series[0].values[0]: expected a number, found text 'many'"),
    ("columns", """\
        unit: "%"
        categories: [2014]
        series:
          - {name: Men, values: [101]}
     """, "21:34: stories[0].charts[0].series[0].values[0]: 101% is not a percentage "
          "(expected 0 to 100)"),
    ("donut", """\
        unit: "%"
        parts:
          - {label: A, value: 60}
          - {label: B, value: 52}
     """, "20:11: stories[0].charts[0].parts: the parts add up to 112% (expected at most 100%)"),
    ("donut", """\
        unit: "%"
        parts:
          - {label: A, value: -5}
     """, "20:13: stories[0].charts[0].parts[0].value: -5% is not a percentage (expected 0 to 100)"),
    ("bars", """\
        unit: kg
        points:
          - {label: A, value: -5}
     """, "20:13: stories[0].charts[0].points[0].value: -5 is below zero (a bars chart draws "
          "amounts from zero; a line chart can show negative values)"),
    ("keyfigures", """\
        figures:
          - {value: 120, unit: "%", label: More}
     """, "19:13: stories[0].charts[0].figures[0].value: 120% is not a percentage "
          "(expected 0 to 100)"),
    ("keyfigures", """\
        figures:
          - {value: lots, label: More}
     """, "19:21: stories[0].charts[0].figures[0].value: expected a number, found text 'lots'"),
    ("bars", """\
        unit: "%"
     """, "15:9: stories[0].charts[0]: missing required key 'points' (a list of label/value points)"),
    ("bars", """\
        unit: "%"
        points: [{label: A, value: 1}]
        series: []
     """, "20:17: stories[0].charts[0].series: a bars chart has no series (it takes points)"),
    ("columns", """\
        categories: [2016]
        series: [{name: A, values: [1]}]
     """, "15:9: stories[0].charts[0]: missing required key 'unit' (e.g. %, USD, people)"),
    ("line", """\
        unit: kg
        x: [2016]
        series: [{name: A, values: [1]}]
     """, "19:12: stories[0].charts[0].x: 1 labels (expected at least 2)"),
    ("columns", """\
        unit: kg
        categories: [a]
        series: [{name: A, values: [1]}, {name: B, values: [1]}, {name: C, values: [1]},
                 {name: D, values: [1]}, {name: E, values: [1]}]
     """, "20:17: stories[0].charts[0].series: 5 series (expected at most 4, one colour each)"),
    ("bars", """\
        unit: kg
        width: wide
        points: [{label: A, value: 1}]
     """, "19:16: stories[0].charts[0].width: 'wide' is not a chart width "
          "(expected half: two charts side by side or full: the infographic's whole width)"),
    ("bars", """\
        unit: kg
        table: please
        points: [{label: A, value: 1}]
     """, "19:16: stories[0].charts[0].table: expected true or false"),
    ("pie", """\
        unit: kg
        points: [{label: A, value: 1}]
     """, "16:15: stories[0].charts[0].kind: unknown chart kind 'pie' "
          "(expected one of: bars, columns, line, donut, keyfigures)"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 12 else None)
def test_each_chart_mistake_is_reported_where_it_is(project, kind, rest, expected):
    assert chart_problems(project, kind, rest) == [f"{FILE}:{expected}"]


def test_each_kind_reads_into_the_model(project):
    project.write((CHART_ISSUE / "issue.yaml").read_text(encoding="utf-8"))
    charts = {c.id: c for c in load_issue(project.issue_dir).stories[0].charts}
    assert charts["officers-trained"] == Chart(
        "officers-trained", "columns", "Officers trained", "people", subtitle="by year, women and men",
        source="UNODC training records", table=True, categories=("2014", "2015", "2016"),
        series=(ChartSeries("Men", (120, 150, 180)), ChartSeries("Women", (30, 45, 80))))
    assert charts["region-2016"].points[0] == ChartPoint(
        "delivered across West and Central Asia", 29, unit="million USD")
    assert (charts["region-2016"].width, charts["budget-share"].width) == ("full", "half")
    assert charts["heroin-seized"].notes == "Figures for 2016 are provisional."
    assert [c.kind for c in charts.values()] == ["keyfigures", "bars", "columns", "line", "donut"]


# ---- The PDFs: what a reader finds -----------------------------------------------------

@pytest.fixture(scope="module")
def chart_build(tmp_path_factory):
    """The five-kind test issue built once in a throw-away project."""
    from bulletin.pipeline import build
    # Charts, not imposition, are under test: the issue may end on any page.
    root = copy_project(tmp_path_factory.mktemp("charts"))
    shutil.copytree(CHART_ISSUE, root / "issues" / CHART_ISSUE.name)
    return build(root / "issues" / CHART_ISSUE.name)


def edition(result, kind):
    return next(e for e in result.editions if e.kind == kind)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["email", "print"])
def test_every_kind_is_in_the_pdf_with_its_labels_and_values_as_text(chart_build, kind):
    found = text(edition(chart_build, kind).path)
    for words in [
        # key figures (set as text), then bars, columns, line, donut
        "29 million USD", "delivered across West and Central Asia", "148", "57%",
        "Family Harmony", "Parents/caregivers control their tempers", "37%",
        "Officers trained", "Men", "Women", "120", "180", "2014", "2016",
        "Heroin seized at the border posts", "1,500", "2,600", "2012",
        "Where the 2016 budget went", "45%", "30%", "15%", "Criminal justice",
    ]:
        assert words in found, f"'{words}' is not in the {kind} edition's text"


def test_a_chart_can_print_its_data_notes_and_sources(chart_build):
    found = text(edition(chart_build, "email").path)
    assert "2015 150 people 45 people" in found.replace("\xa0", " ")
    assert "Figures for 2016 are provisional." in found
    for source in ("Source: UNODC training records", "Source: National drug control agencies"):
        assert source in found


@pytest.mark.parametrize("kind", ["email", "print"])
def test_charts_add_no_raster_image(chart_build, kind):
    listing = run("pdfimages", "-list", str(edition(chart_build, kind).path)).splitlines()
    assert listing[2:] == [], "an image in a PDF of an issue that has no photos"


def test_the_charts_are_set_in_the_bulletins_fonts(chart_build):
    used = run("pdffonts", str(edition(chart_build, "print").path))
    families = {line.split()[0].split("+", 1)[-1] for line in used.splitlines()[2:] if line.strip()}
    assert families and all(f.startswith(("Fira-Sans", "PT-Serif")) for f in families), families


@pytest.mark.slow
def test_the_manifest_counts_charts_drawn_and_a_warm_build_draws_none_without_matplotlib(chart_build):
    manifest = json.loads((chart_build.out_dir / "build.json").read_text())
    # 4 drawn kinds, half and across, 3 of them taller too (across), 2 editions
    assert manifest["charts"] == {"drawn": 22, "reused": 0}
    issue_dir = chart_build.issue.folder
    code = ("import sys; from pathlib import Path; from bulletin.pipeline import build; "
            f"result = build(Path({str(issue_dir)!r})); "
            "print(result.charts_drawn, result.charts_reused, 'matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "22", "False"]
    manifest = json.loads((chart_build.out_dir / "build.json").read_text())
    assert manifest["charts"] == {"drawn": 0, "reused": 22}


@pytest.mark.slow
def test_weasyprint_paints_the_cmyk_chart_in_device_cmyk(theme, tmp_path):
    """WeasyPrint 70 turns SVG device-cmyk() into DeviceCMYK operators, text included."""
    pikepdf = pytest.importorskip("pikepdf")
    weasyprint = pytest.importorskip("weasyprint")
    chart = replace(FAMILY_FACTORS, points=FAMILY_FACTORS.points[:1])
    svg = tmp_path / "chart.svg"
    svg.write_text(draw_chart(chart, theme, cmyk=True), encoding="utf-8")
    pdf_path = tmp_path / "chart.pdf"
    weasyprint.HTML(string=f'<img src="{svg.as_uri()}">').write_pdf(pdf_path)
    colour_ops = set()
    with pikepdf.open(pdf_path) as pdf:
        for stream in _content_streams(pdf.pages[0].obj):
            for operands, operator in pikepdf.parse_content_stream(stream):
                if str(operator) in ("rg", "RG", "k", "K", "cs", "CS", "scn", "SCN"):
                    colour_ops.add((str(operator), tuple(str(o) for o in operands)))
    assert ("cs", ("/DeviceCMYK",)) in colour_ops
    assert ("scn", ("0.9", "0.35", "0.1", "0.1")) in colour_ops          # the bar
    assert ("scn", ("0", "0", "0", "1")) in colour_ops                    # the label
    assert not any(op in ("rg", "RG") for op, _ in colour_ops)


def _content_streams(owner):
    """A page's or form's content, then that of every form it draws, depth first."""
    yield owner
    for form in owner.get("/Resources", {}).get("/XObject", {}).values():
        if form.get("/Subtype") == "/Form":
            yield from _content_streams(form)


def test_the_readme_shows_the_yaml_of_every_kind_and_it_loads(project):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Charts\n"):]
    example = re.search(r"```yaml\n(.*?)```", section, re.S)[1]
    project.replace("    figures:", textwrap.indent(example, "    ") + "    figures:")
    charts = load_issue(project.issue_dir).stories[0].charts
    assert sorted(c.kind for c in charts) == sorted(KIND_NAMES)
