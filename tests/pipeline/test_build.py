"""The whole pipeline on the seed issue: what a reader finds in the PDFs."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.support.pdftools import boxes, fonts, loose, pages, run, text
from tests.support.project import ROOT

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

SEED = ROOT / "issues" / "2017-04"
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="session")
def seed_content():
    return yaml.safe_load((SEED / "issue.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_russian():
    return yaml.safe_load((SEED / "issue.ru.yaml").read_text(encoding="utf-8"))


def edition(result, kind, language="en"):
    return next(e for e in result.editions if e.kind == kind and e.language == language)


def test_both_editions_and_the_manifest_are_written(seed):
    out = seed.out_dir
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "milestones-2017-04-en-print.pdf", "milestones-2017-04-en.pdf",
        "milestones-2017-04-ru-print.pdf", "milestones-2017-04-ru.pdf"]
    manifest = json.loads((out / "build.json").read_text())
    assert sorted((o["path"], o["edition"], o["language"]) for o in manifest["outputs"]) == [
        ("milestones-2017-04-en-print.pdf", "print", "en"),
        ("milestones-2017-04-en.pdf", "email", "en"),
        ("milestones-2017-04-ru-print.pdf", "print", "ru"),
        ("milestones-2017-04-ru.pdf", "email", "ru")]
    for output in manifest["outputs"]:
        pdf = out / output["path"]
        assert output["bytes"] == pdf.stat().st_size
        assert output["pages"] == pages(pdf)


@pytest.mark.parametrize("kind", ["email", "print"])
def test_every_headline_is_in_the_text(seed, seed_content, kind):
    found = loose(text(edition(seed, kind).path))
    for story in seed_content["stories"]:
        assert loose(story["headline"]) in found


@pytest.mark.parametrize("kind", ["email", "print"])
def test_every_russian_headline_is_in_the_russian_text(seed, seed_russian, kind):
    found = loose(text(edition(seed, kind, "ru").path))
    for story in seed_russian["stories"].values():
        assert loose(story["headline"]) in found
    assert "«" in found and "»" in found


@pytest.mark.parametrize("language", ["en", "ru"])
def test_each_fact_box_opens_its_story_on_the_headline_s_page(seed, seed_content, seed_russian, language):
    """Last in the flow, a fact box was once left alone atop the page after its story."""
    pdf = edition(seed, "email", language).path
    page_texts = [loose(text(pdf, n)) for n in range(1, pages(pdf) + 1)]
    stories = {s["id"]: s for s in seed_content["stories"]}
    if language == "ru":
        stories = {id_: {**stories[id_], **words} for id_, words in seed_russian["stories"].items()}
    boxed = [s for s in stories.values() if s.get("factbox")]
    assert len(boxed) == 3
    for story in boxed:
        first_fact = loose(story["factbox"]["body"].split("\n")[0].lstrip("- "))[:40]
        on = [n for n, page in enumerate(page_texts, 1) if first_fact in page]
        assert on and loose(story["headline"]) in page_texts[on[0] - 1], (story["id"], on)


def test_both_groups_of_sfp_figures_are_in_the_text(seed):
    found = text(edition(seed, "email").path)
    assert "Family protective factors improved by" in found
    assert "Youth protective factors improved by" in found
    for label, value in [("Family Harmony", 57), ("Rules about substance abuse", 18),
                         ("Communication", 37), ("Positive Involvement", 41),
                         ("Attachment", 24), ("Family Management", 26),
                         ("Peer Resistance Skills", 30), ("Family Harmony", 36),
                         ("Involvement", 45)]:
        assert label in found
        assert re.search(rf"\b{value}\s?%", found), f"{label} {value}% is not in the PDF"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_page_count_suits_saddle_stitching(seed, language):
    counts = {e.kind: e.pages for e in seed.editions if e.language == language}
    assert counts["email"] == counts["print"]
    assert counts["print"] % 4 == 0, f"{counts['print']} pages: not a multiple of 4"


@pytest.mark.parametrize("kind", ["email", "print"])
def test_only_the_configured_families_are_used_all_embedded(seed, kind):
    used = fonts(edition(seed, kind).path)
    assert used, "no fonts found"
    for font in used:
        family = font["name"].split("+", 1)[-1]
        assert family.startswith(("PT-Serif", "Fira-Sans")), f"unexpected font {family}"
        assert font["embedded"], f"{family} is not embedded"


def test_the_print_edition_has_3mm_bleed_around_an_a4_trim(seed):
    found = boxes(edition(seed, "print").path)
    bleed = 3 * PT_PER_MM
    trim = found["TrimBox"]
    assert trim[2] - trim[0] == pytest.approx(210 * PT_PER_MM, abs=0.1)
    assert trim[3] - trim[1] == pytest.approx(297 * PT_PER_MM, abs=0.1)
    media = found["MediaBox"]
    assert [m - t for m, t in zip(media, trim)] == pytest.approx([-bleed, -bleed, bleed, bleed], abs=0.1)


def test_the_email_edition_is_the_trimmed_page(seed):
    found = boxes(edition(seed, "email").path)
    assert found["MediaBox"] == found["TrimBox"]
    assert found["MediaBox"][2] - found["MediaBox"][0] == pytest.approx(210 * PT_PER_MM, abs=0.1)


def test_contents_give_the_page_each_story_starts_on(seed, seed_content):
    pdf = edition(seed, "email").path
    listed = {}
    for line in run("pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-").splitlines():
        match = re.match(r"\s*(\d+)\s+([A-Z][A-Z ]+?)(\s{3,}|$)", line)
        if match:
            listed.setdefault(match[2].replace(" ", ""), []).append(int(match[1]))
    page_texts = [loose(text(pdf, page)) for page in range(1, pages(pdf) + 1)]
    for story in seed_content["stories"]:
        headline = loose(story["headline"])
        starts = next(n for n, found in enumerate(page_texts[1:], start=2) if headline in found)
        assert starts in listed[story["kicker"].upper().replace(" ", "")], story["id"]
