"""The charts stage: `Chart` data -> SVG files, and the alt text read from the data."""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace

import fontpkg
import pytest

from bulletin.charts import (WHITE, ChartTheme, Faces, chart_alt, draw_charts, layout_bars,
                             palette_of)
from bulletin.model import Chart, ChartPoint, Colour

SVG = "{http://www.w3.org/2000/svg}"

COLOURS = {name: Colour(name, rgb, cmyk) for name, rgb, cmyk in [
    ("accent", "#0b6e99", (90, 35, 10, 10)),
    ("ink", "#1f2a33", (0, 0, 0, 100)),
    ("muted", "#5b6770", (0, 0, 0, 70)),
    ("rule", "#b9c4cb", (0, 0, 0, 30)),
    ("tint", "#dbe9f0", (15, 4, 0, 0)),
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


@pytest.fixture(scope="module")
def theme() -> ChartTheme:
    files = tuple(f.path for f in fontpkg.family("Fira Sans").files if not f.variable)
    return ChartTheme(family="Fira Sans", font_files=files, colours=COLOURS)


def draw_one(chart: Chart, theme: ChartTheme, folder, cmyk: bool = False) -> str:
    return draw_charts([chart], folder, theme, cmyk=cmyk)[chart.id].read_text(encoding="utf-8")


def svg_texts(svg: str) -> list[str]:
    return [element.text for element in ET.fromstring(svg).iter(f"{SVG}text")]


def test_draws_each_chart_to_its_id(theme, tmp_path):
    youth = replace(FAMILY_FACTORS, id="sfp-youth", points=FAMILY_FACTORS.points[:2])
    files = draw_charts([FAMILY_FACTORS, youth], tmp_path / "charts", theme)
    assert files == {"sfp-family": tmp_path / "charts" / "sfp-family.svg",
                     "sfp-youth": tmp_path / "charts" / "sfp-youth.svg"}
    assert all(path.read_bytes().startswith(b"<?xml") for path in files.values())


def test_the_same_data_draws_the_same_bytes(theme, tmp_path):
    first = draw_one(FAMILY_FACTORS, theme, tmp_path / "a")
    second = draw_one(FAMILY_FACTORS, theme, tmp_path / "b")
    changed = draw_one(replace(FAMILY_FACTORS, points=FAMILY_FACTORS.points[1:]), theme,
                       tmp_path / "c")
    assert first == second
    assert changed != first


def test_labels_notes_and_values_stay_text(theme, tmp_path):
    texts = svg_texts(draw_one(FAMILY_FACTORS, theme, tmp_path))
    words = " ".join(texts)
    for point in FAMILY_FACTORS.points:
        assert point.label in words
        assert point.note in words          # wrapped notes read on, line after line
    for value in ("57%", "18%", "37%", "41%"):
        assert value in texts


def test_text_is_set_in_the_theme_family_only(theme, tmp_path):
    svg = draw_one(FAMILY_FACTORS, theme, tmp_path)
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families == {"'Fira Sans'"}
    assert "DejaVu" not in svg


def test_no_title_axes_or_background_are_drawn(theme, tmp_path):
    svg = draw_one(FAMILY_FACTORS, theme, tmp_path)
    assert FAMILY_FACTORS.title not in svg
    assert 'id="xtick' not in svg and 'id="matplotlib.axis' not in svg
    assert "#ffffff" not in svg             # transparent: the page shows through


def test_width_is_the_placed_width_and_height_grows_with_the_points(theme, tmp_path):
    def size_mm(chart):
        root = ET.fromstring(draw_one(chart, theme, tmp_path))
        return [float(root.get(side).removesuffix("pt")) * 25.4 / 72 for side in ("width", "height")]
    width, height = size_mm(FAMILY_FACTORS)
    _, shorter = size_mm(replace(FAMILY_FACTORS, points=FAMILY_FACTORS.points[:2]))
    assert width == pytest.approx(theme.width_mm)
    assert 12 <= height / len(FAMILY_FACTORS.points) <= 16
    assert shorter < height * 0.6


@pytest.mark.parametrize("width_mm", [81.0, 120.0, 170.0])
def test_notes_wrap_clear_of_the_bars_and_the_next_row(theme, width_mm):
    sized = replace(theme, width_mm=width_mm)
    faces = Faces(sized)
    layout = layout_bars(FAMILY_FACTORS, sized, faces.width_mm)
    for row, below in zip(layout.rows, layout.rows[1:]):
        assert row.bottom < below.top
    for row in layout.rows:
        assert len(row.note_lines) >= 2     # every SFP note is longer than one line
        widest = max(faces.width_mm(line, role) for lines, role in
                     ((row.note_lines, (0.82, 400)), (row.label_lines, (1.0, 600)))
                     for line in lines)
        assert widest <= layout.text_width <= layout.width
        bar_top = row.bar_middle - layout.bar_height / 2
        if layout.stacked:
            assert bar_top > row.note_baselines[-1]
        else:
            assert widest < layout.track_left


def test_unknown_kind_is_refused(theme, tmp_path):
    with pytest.raises(ValueError, match="chart 'sfp-family': unknown kind 'pie'"):
        draw_charts([replace(FAMILY_FACTORS, kind="pie")], tmp_path, theme)


def test_negative_values_are_refused(theme, tmp_path):
    falling = replace(FAMILY_FACTORS, points=(ChartPoint("Drop", -3),))
    with pytest.raises(ValueError, match="no negative value"):
        draw_charts([falling], tmp_path, theme)


def test_a_family_missing_from_the_font_files_is_an_error(theme, tmp_path):
    with pytest.raises(ValueError, match="chart font 'No Such Sans'"):
        draw_charts([FAMILY_FACTORS], tmp_path, replace(theme, family="No Such Sans"))


def test_alt_text_lists_every_label_with_its_value():
    assert chart_alt(FAMILY_FACTORS) == (
        "Bar chart: Family protective factors improved by: Family Harmony 57%, "
        "Rules about substance abuse 18%, Communication 37%, Positive Involvement 41%")


def test_alt_text_of_the_content_wins_and_units_are_spaced():
    assert chart_alt(replace(FAMILY_FACTORS, alt="Written by the editor")) == "Written by the editor"
    seizures = Chart("seizures", "bars", "Seizures", "kg", (ChartPoint("Heroin", 1234.5),))
    assert chart_alt(seizures) == "Bar chart: Seizures: Heroin 1,234.5\N{NO-BREAK SPACE}kg"


def test_cmyk_writes_ink_values_instead_of_screen_colours(theme, tmp_path):
    svg = draw_one(FAMILY_FACTORS, theme, tmp_path, cmyk=True)
    assert "device-cmyk(0.9 0.35 0.1 0.1)" in svg       # the accent's bars
    assert "device-cmyk(0 0 0 1)" in svg                # the ink's labels
    for colour in COLOURS.values():
        assert colour.rgb not in svg.lower()
    assert not re.search(r"#[0-9a-f]{6}\b", svg)


def test_on_a_tint_panel_the_track_is_paper(theme):
    assert palette_of(theme).track == COLOURS["tint"]
    assert palette_of(replace(theme, background="tint")).track == WHITE


def test_a_sparse_theme_falls_back_to_screens_of_its_inks(theme):
    palette = palette_of(replace(theme, colours={"accent": COLOURS["accent"]}))
    assert palette.bar == COLOURS["accent"]
    assert palette.track.cmyk == pytest.approx((13.5, 5.25, 1.5, 1.5))    # a 15 % screen
    assert palette.label.rgb == "#000000"


def test_importing_the_stage_does_not_import_matplotlib():
    code = "import sys, bulletin.charts; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_weasyprint_paints_the_cmyk_chart_in_device_cmyk(theme, tmp_path):
    """WeasyPrint 70 turns SVG device-cmyk() into DeviceCMYK operators, text included."""
    pikepdf = pytest.importorskip("pikepdf")
    weasyprint = pytest.importorskip("weasyprint")
    chart = replace(FAMILY_FACTORS, points=FAMILY_FACTORS.points[:1])
    svg = draw_charts([chart], tmp_path, theme, cmyk=True)[chart.id]
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
