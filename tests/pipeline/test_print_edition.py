"""The print edition as the print shop receives it, read with the press's own tools.

pdfinfo for the boxes, pdffonts, pdfimages for image colour and resolution,
qpdf --check, Ghostscript for rendering and ink, pikepdf for the OutputIntent
and every colour operator. The photos' conversion (images.py) is tested on
small images it is given directly.
"""
from __future__ import annotations

import io
import re
import subprocess

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageCms

from bulletin.typeset import photos as images
from bulletin.typeset.profiles import built_path, press_profile
from tests.support.builds import content_operators, edition, sha256
from tests.support.pdftools import run

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

PT_PER_MM = 72 / 25.4
A4 = (595.28, 841.89)
BLEED = 3 * PT_PER_MM


@pytest.fixture(scope="module")
def press_pdf(seed):
    return edition(seed, "print")


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return press_profile("FOGRA39", 300, tmp_path_factory.getbasetemp())


def page_boxes(pdf) -> dict[int, dict[str, tuple[float, ...]]]:
    """Every page's boxes, as `pdfinfo -box` prints them."""
    count = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)))[1])
    found: dict[int, dict] = {}
    for line in run("pdfinfo", "-box", "-f", "1", "-l", str(count), str(pdf)).splitlines():
        match = re.match(r"Page\s+(\d+)\s+(\w+Box):\s+([-\d.\s]+)$", line)
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = tuple(float(v) for v in match[3].split())
    return found


def test_every_page_is_a4_trim_with_3_mm_bleed(press_pdf):
    boxes = page_boxes(press_pdf)
    assert boxes, "pdfinfo printed no boxes"
    for page, box in boxes.items():
        assert box["TrimBox"] == pytest.approx((0, 0, *A4), abs=0.02), page
        bled = (-BLEED, -BLEED, A4[0] + BLEED, A4[1] + BLEED)
        assert box["MediaBox"] == pytest.approx(bled, abs=0.02), page
        assert box["BleedBox"] == box["MediaBox"], page    # nothing outside the bleed: no marks


def test_every_font_is_embedded(press_pdf):
    lines = run("pdffonts", str(press_pdf)).splitlines()[2:]
    assert lines
    assert [line.split()[0] for line in lines if line[-21:].split()[0] != "yes"] == []


def test_photos_are_cmyk_at_full_resolution_and_embedded_as_converted(seed, press_pdf):
    rows = [line.split() for line in run("pdfimages", "-list", str(press_pdf)).splitlines()[2:]]
    assert len(rows) == 7
    for row in rows:
        width, height, colour, encoding, x_ppi, y_ppi = row[3], row[4], row[5], row[8], row[12], row[13]
        assert (width, height, colour, encoding) == ("2400", "1600", "cmyk", "jpeg")
        assert min(int(x_ppi), int(y_ppi)) >= 300
    placed = {p["sha256"] for p in _photos(seed, "print")}
    with pikepdf.open(press_pdf) as pdf:
        embedded = {__import__("hashlib").sha256(obj.read_raw_bytes()).hexdigest()
                    for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"}
    assert embedded == placed, "an embedded photo is not the converted file byte for byte"


def test_qpdf_finds_nothing_wrong(press_pdf):
    done = subprocess.run(["qpdf", "--check", str(press_pdf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


def test_ghostscript_renders_every_page_without_a_complaint(press_pdf, tmp_path):
    done = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONERROR", "-sDEVICE=png16m",
                           "-r20", f"-sOutputFile={tmp_path}/page-%02d.png", str(press_pdf)],
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert len(list(tmp_path.glob("page-*.png"))) == len(page_boxes(press_pdf))


def test_ink_stays_within_the_profile_limit(press_pdf, tmp_path):
    coverage = run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=inkcov", "-o", "-", str(press_pdf))
    pages = [line.split() for line in coverage.splitlines() if line.strip()]
    assert pages and all(p[4:6] == ["CMYK", "OK"] for p in pages)
    assert float(pages[0][0]) > 0.2, "the masthead's cyan is missing from page 1"
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiff32nc", "-r30",
        f"-sOutputFile={tmp_path}/sep-%02d.tif", str(press_pdf))
    for separation in sorted(tmp_path.glob("sep-*.tif")):
        total = np.asarray(Image.open(separation), dtype=np.uint16).sum(axis=2) / 255 * 100
        assert np.percentile(total, 99.9) <= 302, f"{separation.name}: {total.max():.0f} % ink"


def test_output_intent_is_the_fogra39_press_profile(press_pdf):
    with pikepdf.open(press_pdf) as pdf:
        assert pdf.pdf_version == "1.6"
        [intent] = pdf.Root.OutputIntents
        assert (intent.S, str(intent.OutputConditionIdentifier), str(intent.RegistryName)) == (
            "/GTS_PDFX", "FOGRA39", "http://www.color.org")
        icc = intent.DestOutputProfile.read_bytes()
        assert int(intent.DestOutputProfile.N) == 4
        assert icc[12:20] == b"prtrCMYK"        # an output profile of a CMYK printing condition
        assert icc == built_path("FOGRA39", 300).read_bytes()
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert re.search(r"GTS_PDFXVersion[>=\"]+PDF/X-4", xmp)
        assert str(pdf.trailer.Info.Trapped) == "/False"


def test_no_rgb_operator_image_or_colour_space_anywhere(press_pdf):
    with pikepdf.open(press_pdf) as pdf:
        operators = [(page, op) for page, op, _ in content_operators(pdf) if op in ("rg", "RG")]
        assert operators == []
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                for key in ("/ColorSpace", "/CS"):
                    value = obj.get(key)
                    assert value != pikepdf.Name.DeviceRGB, f"object {obj.objgen}: {key} DeviceRGB"
        spaces = {str(obj.get("/ColorSpace")) for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"}
        assert spaces == {"/DeviceCMYK"}


def cmyk_fills(pdf):
    """(page, operator, fill colour) of every operator, the fill being CMYK or None."""
    space, fill = None, None
    for page, op, operands in content_operators(pdf):
        if op == "cs":
            space, fill = str(operands[0]), None
        elif op in ("sc", "scn") and space == "/DeviceCMYK" or op == "k":
            space, fill = "/DeviceCMYK", tuple(round(float(v), 3) for v in operands)
        elif op in ("g", "rg"):
            space, fill = None, None
        yield page, op, fill


def test_body_text_is_100_percent_black_never_rich_black(press_pdf):
    with pikepdf.open(press_pdf) as pdf:
        fills = {fill for _, op, fill in cmyk_fills(pdf) if op in ("Tj", "TJ") and fill}
    assert (0, 0, 0, 1) in fills
    assert [f for f in fills if f[3] >= 0.95 and any(f[:3])] == []


def test_theme_colours_print_as_their_cmyk_values(press_pdf):
    with pikepdf.open(press_pdf) as pdf:
        first_page = {fill for page, _, fill in cmyk_fills(pdf) if page == 1}
    assert (1, 0.7, 0.25, 0.25) in first_page       # deep: the masthead
    assert (0.05, 0.5, 1, 0) in first_page          # warm: the rule under it


def test_the_print_file_has_no_links_on_the_printed_area(press_pdf):
    with pikepdf.open(press_pdf) as pdf:
        assert [n for n, page in enumerate(pdf.pages, 1) if "/Annots" in page.obj] == []


def _photos(result, kind):
    import json
    manifest = json.loads((result.out_dir / "build.json").read_text())
    return [p for p in manifest["photos"] if p["edition"] == kind]


# -- the photos' conversion for the press ------------------------------------------

def _jpeg(path, image, **options):
    image.save(path, format="JPEG", quality=92, **options)
    return path


def test_an_rgb_photo_is_separated_with_the_press_profile_within_its_ink_limit(tmp_path, profile):
    ramp = np.linspace(0, 255, 64, dtype=np.uint8)
    cube = np.stack(np.meshgrid(ramp, ramp, ramp), axis=-1).reshape(512, 512, 3)
    source = tmp_path / "cube.png"
    Image.fromarray(cube, "RGB").save(source)
    placed = images.for_print([source], profile, tmp_path / "cache")[source]
    separated = Image.open(placed)
    assert (separated.mode, separated.size) == ("CMYK", (512, 512))
    total = np.asarray(separated, dtype=np.uint16).sum(axis=2) / 255 * 100
    assert 295 <= total.max() <= 302            # the rich shadows reach the limit, never beyond
    assert placed.parent == tmp_path / "cache"


def test_separated_colours_come_back_close_to_the_original(tmp_path, profile):
    """Not muddy: the press rendering of a photo's in-gamut colours is near the sRGB."""
    colours = [(90, 120, 140), (200, 160, 90), (60, 130, 80), (230, 230, 225), (40, 40, 50)]
    strip = Image.new("RGB", (50 * len(colours), 50))
    for n, colour in enumerate(colours):
        strip.paste(colour, (50 * n, 0, 50 * n + 50, 50))
    source = _jpeg(tmp_path / "strip.jpg", strip)
    separated = Image.open(images.for_print([source], profile, tmp_path / "cache")[source])
    back = ImageCms.profileToProfile(separated, ImageCms.ImageCmsProfile(io.BytesIO(profile.read())),
                                     ImageCms.createProfile("sRGB"), outputMode="RGB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    for n, colour in enumerate(colours):
        seen = back.getpixel((50 * n + 25, 25))
        assert max(abs(a - b) for a, b in zip(seen, colour)) <= 16, (colour, seen)


def test_cmyk_and_grey_jpegs_go_to_press_as_they_are(tmp_path, profile):
    cmyk = _jpeg(tmp_path / "cmyk.jpg", Image.new("CMYK", (40, 30), (10, 20, 30, 40)))
    grey = _jpeg(tmp_path / "grey.jpg", Image.new("L", (40, 30), 128))
    assert images.for_print([cmyk, grey], profile, tmp_path / "cache") == {cmyk: cmyk, grey: grey}
    assert not (tmp_path / "cache").exists()


def test_a_transparent_png_is_flattened_on_paper_white(tmp_path, profile):
    logo = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (0, 0, 20, 30))
    logo.save(tmp_path / "logo.png")
    separated = Image.open(images.for_print([tmp_path / "logo.png"], profile, tmp_path / "c")[tmp_path / "logo.png"])
    assert separated.mode == "CMYK"
    assert separated.getpixel((35, 15)) == (0, 0, 0, 0)       # transparent -> no ink
    assert sum(separated.getpixel((5, 15))) > 200


def test_a_photo_taken_sideways_is_turned_upright(tmp_path, profile):
    exif = Image.Exif()
    exif[0x0112] = 6                                           # rotate 90° clockwise to view
    source = _jpeg(tmp_path / "sideways.jpg", Image.new("RGB", (60, 40), (90, 120, 140)), exif=exif)
    separated = Image.open(images.for_print([source], profile, tmp_path / "cache")[source])
    assert separated.size == (40, 60)
    assert separated.getexif().get(0x0112) is None


def test_a_rebuild_reuses_the_converted_file_and_a_new_photo_replaces_it(tmp_path, profile):
    source = _jpeg(tmp_path / "photo.jpg", Image.new("RGB", (60, 40), (90, 120, 140)))
    first = images.for_print([source], profile, tmp_path / "cache")[source]
    stamp = first.stat().st_mtime_ns
    assert images.for_print([source], profile, tmp_path / "cache")[source] == first
    assert first.stat().st_mtime_ns == stamp
    _jpeg(source, Image.new("RGB", (60, 40), (140, 120, 90)))
    second = images.for_print([source], profile, tmp_path / "cache")[source]
    assert second != first and sha256(second) != sha256(first)
