"""Stage 5, preflight: the report's exact lines, what fails, and the print shop hand-off.

Issues made to fail: a 240-pixel photo, a 7-page layout, an RGB headline and a
rich-black lead; PDFs crafted with an unembedded font, broken links and a figure
without alt text. The seed issue passes every check.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import types

import pikepdf
import pytest
from PIL import Image

from bulletin.content import load_issue
from bulletin.pipeline import build
from bulletin.preflight import Target, check_file, preflight, press, scanner
from tests.support.builds import append_css, bulletin, edition, project_in, seed_build
from tests.support.pdftools import run

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

ISSUE = "issues/2017-06"
PRINT_PDF = "milestones-2017-06-en-print.pdf"


def set_publication(project, old: str, new: str) -> None:
    path = project.root / "issues" / "publication.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_tiny_lead_photo(project) -> None:
    Image.effect_noise((240, 160), 40).convert("RGB").save(project.issue_dir / "photos" / "tiny.jpg")
    project.replace("      - image: photos/meeting.jpg",
                    "      - image: photos/tiny.jpg\n        caption: A tiny photo.\n"
                    "        credit: Placeholder image\n        alt: A tiny photo\n"
                    "      - image: photos/meeting.jpg")


def image_line(prefix: str, photo: str, size_px: tuple[int, int], ppi: int, rest: str) -> str:
    """A preflight line about a photo, its placed size checked against pdfimages' resolution."""
    return (rf"{re.escape(prefix)}{re.escape(photo)}: {ppi} ppi \({size_px[0]}×{size_px[1]} px placed "
            rf"at (\d+) × (\d+) mm\): {re.escape(rest)}")


def assert_placed(match, size_px: tuple[int, int], ppi: int) -> None:
    assert match, "no such line"
    for placed_mm, pixels in zip(map(int, match.groups()), size_px):
        assert abs(placed_mm - pixels / ppi * 25.4) <= 1


def image_ppi(pdf, page: int, width_px: int) -> int:
    """pdfimages' resolution of the image of that width on that page."""
    for row in (line.split() for line in run("pdfimages", "-list", str(pdf)).splitlines()[2:]):
        if int(row[0]) == page and int(row[3]) == width_px:
            return min(int(row[12]), int(row[13]))
    raise AssertionError(f"no {width_px}-pixel image on page {page}")


def report_lines(out_dir, status: str) -> list[str]:
    return [line for line in (out_dir / "preflight.txt").read_text().splitlines()
            if line.startswith(f"  {status.upper()}")]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A 2-page issue, perfect bound, built twice: as it is, then with a 240-pixel photo.
    The story opens page 2 (`new_page`): without a cover photo it would follow the contents."""
    project = project_in(tmp_path_factory, "handoff")
    project.story_overleaf()
    set_publication(project, "binding: loose", "binding: perfect\n  paper: Magno Satin 115 g/m²\n"
                             "  contact: Print shop desk, +998 71 000 00 00")
    out = project.root / "build" / "2017-06"
    first = bulletin("build", ISSUE, cwd=project.root)
    passed = types.SimpleNamespace(
        result=first, files=sorted(p.name for p in (out / "print").iterdir()),
        handed=(out / "print" / PRINT_PDF).read_bytes(), built=(out / PRINT_PDF).read_bytes(),
        report=(out / "preflight.txt").read_text(), sheet=(out / "print" / "job-sheet.txt").read_text(),
        sheet_json=json.loads((out / "print" / "job-sheet.json").read_text()),
        handed_report=(out / "print" / "preflight.txt").read_text(),
        manifest=json.loads((out / "build.json").read_text()),
        check=bulletin("check", "--preflight", ISSUE, cwd=project.root),
        meeting_ppi=image_ppi(out / PRINT_PDF, 2, 600))
    add_tiny_lead_photo(project)
    second = bulletin("build", ISSUE, cwd=project.root)
    failed = types.SimpleNamespace(
        result=second, manifest=json.loads((out / "build.json").read_text()),
        check=bulletin("check", "--preflight", ISSUE, cwd=project.root),
        tiny_ppi=image_ppi(out / PRINT_PDF, 2, 240), meeting_ppi=image_ppi(out / PRINT_PDF, 2, 600))
    return types.SimpleNamespace(project=project, out=out, passed=passed, failed=failed)


def test_a_passing_build_hands_the_print_file_off(history):
    passed = history.passed
    assert passed.result.returncode == 0, passed.result.stderr
    assert passed.files == ["job-sheet.json", "job-sheet.txt", PRINT_PDF, "preflight.txt"]
    assert passed.handed == passed.built
    assert passed.handed_report == passed.report
    assert passed.manifest["handoff"] == "print/"
    assert [(o["edition"], o["preflight"]) for o in passed.manifest["outputs"]] == [
        ("email", "pass"), ("print", "warn")]


def test_a_build_says_its_preflight_verdict_and_warnings(history):
    ppi = history.passed.meeting_ppi
    verdict = f"preflight warn: 0 fail, 1 warn, report in {history.out}/preflight.txt\n"
    tail = history.passed.result.stdout.split(verdict)
    assert len(tail) == 2
    line = image_line(f"  {PRINT_PDF}: images p.2 ", "photos/meeting.jpg", (600, 400), ppi,
                      "below 300 ppi, soft in print")
    assert_placed(re.fullmatch(line + "\n", tail[1]), (600, 400), ppi)


def test_the_job_sheet_tells_the_print_shop_the_job(history):
    digest = hashlib.sha256(history.passed.handed).hexdigest()
    size = len(history.passed.handed) / 1e6
    rows = [
        ("Publication", "Milestones (United Nations Office on Drugs and Crime, Regional Office for Central Asia)"),
        ("Issue", "No. 2, May–June 2017 (2017-06), dated 2017-06-30"),
        ("Trim size", "A4 (210 × 297 mm)"),
        ("Bleed", "3 mm on every side; no crop marks: the TrimBox marks the cut"),
        ("Pages", "2"),
        ("Binding", "perfect (pages in multiples of 2)"),
        ("Colour", "CMYK and grey only, PDF/X-4"),
        ("Colour profile", "FOGRA39, Offset, ISO 12647-2:2004/Amd 1, coated paper (ISO Coated v2); "
                           "built from FOGRA39L.ti3 (icc-profiles-free) with ArgyllCMS colprof, "
                           "light GCR, total ink 300 %, black at most 95 %"),
        ("Total ink limit", "300 %"),
        ("Paper", "Magno Satin 115 g/m²"),
        ("Contact", "Print shop desk, +998 71 000 00 00"),
        ("Preflight", "warn, 1 warning (preflight.txt)"),
        ("File (en)", f"{PRINT_PDF}: 2 pages, {size:.1f} MB, sha256 {digest}"),
    ]
    assert history.passed.sheet == "Print job\n\n" + "".join(f"{label + ':':<17}{value}\n"
                                                              for label, value in rows)
    assert history.passed.sheet_json == dict(rows)      # the same facts, for bulletin deliver


def test_check_preflight_alone_prints_the_report_of_the_last_build(history):
    check = history.passed.check
    assert (check.returncode, check.stdout, check.stderr) == (0, history.passed.report, "")


def test_a_photo_below_150_ppi_fails_and_withdraws_the_hand_off(history):
    failed = history.failed
    tiny, meeting = failed.tiny_ppi, failed.meeting_ppi
    assert failed.result.returncode == 1
    assert f"preflight fail: 1 fail, 1 warn, report in {history.out}/preflight.txt\n" in failed.result.stdout
    head, _, fails = failed.result.stderr.partition(":\n")
    assert head == (f"bulletin: error: preflight failed (1 fail): the PDFs are in {history.out}/ to "
                    "check, the print shop hand-off is withheld")
    line = image_line(f"  {PRINT_PDF}: images p.2 ", "photos/tiny.jpg", (240, 160), tiny,
                      "below 150 ppi, it will print visibly blurred")
    assert_placed(re.fullmatch(line + "\n", fails), (240, 160), tiny)
    [warning] = report_lines(history.out, "warn")
    line = image_line("  WARN  images      p.2      ", "photos/meeting.jpg", (600, 400), meeting,
                      "below 300 ppi, soft in print")
    assert_placed(re.fullmatch(line, warning), (600, 400), meeting)
    assert not (history.out / "print").exists(), "a file that failed preflight sits in the hand-off"
    assert (history.out / PRINT_PDF).is_file()
    assert failed.manifest["handoff"] is None
    assert [(o["edition"], o["preflight"]) for o in failed.manifest["outputs"]] == [
        ("email", "pass"), ("print", "fail")]
    assert failed.manifest["preflight"]["status"] == "fail"


def test_check_preflight_alone_exits_1_on_a_fail(history):
    check = history.failed.check
    assert check.returncode == 1
    assert check.stdout.startswith("Preflight of Milestones 2017-06: FAIL (1 fail, 1 warn)\n")


def test_a_tk_fails_preflight_and_withholds_the_hand_off(tmp_path_factory):
    project = project_in(tmp_path_factory, "unfinished")
    project.replace("caption: The meeting.", "caption: TK The meeting.")
    result = bulletin("build", ISSUE, cwd=project.root)
    out = project.root / "build" / "2017-06"
    assert result.returncode == 1
    assert report_lines(out, "fail") == ["  FAIL  copy        -        issues/2017-06/issue.yaml:16:18: "
                                         "stories[0].figures[0].caption: TK: words still to come "
                                         "(write them)"] * 2
    assert not (out / "print").exists()
    assert (out / PRINT_PDF).is_file()


def test_check_preflight_without_a_build_says_what_to_run(tmp_path_factory):
    project = project_in(tmp_path_factory, "unbuilt")
    check = bulletin("check", "--preflight", ISSUE, cwd=project.root)
    assert (check.returncode, check.stdout) == (1, "")
    assert check.stderr == (f"bulletin: error: no build of 2017-06 in {project.root}/build/2017-06/ "
                            f"to preflight (run: bulletin build {ISSUE})\n")


STORY = """\
  - id: story-{n}
    new_page: true
    kicker: Section {n}
    headline: Story number {n}
    lead: The lead of story {n}.
    body: |
      The only paragraph of story {n}.
"""


@pytest.fixture(scope="module")
def seven_pages(tmp_path_factory):
    """Five one-page stories (`new_page`) between the front page and a back cover the officer
    asked for: a 7-page issue (the fitter may not set the contacts in a story's white, which would make 6)."""
    project = project_in(tmp_path_factory, "seven")
    head = project.issue_file.read_text(encoding="utf-8").split("stories:")[0]
    project.write(head + "back_cover: true\nstories:\n" + "".join(STORY.format(n=n) for n in range(1, 6)))
    set_publication(project, "binding: loose", "binding: saddle-stitch")
    return build(project.issue_dir)


def test_a_7_page_issue_fails_saddle_stitching_and_says_what_to_add_or_cut(seven_pages):
    assert [e.pages for e in seven_pages.editions] == [7, 7]
    assert report_lines(seven_pages.out_dir, "fail") == [
        "  FAIL  pages       -        7 pages: saddle-stitch binding needs a multiple of 4; "
        "add 1 page or cut 3"]
    assert seven_pages.preflight.failed
    assert not (seven_pages.out_dir / "print").exists()


def test_a_7_page_issue_suits_a_loose_binding(seven_pages):
    issue = load_issue(seven_pages.issue.folder)
    loose = dataclasses.replace(issue.publication, pages_multiple_of=1,
                                print_run=dataclasses.replace(issue.publication.print_run, binding="loose"))
    pdf = seven_pages.out_dir / "milestones-2017-06-en-print.pdf"
    report = preflight([Target("print", "en", pdf)], loose)
    assert [f.line() for f in report.files[0].findings if f.check == "pages"] == [
        "  PASS  pages       -        7 pages: a multiple of 1 for loose binding"]


@pytest.fixture(scope="module")
def off_colour(tmp_path_factory):
    """An RGB headline, a rich-black lead and a 400 % CMYK photo in print, on page 2 (`new_page`,
    so that a page other than the first is named); a tiny email budget."""
    project = project_in(tmp_path_factory, "off-colour")
    project.story_overleaf()
    Image.new("CMYK", (900, 600), (255, 255, 255, 255)).save(project.issue_dir / "photos" / "ink.jpg")
    project.replace("      - image: photos/meeting.jpg",
                    "      - image: photos/meeting.jpg\n        caption: The meeting.\n"
                    "        credit: Placeholder image\n        alt: The meeting\n"
                    "      - image: photos/ink.jpg")
    set_publication(project, "size_budget_mb: 5", "size_budget_mb: 0.01")
    append_css(project, "print.css", """\
        .headline { color: rgb(200 0 0); }
        .lead { color: device-cmyk(0.6 0.5 0.5 1); }
        """)
    return build(project.issue_dir)


def test_rgb_rich_black_and_too_much_ink_in_the_print_file_fail_on_their_page(off_colour):
    assert report_lines(off_colour.out_dir, "fail") == [
        "  FAIL  colour      p.2      fill colour: DeviceRGB: the print file takes CMYK or grey only",
        "  FAIL  ink         p.2      photos/ink.jpg: 400 % total ink (limit 300 %)",
        "  FAIL  black text  p.2      text in rich black (CMY under the black): body text is 100 % K "
        "only, or it blurs with misregistration"]


def test_a_cmyk_photo_goes_to_press_as_it_is_and_to_the_inbox_as_rgb(off_colour):
    photos = {(p["source"], p["edition"]): p["file"]
              for p in json.loads((off_colour.out_dir / "build.json").read_text())["photos"]}
    assert photos[("photos/ink.jpg", "print")] == "../../issues/2017-06/photos/ink.jpg"
    assert Image.open(off_colour.out_dir / photos[("photos/ink.jpg", "email")]).mode == "RGB"


def test_an_email_over_its_budget_warns(off_colour):
    size = (off_colour.out_dir / "milestones-2017-06-en.pdf").stat().st_size / 1e6
    assert f"  WARN  size        -        {size:.2f} MB: over the 0.01 MB budget for email" in \
        report_lines(off_colour.out_dir, "warn")


def test_the_seed_issue_passes_every_check(tmp_path_factory):
    result = seed_build(tmp_path_factory)
    report = result.preflight
    assert [(f.path.name, x.check, x.message) for f in report.files for x in f.findings
            if x.status != "pass"] == []
    checks = {f.edition: [x.check for x in f.findings] for f in report.files}
    assert checks == {
        "email": ["structure", "copy", "tags", "headings", "artifacts", "languages", "metadata",
                  "bookmarks", "boxes", "fonts", "images", "alt text", "links", "link tags", "link text",
                  "size"],
        "print": ["structure", "copy", "pdf/x", "boxes", "pages", "fonts", "images", "colour", "ink",
                  "black text", "small type", "annotations"]}
    text = (result.out_dir / "preflight.txt").read_text()
    assert text.startswith("Preflight of Milestones 2017-04: PASS (0 fail, 0 warn)\n")
    assert (result.out_dir / "print" / "job-sheet.txt").is_file()


# -- checks that fail on PDFs made for it ------------------------------------------

def crafted(path, *, alt: str | None, links: list) -> None:
    """One A4 page: Helvetica not embedded, a tagged figure, the links given."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595.28, 841.89))
    helvetica = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                     BaseFont=pikepdf.Name.Helvetica))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica))
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")
    figure = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, Pg=page.obj, K=0)
    if alt is not None:
        figure.Alt = alt
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([pdf.make_indirect(figure)])))
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = "en"
    page.obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 700, 200, 720], **link))
        for link in links])
    pdf.save(path)


def test_unembedded_fonts_broken_links_and_missing_alt_text_fail(tmp_path, seven_pages):
    path = tmp_path / "crafted.pdf"
    crafted(path, alt=None, links=[
        {"A": pikepdf.Dictionary(S=pikepdf.Name.URI, URI="javascript:alert(1)")},
        {"Dest": pikepdf.Name("/nowhere")},
        {"A": pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://www.unodc.org/")}])
    report = preflight([Target("email", "en", path, ("A first story",))], seven_pages.issue.publication)
    assert [f.line() for f in report.files[0].findings if f.status == "fail"] == [
        "  FAIL  headings    -        no headings: a screen reader cannot move from story to story",
        "  FAIL  artifacts   p.1      1 thing drawn outside any marked content: neither tagged nor an artifact",
        "  FAIL  metadata    -        no title",
        "  FAIL  bookmarks   -        no bookmarks: readers cannot jump to a story",
        "  FAIL  bookmarks   -        “A first story”: no bookmark for this story",
        "  FAIL  fonts       p.1      Helvetica: not embedded: the press would substitute it",
        "  FAIL  alt text    p.1      a figure without alt text",
        "  FAIL  links       p.1      link to '#nowhere': no such place in the document",
        "  FAIL  links       p.1      link to 'javascript:alert(1)': not a web or mail address",
        *[f"  FAIL  link tags   p.1      {target}: a link annotation no structure element holds (PDF/UA-1 7.18.5)"
          for target in ("https://www.unodc.org/", "javascript:alert(1)", "nowhere")],
        *[f"  FAIL  link text   p.1      {target}: a link that does not say where it goes (no /Contents)"
          for target in ("https://www.unodc.org/", "javascript:alert(1)", "nowhere")]]


def test_a_figure_with_alt_text_and_working_links_pass(tmp_path, seven_pages):
    path = tmp_path / "crafted.pdf"
    crafted(path, alt="Delegates around a table",
            links=[{"A": pikepdf.Dictionary(S=pikepdf.Name.URI, URI="mailto:unodc-centralasia@un.org")}])
    report = preflight([Target("email", "en", path)], seven_pages.issue.publication)
    lines = {f.check: f.line() for f in report.files[0].findings}
    assert lines["alt text"] == ("  PASS  alt text    -        1 figures (photos and charts), each "
                                 "with alt text; decorative images are artifacts")
    assert lines["links"] == ("  PASS  links       -        1 links work: 1 to the web or mail, "
                              "0 within the document")


def test_a_glyph_drawn_from_a_system_font_fails(project, tmp_path):
    """WeasyPrint falls back to a system font for a character the configured fonts lack
    (here the UA's nested list markers, U+25E6 and U+25AA, set directly): the PDF then
    holds a font the publication never named, and preflight fails it."""
    from bulletin.editions import EDITIONS, EditionKind
    from bulletin.typeset import Confinement, typeset
    from bulletin.typeset.fonts import load_fonts
    issue = load_issue(project.issue_dir)
    fonts = load_fonts(project.root / "fonts")
    confinement = Confinement(roots=(project.root, *{f.path.parent for f in fonts.faces}))
    pdf = tmp_path / "fallback.pdf"
    html = '<html lang="en"><body><p>Markers \u25e6 and \u25aa.</p></body></html>'
    typeset(html, EDITIONS[EditionKind.EMAIL], pdf, publication=issue.publication, fonts=fonts,
            styles_dir=project.root / "styles", base_url=project.root, confinement=confinement)
    configured = fonts.postscript_names()
    fails = [f.line() for f in preflight([Target("email", "en", pdf)], issue.publication,
                                         fonts=configured).files[0].findings
             if f.check == "fonts"]
    assert len(fails) == 1 and fails[0].startswith("  FAIL  fonts       p.1      ")
    assert fails[0].endswith(": DejaVuSans, a font the publication did not configure (fonts/fonts.yaml): "
                             "a character its fonts lack was drawn from a system font")
    without = preflight([Target("email", "en", pdf)], issue.publication).files[0].findings
    assert [f.status for f in without if f.check == "fonts"] == ["pass"]     # embedded, all the same


# -- the publication's print and email settings ------------------------------------

def test_bad_print_and_email_settings_are_reported_with_their_line(project):
    set_publication(project, "profile: FOGRA39", "profile: press/shop.icc")
    set_publication(project, "ink_limit: 300", "ink_limit: 450")
    set_publication(project, "binding: loose", "binding: spiral")
    set_publication(project, "size_budget_mb: 5", "size_budget_mb: -1")
    text = (project.root / "issues" / "publication.yaml").read_text()
    line = {key: n for n, row in enumerate(text.splitlines(), 1) for key in
            ("profile:", "ink_limit:", "binding:", "size_budget_mb:") if row.strip().startswith(key)}
    result = bulletin("check", ISSUE, cwd=project.root)
    assert result.returncode == 1
    assert result.stderr == (
        f"issues/publication.yaml:{line['profile:']}:12: print.profile: 'press/shop.icc' is neither a "
        "printing condition (FOGRA39, GRACoL2006, SWOP5, SWOP3) nor an .icc file in issues/\n"
        f"issues/publication.yaml:{line['ink_limit:']}:14: print.ink_limit: 450 is out of range "
        "(expected 200 to 400 %)\n"
        f"issues/publication.yaml:{line['binding:']}:12: print.binding: 'spiral' is not a binding "
        "(expected saddle-stitch, perfect, loose)\n"
        f"issues/publication.yaml:{line['size_budget_mb:']}:19: email.size_budget_mb: expected a "
        "positive size in MB\n"
        "4 problem(s) found; nothing was written.\n")


def test_a_print_shop_profile_file_is_used_and_named(project):
    shop = project.root / "issues" / "shop-press.icc"
    shop.write_bytes((__import__("bulletin.typeset.profiles", fromlist=["x"]).built_path("FOGRA39", 300)).read_bytes())
    set_publication(project, "profile: FOGRA39", "profile: shop-press.icc")
    issue = load_issue(project.issue_dir)
    assert issue.publication.print_run.profile == str(shop)
    from bulletin.typeset.profiles import press_profile
    profile = press_profile(issue.publication.print_run.profile, 300, project.root / "issues")
    assert (profile.identifier, profile.source) == ("shop-press", "supplied file shop-press.icc")
    assert re.fullmatch(r"supplied by the print shop \(shop-press\.icc\)", profile.condition)


def test_rgb_in_forms_and_inline_images_too_much_ink_and_no_bleed_fail_in_print(tmp_path, seven_pages):
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595.28, 841.89))
    form = pdf.make_stream(b"1 0 0 rg 0 0 10 10 re f", Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10])
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm1=form))
    page.obj.Contents = pdf.make_stream(
        b"0.9 0.9 0.9 0.9 k 0 0 100 100 re f /Fm1 Do "
        b"q 72 0 0 36 200 200 cm BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00\x00\x00\xff\xff\xff EI Q")
    pdf.save(tmp_path / "press.pdf")
    report = preflight([Target("print", "en", tmp_path / "press.pdf")], seven_pages.issue.publication)
    assert [f.line() for f in report.files[0].findings if f.status == "fail"] == [
        "  FAIL  pdf/x       -        no GTS_PDFX OutputIntent with an embedded profile",
        "  FAIL  pdf/x       -        the XMP metadata declares no PDF/X version (expected PDF/X-4)",
        "  FAIL  boxes       p.1      BleedBox is 210.0 × 297.0 mm, not the trim plus 3.0 mm on every side",
        "  FAIL  boxes       p.1      MediaBox is 210.0 × 297.0 mm, not the trim plus 3.0 mm on every side",
        "  FAIL  pages       -        1 page: saddle-stitch binding needs a multiple of 4; add 3 pages or cut 1",
        "  FAIL  images      p.1      inline image: 2 ppi (2×1 px placed at 25 × 13 mm): below 150 ppi, "
        "it will print visibly blurred",
        "  FAIL  colour      p.1      fill colour: DeviceRGB: the print file takes CMYK or grey only",
        "  FAIL  colour      p.1      inline image: DeviceRGB: the print file takes CMYK or grey only",
        "  FAIL  ink         p.1      vector colour: 360 % total ink (limit 300 %)"]


def broken_copy(source, path, damage) -> None:
    """The print file at `source` with its first photo's (or first page's content) bytes damaged."""
    with pikepdf.open(source) as pdf:
        stream = damage["stream"](pdf)
        raw = stream.read_raw_bytes()
        stream.write(damage["bytes"](raw), filter=stream.Filter, decode_parms=None)
        pdf.save(path)


def first_photo(pdf):
    return next(o for o in pdf.objects if isinstance(o, pikepdf.Stream)
                and o.get("/Filter") == "/DCTDecode" and o.get("/Subtype") == "/Image")


def first_page_content(pdf):
    contents = pdf.pages[0].obj.Contents
    return contents[0] if isinstance(contents, pikepdf.Array) else contents


@pytest.mark.parametrize("damage", [
    {"stream": first_photo, "bytes": lambda raw: raw[:len(raw) // 2]},
    {"stream": first_page_content, "bytes": lambda raw: raw[:10] + b"\0" * 40 + raw[50:]},
], ids=["truncated photo", "corrupt content stream"])
def test_a_damaged_stream_in_the_print_file_fails_its_structure(tmp_path_factory, tmp_path, damage):
    """Photos are read through at a quarter of their size, not in full: every byte still counts."""
    result = seed_build(tmp_path_factory)
    path = tmp_path / "damaged.pdf"
    broken_copy(edition(result, "print"), path, damage)
    report = check_file(Target("print", "en", path), result.issue.publication, {})
    failed = [(x.check, x.message.split(":")[0]) for x in report.findings if x.status == "fail"]
    assert failed == [("structure", "cannot be read through")]


def test_a_photo_read_through_once_is_not_decoded_again(project, monkeypatch):
    """A warm rebuild's preflight knows each unchanged photo by the sha256 of its bytes."""
    first = build(project.issue_dir)
    inks = json.loads((first.out_dir / "photos" / "preflight.json").read_text())["inks"]
    placed = {p["sha256"] for p in json.loads((first.out_dir / "build.json").read_text())["photos"]
              if p["edition"] == "print"}
    assert set(inks) == placed and all(0 < ink <= 300 for ink in inks.values())

    def never(*args):
        raise AssertionError("a known photo was decoded again")
    monkeypatch.setattr(press, "_ink_of", never)             # only the file knows them
    monkeypatch.setattr(scanner.ContentScan, "photo_pixels", never)
    project.replace("A first story", "A second version")
    second = build(project.issue_dir)
    assert not second.preflight.failed, second.preflight.text()
