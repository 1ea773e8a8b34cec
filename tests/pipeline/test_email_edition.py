"""The email edition as a donor's PDF reader and screen reader get it.

Tags, language, metadata, bookmarks, alt text, links, trimmed boxes, photos
at no more than 150 ppi where they sit, encoded once, and a file small enough to
mail. The photos' conversion (typeset/photos.py) is tested on images made for it
in tests/typeset.
"""
from __future__ import annotations

import hashlib
import io
import json
import re

import pikepdf
import pytest
import yaml
from PIL import Image

from tests.support.builds import edition
from tests.support.pdftools import run, struct_elements
from tests.support.project import ROOT

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

SEED = ROOT / "issues" / "2017-04"


@pytest.fixture(scope="module")
def email_pdf(seed):
    return edition(seed, "email")


@pytest.fixture(scope="module")
def content():
    return yaml.safe_load((SEED / "issue.yaml").read_text(encoding="utf-8"))


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def test_it_is_tagged_pdf_ua_1_in_the_issue_language(email_pdf):
    assert re.search(r"Tagged:\s+yes", run("pdfinfo", str(email_pdf)))
    with pikepdf.open(email_pdf) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "en"
        assert re.search(r"pdfuaid:part[>=\"]+1", pdf.Root.Metadata.read_bytes().decode())
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_title_author_subject_and_keywords_are_set(email_pdf):
    info = dict(re.findall(r"^(\w+):\s+(.*)$", run("pdfinfo", str(email_pdf)), re.M))
    assert info["Title"] == "Milestones – Issue 1, March–April 2017"
    assert info["Author"].startswith("United Nations Office on Drugs and Crime")
    assert info["Subject"] and "Drug prevention" in info["Keywords"]


def test_every_story_has_a_bookmark(email_pdf, content):
    with pikepdf.open(email_pdf) as pdf, pdf.open_outline() as outline:
        titles = [words(item.title) for item in outline.root]
    for story in content["stories"]:
        assert words(story["headline"]) in titles, story["headline"]


def test_photos_are_rgb_and_at_most_150_ppi_where_they_sit(email_pdf):
    rows = [line.split() for line in run("pdfimages", "-list", str(email_pdf)).splitlines()[2:]]
    assert len(rows) == 7
    for row in rows:
        width, colour, x_ppi, y_ppi = int(row[3]), row[5], int(row[12]), int(row[13])
        assert colour == "rgb"
        assert max(x_ppi, y_ppi) <= 150
        assert width < 2400, "a photo kept its full resolution"


def test_each_photo_is_the_file_made_for_it_encoded_once_at_quality_80(seed, email_pdf):
    """WeasyPrint re-encodes an image it downsamples (at its quality, 75): the email's
    photos are made at their placed size, so it embeds them as they are."""
    made = {p["sha256"]: p for p in json.loads((seed.out_dir / "build.json").read_text())["photos"]
            if p["edition"] == "email" and p["language"] == "en"}
    with pikepdf.open(email_pdf) as pdf:
        embedded = [obj.read_raw_bytes() for obj in pdf.objects
                    if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert {hashlib.sha256(data).hexdigest() for data in embedded} == set(made)
    quality_80 = io.BytesIO()
    Image.new("RGB", (16, 16)).save(quality_80, format="JPEG", quality=80)
    for data in embedded:
        assert Image.open(io.BytesIO(data)).quantization == Image.open(quality_80).quantization


def test_the_file_is_small_enough_to_mail(email_pdf):
    assert email_pdf.stat().st_size < 2_000_000


def test_pages_are_trimmed_with_no_bleed(email_pdf):
    with pikepdf.open(email_pdf) as pdf:
        for page in pdf.pages:
            media = [round(float(v), 2) for v in page.obj.MediaBox]
            assert media == [0, 0, 595.28, 841.89]
            for box in ("/TrimBox", "/BleedBox"):
                assert [round(float(v), 2) for v in page.obj.get(box, page.obj.MediaBox)] == media


def test_every_photo_and_chart_has_its_alt_text_in_reading_order(email_pdf, content):
    with pikepdf.open(email_pdf) as pdf:
        figures = struct_elements(pdf, "/Figure")
        alts = [str(f.get("/Alt", "")) for f in figures]
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        order = [pages[f.Pg.objgen] for f in figures]
    photo_alts = [f["alt"] for s in content["stories"] for f in s.get("figures", [])]
    assert sorted(a for a in alts if a in photo_alts) == sorted(photo_alts)
    assert all(alt.strip() for alt in alts)
    assert len(alts) == len(photo_alts) + sum(len(s.get("charts", [])) for s in content["stories"])
    assert order == sorted(order), "the reading order goes back a page"


def in_a_story(element) -> bool:
    node = element.get("/P")
    while isinstance(node, pikepdf.Dictionary) and "/S" in node:
        if node.S == "/Art":
            return True
        node = node.get("/P")
    return False


def test_headlines_are_read_in_the_order_of_the_stories(email_pdf, content):
    with pikepdf.open(email_pdf) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        [title] = struct_elements(pdf, "/H1")               # the publication's name, on page 1
        headings = [pages[h.Pg.objgen] for h in struct_elements(pdf, "/H2") if in_a_story(h)]
        assert pages[title.Pg.objgen] == 0
    assert len(headings) == len(content["stories"])
    assert headings == sorted(headings)


def test_links_go_where_the_stories_say(email_pdf, content):
    written = set(re.findall(r"\]\((https?://[^)\s]+|mailto:[^)\s]+)\)",
                             json.dumps(content["stories"], ensure_ascii=False)))
    publication = yaml.safe_load((ROOT / "issues" / "publication.yaml").read_text(encoding="utf-8"))
    written.add(publication["contacts"]["web"])          # the colophon's
    with pikepdf.open(email_pdf) as pdf:
        names = pdf.Root.Names.Dests.Names
        anchors = {str(names[i]) for i in range(0, len(names), 2)}
        uris, internal = set(), []
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and action.get("/S") == "/URI":
                    uris.add(str(action.URI))
                else:
                    internal.append(str(annot.get("/Dest", action and action.get("/D"))).lstrip("/"))
    assert uris == written
    assert internal and set(internal) <= anchors
    story_ids = {s["id"] for s in content["stories"]}
    assert story_ids <= set(internal), "the contents do not link every story"


# -- whole words -------------------------------------------------------------------

TEXT_AREA_MM = (17, 20)         # the page margins above and below the text (styles/bulletin.css)


@pytest.mark.parametrize("kind", ["email", "print"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_hyphenated_word_reads_back_whole(seed, kind, language):
    """poppler's pdftotext, in the text area (running heads and footers are artifacts a
    reader skips; pdftotext does not know them), with soft hyphens joined at line ends."""
    pdf = edition(seed, kind, language)
    with pikepdf.open(pdf) as opened:
        media, trim = (tuple(float(v) for v in opened.pages[0].obj.get(box, opened.pages[0].obj.MediaBox))
                       for box in ("/MediaBox", "/TrimBox"))
    top = media[3] - trim[3] + TEXT_AREA_MM[0] * 72 / 25.4
    height = trim[3] - trim[1] - sum(TEXT_AREA_MM) * 72 / 25.4
    raw = run("pdftotext", "-enc", "UTF-8", "-x", "0", "-y", f"{top:.0f}", "-W", f"{media[2]:.0f}",
              "-H", f"{height:.0f}", str(pdf), "-")
    source = (SEED / ("issue.yaml" if language == "en" else f"issue.{language}.yaml")).read_text(encoding="utf-8")
    known = set(re.findall(r"\w+", source.casefold()))
    broken = re.findall(r"(\w+)\u00ad\s*(\w+)", raw)
    assert "\u2011" not in raw, "a hyphen reads back as U+2011"
    assert len(broken) == raw.count("\u00ad") > 20
    assert [a + b for a, b in broken if (a + b).casefold() not in known] == []


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_line_starts_with_a_dash_or_an_ellipsis_set_apart(seed, language):
    """A spaced dash or an ellipsis stays at the end of the line before (Russian direct
    speech may open a paragraph with a dash: only the ellipsis and the en dash are checked there)."""
    starts = "…–" if language == "ru" else "…–—"
    lines = run("pdftotext", "-enc", "UTF-8", str(edition(seed, "email", language)), "-").splitlines()
    assert [line for line in lines if line.strip()[:1] in set(starts)] == []


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_page_names_the_section_it_opens_with_once(seed, language):
    """Each story page's top names the section of the story at its top, in capitals: the
    running head on a page a story runs on to, the story's kicker alone on a page it opens
    (not both, one under the other)."""
    pdf = edition(seed, "email", language)
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)))[1])
    for page in range(2, pages):     # the back cover has no running head
        lines = run("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-")
        top = ["".join(line.split()) for line in lines.splitlines() if line.strip()][:2]
        assert top[0].isupper() and top[1] != top[0], (page, top)
