"""The print edition as the print shop receives it, read with the press's own tools.

pdfinfo for the boxes and dates, pdffonts, pdfimages for image colour and
resolution, qpdf --check, Ghostscript for rendering and ink, pikepdf for the
OutputIntent, the metadata and every colour operator. The photos' conversion
(typeset/photos.py) is tested on images made for it in tests/typeset.
"""
from __future__ import annotations

import hashlib
import io
import re
import subprocess

import numpy as np
import pikepdf
import pytest
from PIL import Image

from bulletin.typeset.profiles import built_path
from tests.support.builds import content_operators, edition
from tests.support.pdftools import fonts as pdffonts
from tests.support.pdftools import run

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

PT_PER_MM = 72 / 25.4
A4 = (595.28, 841.89)
BLEED = 3 * PT_PER_MM


@pytest.fixture(scope="module")
def press_pdf(seed):
    return edition(seed, "print")


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


def test_photos_are_cmyk_at_350_to_450_ppi_and_embedded_as_made(seed, press_pdf):
    """The seed's 2400 × 1600 photos: kept whole where placed at up to 450 ppi (the
    cover, 342 ppi), resampled to 350 ppi where placed smaller; the file embedded
    byte for byte is the one build.json names, made at quality 95."""
    rows = [line.split() for line in run("pdfimages", "-list", str(press_pdf)).splitlines()[2:]]
    assert len(rows) == 7
    for row in rows:
        width, colour, encoding, interpolated, x_ppi, y_ppi = int(row[3]), row[5], row[8], row[9], row[12], row[13]
        assert (colour, encoding, interpolated) == ("cmyk", "jpeg", "no")
        assert min(int(x_ppi), int(y_ppi)) >= 300 and max(int(x_ppi), int(y_ppi)) <= 450, row
        assert width == 2400 or int(x_ppi) == 350, row
    assert {int(row[3]) for row in rows} > {2400}, "no photo was resampled"
    placed = {p["sha256"]: p for p in _photos(seed, "print") if p["language"] == "en"}
    with pikepdf.open(press_pdf) as pdf:
        embedded = {hashlib.sha256(obj.read_raw_bytes()).hexdigest(): obj for obj in pdf.objects
                    if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"}
        assert set(embedded) == set(placed), "an embedded photo is not the made file byte for byte"
        for digest, image in embedded.items():
            assert [int(image.Width), int(image.Height)] == placed[digest]["pixels"]
    for record in placed.values():
        made = Image.open(seed.out_dir / record["file"])
        assert made.quantization == _tables(95, "CMYK"), record["file"]


def _tables(quality: int, mode: str) -> dict:
    out = io.BytesIO()
    Image.new(mode, (16, 16)).save(out, format="JPEG", quality=quality)
    return Image.open(out).quantization


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


def test_pdf_x_4_as_strict_preflights_read_it(press_pdf):
    """The version in Info as well as XMP, standard XMP keys only, dates with time and
    zone (the issue's date), no image interpolation, no colour space declared unused."""
    info = run("pdfinfo", "-isodates", str(press_pdf))
    assert re.search(r"^CreationDate:\s+2017-04-28T00:00:00(Z|\+00:00)$", info, re.M)
    assert re.search(r"^ModDate:\s+2017-04-28T00:00:00(Z|\+00:00)$", info, re.M)
    assert re.search(r"^PDF subtype:\s+PDF/X-4$", info, re.M)
    with pikepdf.open(press_pdf) as pdf:
        assert str(pdf.trailer.Info.GTS_PDFXVersion) == "PDF/X-4"
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "/Filter" not in pdf.Root.Metadata
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert [o.objgen for o in images if bool(o.get("/Interpolate", False))] == []
        declared = {(page, str(name)) for page, p in enumerate(pdf.pages, 1)
                    for name in p.Resources.get("/ColorSpace", {})}
        used = {(page, str(operands[0])) for page, op, operands in content_operators(pdf) if op in ("cs", "CS")}
        assert declared <= used
    prefixes = set(re.findall(r"<([A-Za-z]+):", xmp)) - {"x", "rdf"}
    assert prefixes <= {"dc", "pdf", "xmp", "xmpMM", "pdfxid"}
    assert "GTS_PDFXConformance" not in xmp
    for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        assert f"<{key}>2017-04-28T00:00:00+00:00</{key}>" in xmp
    assert re.search(r"<xmpMM:DocumentID>uuid:[0-9a-f-]{36}</xmpMM:DocumentID>", xmp)


def test_the_languages_print_files_share_no_font_subset_name(seed, press_pdf):
    english = {f["name"] for f in pdffonts(press_pdf)}
    russian = {f["name"] for f in pdffonts(edition(seed, "print", "ru"))}
    assert english and russian
    assert all(re.fullmatch(r"[A-Z]{6}\+[\w-]+", name) for name in english | russian)
    assert english.isdisjoint(russian)
    assert {n.split("+")[1] for n in english} & {n.split("+")[1] for n in russian}   # the same fonts


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
