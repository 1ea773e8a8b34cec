"""The family of generated issues (benchmarks/family.py): every member checks clean
in both languages, a seed always writes the same bytes, and together the members
cover the shapes the layout is to be measured on. No PDF is built."""
from __future__ import annotations

import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.family import FAMILY, IssueShape, main, member_id, write_issue
from benchmarks.newsroom import word_count
from bulletin.content import load_languages
from bulletin.errors import BulletinError
from bulletin.project import Project
from bulletin.typeset import load_fonts
from tests.support.project import copy_project

# The checks read the photos; nobody looks at them: a twentieth of their size will do.
SCALE = 0.05
# PyYAML scans the family's 3 MB of YAML in pure Python, some 5 s on one core: share it out.
WORKERS = min(4, os.cpu_count() or 1)
CENTRAL_ASIAN_LETTERS = set("әғқңөұүһіҳҷӣӯ")
LONG_WORDS = ("межгосударственного", "правоохранительной", "наркозависимостью", "антинаркотической")


def _write(job: tuple[Path, int, dict[str, Any]]) -> IssueShape:
    folder, seed, shape = job
    return write_issue(folder, seed, photo_scale=SCALE, **shape)


def _load(folder: Path) -> list[tuple[str, int]] | str:
    """The issue loaded and checked as `bulletin check` does: (language, stories) per language, or the problems."""
    try:
        return [(issue.language, len(issue.stories)) for issue in load_languages(folder)]
    except BulletinError as err:
        return f"{folder.name}: {err}"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("family"))


@pytest.fixture(scope="module")
def family(project) -> list[IssueShape]:
    jobs = [(project / "issues" / member_id(n), member.seed, dict(member.shape)) for n, member in enumerate(FAMILY)]
    with ProcessPoolExecutor(WORKERS) as pool:
        return list(pool.map(_write, jobs))


@pytest.fixture(scope="module")
def files(project, family) -> dict[str, tuple[dict, dict]]:
    """Each issue's issue.yaml and issue.ru.yaml, read (libyaml: only the checks need the marks)."""
    def read(path: Path) -> dict:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {shape.id: (read(project / "issues" / shape.id / "issue.yaml"),
                       read(project / "issues" / shape.id / "issue.ru.yaml")) for shape in family}


# ---- Every member checks clean ----------------------------------------------------

def test_every_member_checks_clean_in_both_languages(project, family):
    with ProcessPoolExecutor(WORKERS) as pool:
        results = list(pool.map(_load, [project / "issues" / shape.id for shape in family]))
    problems = [r for r in results if isinstance(r, str)]
    assert not problems, "\n".join(problems)
    for shape, result in zip(family, results):
        assert result == [("en", len(shape.stories)), ("ru", len(shape.stories))]


def test_the_fonts_draw_every_character_of_the_family(project, family):
    """`bulletin check`'s glyph check, once for the characters of all the files rather than story by story."""
    text = "".join(sorted({ch for shape in family for name in ("issue.yaml", "issue.ru.yaml")
                           for ch in (project / "issues" / shape.id / name).read_text(encoding="utf-8")}))
    fonts = load_fonts(Project.of_issue(project / "issues" / family[0].id).fonts)
    for role in ("text", "display"):
        assert not fonts.missing_characters(text, role), role


def test_there_are_at_least_24_members(family):
    assert len(family) >= 24
    assert len({shape.seed for shape in family}) == len(family)


# ---- Determinism -------------------------------------------------------------------

def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_seed_writes_the_same_bytes(tmp_path, project, family):
    member = FAMILY[1]
    first = write_issue(tmp_path / "a" / member_id(1), member.seed, photo_scale=SCALE, **member.shape)
    second = write_issue(tmp_path / "b" / member_id(1), member.seed, photo_scale=SCALE, **member.shape)
    assert first == second == family[1]
    written = _bytes(tmp_path / "a" / member_id(1))
    assert written == _bytes(tmp_path / "b" / member_id(1))
    # ... and in another process (the fixture wrote it in a worker).
    assert written == _bytes(project / "issues" / member_id(1))
    assert {"issue.yaml", "issue.ru.yaml"} < set(written)


def test_another_seed_writes_another_issue(tmp_path):
    one = write_issue(tmp_path / "2040-01", 1, photo_scale=SCALE, stories=5, photos=(0,) * 5, charts=())
    two = write_issue(tmp_path / "2040-02", 2, photo_scale=SCALE, stories=5, photos=(0,) * 5, charts=())
    assert [s.id for s in one.stories] != [s.id for s in two.stories]


@pytest.mark.parametrize("folder, shape, error", [
    ("2040-01", {"stories": 11}, "11 stories (expected 5 to 10)"),
    ("2040-01", {"words": (100, 300, 300, 300, 300)}, "100 words (expected 150 to 1200)"),
    ("2040-01", {"stories": 5, "photos": (4, 0, 0, 0, 0)}, "4 photos in a story (expected 0 to 3)"),
    ("2040-01", {"charts": ("bars",) * 5}, "5 charts (expected at most 4)"),
    ("2040-01", {"charts": ("pie",)}, "'pie': expected a chart kind"),
    ("issue-1", {}, "an issue folder's name starts with a digit"),
])
def test_a_shape_out_of_range_is_refused(tmp_path, folder, shape, error):
    with pytest.raises(ValueError, match=re.escape(error)):
        write_issue(tmp_path / folder, 7, **shape)
    assert not (tmp_path / folder).exists()


def test_an_unknown_knob_is_refused(tmp_path):
    with pytest.raises(TypeError, match="unknown shape keys: pages"):
        write_issue(tmp_path / "2040-01", 7, pages=8)


# ---- What the family covers ---------------------------------------------------------

def test_five_to_ten_stories_per_issue(family):
    counts = [len(shape.stories) for shape in family]
    assert all(5 <= n <= 10 for n in counts)
    assert {5, 10} <= set(counts)


def test_bodies_of_150_to_1200_words_and_a_mix_in_every_issue(family):
    for shape in family:
        words = [story.words for story in shape.stories]
        assert all(150 <= w <= 1200 for w in words), (shape.id, words)
        assert min(words) <= 350 and max(words) >= 700, (shape.id, words)
    every = [story.words for shape in family for story in shape.stories]
    assert min(every) < 200 and max(every) > 1050


def test_zero_to_three_photos_a_story_in_every_orientation(family):
    photos = [photo for shape in family for photo in shape.photos]
    assert {len(story.photos) for shape in family for story in shape.stories} == {0, 1, 2, 3}
    assert Counter(p.orientation for p in photos).keys() == {"landscape", "portrait", "square", "panorama"}
    for photo in photos:
        width, height = photo.size_px
        shape_of = {"landscape": width > height, "portrait": height > width, "square": width == height,
                    "panorama": width >= 3 * height}
        assert shape_of[photo.orientation], photo


def test_charts_of_every_kind_width_and_option(family):
    charts = [chart for shape in family for chart in shape.charts]
    assert {len(shape.charts) for shape in family} == {0, 1, 2, 3, 4}
    assert {c.kind for c in charts} == {"bars", "columns", "line", "donut", "keyfigures"}
    assert {c.width for c in charts} == {"half", "full"}
    assert {c.table for c in charts} == {True, False} == {c.notes for c in charts}


def test_with_and_without_fact_boxes_and_pull_quotes(family):
    assert {shape.factboxes > 0 for shape in family} == {True, False}
    assert {shape.quotes > 0 for shape in family} == {True, False}


def test_mostly_two_columns_some_three_a_few_one(family):
    columns = Counter(story.columns for shape in family for story in shape.stories)
    assert columns[2] > 2 * (columns[1] + columns[3])
    assert columns[3] > columns[1] > 0


def test_an_editorial_and_a_cover_story_in_most_issues_not_all(family):
    for front in ([shape.editorial for shape in family], [bool(shape.cover_story) for shape in family]):
        assert len(family) / 2 < sum(front) < len(family)


def test_lists_links_and_emphasis_now_and_then(family):
    stories = [story for shape in family for story in shape.stories]
    for device in ("listed", "linked", "emphasis"):
        used = sum(getattr(story, device) for story in stories)
        assert 0 < used < len(stories) / 2, device


def test_every_field_and_kind_of_story_appears(family):
    stories = [story for shape in family for story in shape.stories]
    assert len({story.topic for story in stories}) == 10
    assert {story.kind for story in stories} == {"training", "meeting", "visit"}


# ---- The words ------------------------------------------------------------------------

def _stories(files) -> list[tuple[dict, dict]]:
    return [(story, russian["stories"][story["id"]]) for english, russian in files.values()
            for story in english["stories"]]


def test_headlines_leads_kickers_and_paragraphs_of_a_bulletins_lengths(files):
    for story, _ in _stories(files):
        assert 6 <= word_count(story["headline"]) <= 14, story["headline"]
        assert 25 <= word_count(story["lead"]) <= 60, story["lead"]
        assert 1 <= word_count(story.get("kicker", "Kicker")) <= 3
        for paragraph in story["body"].strip().split("\n\n"):
            if not paragraph.startswith("- ") and not paragraph.endswith(":"):     # lists and their introductions
                assert 40 <= word_count(paragraph) <= 120, paragraph


def test_ids_are_lowercase_hyphen_slugs(files):
    for story, _ in _stories(files):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", story["id"])
        for chart in story.get("charts", []):
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", chart["id"])


def test_the_russian_runs_ten_to_fifteen_percent_longer(family):
    for shape in family:
        english, russian = shape.characters
        assert 1.08 <= russian / english <= 1.18, (shape.id, russian / english)


def test_the_russian_has_central_asian_names_long_words_and_units(project, family):
    russian = " ".join((project / "issues" / shape.id / "issue.ru.yaml").read_text(encoding="utf-8")
                       for shape in family)
    assert set(russian.lower()) >= CENTRAL_ASIAN_LETTERS
    for word in LONG_WORDS:
        assert word in russian, word
    for unit in ("\u00a0%", "\u00a0млн долларов США", "\u00a0долларов США", "\u00a0кг", "\u00a0человек"):
        assert re.search(rf"\d{unit}", russian), unit


def test_no_template_is_left_half_filled(project, family):
    for shape in family:
        for name in ("issue.yaml", "issue.ru.yaml"):
            text = (project / "issues" / shape.id / name).read_text(encoding="utf-8")
            assert not re.search(r"[{}]|\w  \w| [,.;:]", text), (shape.id, name)


def test_placeholder_photos_say_so_in_their_credit_lines(files):
    for story, russian in _stories(files):
        for figure in story.get("figures", []):
            assert figure["credit"] == "Placeholder image generated by bulletin"
            assert figure["alt"].startswith("Placeholder image")
        for figure in russian.get("figures", []):
            assert "bulletin" in figure["credit"]


# ---- The command -----------------------------------------------------------------------

def test_the_command_writes_a_project_to_try_the_family_in(tmp_path, capsys):
    assert main([str(tmp_path / "try"), "--count", "2", "--photo-scale", str(SCALE)]) == 0
    issues = tmp_path / "try" / "issues"
    assert (issues / "publication.yaml").is_file()
    assert (tmp_path / "try" / "styles" / "bulletin.css").is_file()
    assert sorted(p.name for p in issues.iterdir() if p.is_dir()) == [member_id(0), member_id(1)]
    assert (issues / member_id(0) / "issue.ru.yaml").is_file()
    assert len(capsys.readouterr().out.splitlines()) == 2
