"""`wide_photo`: a story's first photo across the page under its lead, for copy-fitting."""
from __future__ import annotations

import pytest

from bulletin.compose import compose
from bulletin.content import load_issue
from bulletin.editions import EditionKind
from bulletin.errors import ContentError
from bulletin.pipeline import build
from tests.support.pdftools import run
from tests.support.project import RU_FILE, RUSSIAN

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

FILE = "issues/2017-06/issue.yaml"


def problems(project, language=None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_issue(project.issue_dir, language)
    return [str(p) for p in caught.value.problems]


def widen(project, value: str = "true") -> None:
    project.replace("    kicker: Cooperation\n", f"    kicker: Cooperation\n    wide_photo: {value}\n")


def placed_width_mm(pdf) -> float:
    """The first image's width on the page, from its pixels and its ppi as placed."""
    row = run("pdfimages", "-list", str(pdf)).splitlines()[2].split()
    return float(row[3]) / float(row[12]) * 25.4


def test_it_is_off_unless_the_story_says_so(project):
    assert load_issue(project.issue_dir).stories[0].wide_photo is False
    widen(project)
    assert load_issue(project.issue_dir).stories[0].wide_photo is True


@pytest.mark.parametrize("change, expected", [
    (lambda p: widen(p, "yes please"),
     f"{FILE}:8:17: stories[0].wide_photo: expected true or false, found text 'yes please'"),
    (lambda p: (widen(p), p.replace("    figures:\n", "    quotes: []\n    old_figures:\n")),
     f"{FILE}:8:17: stories[0].wide_photo: the story has no photo to set wide"),
    (lambda p: (widen(p), p.replace("language: en", "language: en\ncover_story: first-story")),
     f"{FILE}:5:14: cover_story: the story 'first-story' sets wide_photo, but as the cover story "
     "its first photo is on the front page"),
])
def test_errors_name_line_and_column(project, change, expected):
    change(project)
    assert expected in problems(project)


def test_a_translation_sets_it_for_its_own_language(project):
    # The only story with a photo is the cover unless it sets wide_photo: widen it in English.
    widen(project)
    path = project.issue_dir / "issue.ru.yaml"
    path.write_text(RUSSIAN, encoding="utf-8")
    assert load_issue(project.issue_dir, "ru").stories[0].wide_photo is True
    path.write_text(RUSSIAN.replace("  first-story:\n", "  first-story:\n    wide_photo: false\n"),
                    encoding="utf-8")
    assert load_issue(project.issue_dir, "ru").stories[0].wide_photo is False
    assert load_issue(project.issue_dir).stories[0].wide_photo is True


def test_a_translation_cannot_widen_the_cover_storys_photo(project):
    project.replace("language: en", "language: en\ncover_story: first-story")
    (project.issue_dir / "issue.ru.yaml").write_text(
        RUSSIAN.replace("  first-story:\n", "  first-story:\n    wide_photo: true\n"), encoding="utf-8")
    assert problems(project, "ru") == [
        f"{RU_FILE}:5:17: stories.first-story.wide_photo: this is the cover story: its first "
        "photo is on the front page"]


def test_the_photo_follows_the_lead_in_reading_order(project):
    widen(project)
    html = compose(load_issue(project.issue_dir), {}, {})
    assert 'class="story-head story-head-wide"' in html
    start = html.index("story-head-wide")
    head = html[start:html.index("</header>", start)]
    assert head.index('class="lead"') < head.index("<img")


@pytest.mark.parametrize("wide, low, high", [(False, 70, 78), (True, 170, 190)])
def test_the_photo_is_placed_across_the_text_block(project, wide, low, high):
    # A second story, with no photo, leads the issue: the first is not the cover.
    project.replace("language: en\nstories:\n", "language: en\ncover_story: opener\nstories:\n"
                    "  - id: opener\n    headline: An opening story\n    lead: A lead.\n"
                    "    body: A paragraph.\n")
    if wide:
        widen(project)
    result = build(project.issue_dir, kinds=(EditionKind.EMAIL,))
    assert low < placed_width_mm(result.editions[0].path) < high
