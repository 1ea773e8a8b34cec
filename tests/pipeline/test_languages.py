"""Editions in other languages: translations, wording, hyphenation, glyphs."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from bulletin.content import load_issue
from bulletin.content.wording import wording
from bulletin.errors import ContentError
from bulletin.pipeline import build
from tests.support.pdftools import fonts, run, text
from tests.support.project import RU_FILE, RUSSIAN

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

@pytest.fixture
def russian(project):
    (project.issue_dir / "issue.ru.yaml").write_text(RUSSIAN, encoding="utf-8")
    return project


def problems(project, language="ru") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_issue(project.issue_dir, language)
    return [str(p) for p in caught.value.problems]


def test_the_translation_replaces_the_words_and_keeps_the_structure(russian):
    issue = load_issue(russian.issue_dir, "ru")
    story = issue.stories[0]
    assert (issue.language, issue.period, story.headline) == ("ru", "Май–июнь 2017",
                                                              "Первая статья о сотрудничестве")
    assert story.figures[0].image == russian.issue_dir / "photos" / "meeting.jpg"
    assert story.figures[0].caption == "Заседание."
    assert issue.publication.tagline.startswith("Информационный бюллетень")
    assert issue.number == 2


@pytest.mark.parametrize("old, new, expected", [
    ("  first-story:", "  other-story:",
     [f"{RU_FILE}:4:3: stories.other-story: issue.yaml has no story with this id (ids: first-story)",
      f"{RU_FILE}:4:3: stories: the story 'first-story' is not translated "
      "(translate it, or give it `omitted: true`)"]),
    ("    headline: Первая статья о сотрудничестве\n", "",
     [f"{RU_FILE}:5:5: stories.first-story: missing 'headline' (issue.yaml has it: translate it)"]),
    ("      - caption: Заседание.\n        credit: Изображение-заглушка\n"
     "        alt: Заглушка вместо фотографии заседания\n", "      []\n",
     [f"{RU_FILE}:16:7: stories.first-story.figures: 0 given, issue.yaml has 1 "
      "(translate each, in the same order)"]),
    ("language: ru", "language: kk",
     [f"{RU_FILE}:1:11: language: 'kk' does not match the file name (expected ru)"]),
    ("    kicker: Сотрудничество\n", "    kicker: Сотрудничество\n    factbox: {title: a, body: b}\n",
     [f"{RU_FILE}:6:14: stories.first-story.factbox: issue.yaml has no fact box in this story"]),
])
def test_translation_errors_name_file_line_and_column(russian, old, new, expected):
    path = russian.issue_dir / "issue.ru.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert problems(russian) == expected


def test_a_story_omitted_on_purpose_is_left_out(russian):
    path = russian.issue_dir / "issue.ru.yaml"
    path.write_text(RUSSIAN.split("  first-story:")[0] + "  first-story: {omitted: true}\n", encoding="utf-8")
    assert load_issue(russian.issue_dir, "ru").stories == ()


def test_asking_for_a_language_the_issue_lacks(project):
    assert problems(project, "fr") == [
        "issues/2017-06:1:1: no fr edition: there is no issue.fr.yaml (languages: en)"]


def test_russian_wording_numbers_and_ties():
    ru = wording("ru")
    assert ru.quantity(29, "million USD") == "29\u00a0млн долларов США"
    assert ru.quantity(12.5, "%") == "12,5\u00a0%"
    assert ru.number(1234) == "1\u00a0234"
    assert wording("en").quantity(29, "million USD") == "29 million USD"
    assert ru.tie_short_words("встреча в Астане и с партнёрами") == \
        "встреча в\u00a0Астане и\u00a0с\u00a0партнёрами"


def test_every_language_is_built_with_its_name_in_the_outputs(russian):
    result = build(russian.issue_dir)
    names = sorted((e.language, e.kind, e.path.name) for e in result.editions)
    assert names == [("en", "email", "milestones-2017-06-en.pdf"),
                     ("en", "print", "milestones-2017-06-en-print.pdf"),
                     ("ru", "email", "milestones-2017-06-ru.pdf"),
                     ("ru", "print", "milestones-2017-06-ru-print.pdf")]
    ru_pdf = result.out_dir / "milestones-2017-06-ru.pdf"
    found = text(ru_pdf)
    assert "Первая статья о сотрудничестве" in found
    assert "«достигнутые результаты»" in found
    assert "Фото:" in found and "Выпуск 2" in found
    raw = run("pdftotext", str(ru_pdf), "-")
    assert re.search(r"[а-яё]\u00ad\n[а-яё]", raw), "no Russian word is hyphenated at a line end"
    for font in fonts(ru_pdf):
        assert font["name"].split("+")[-1].startswith(("PT-Serif", "Fira-Sans"))


def test_build_only_the_languages_asked_for(russian):
    result = subprocess.run([sys.executable, "-m", "bulletin", "build", "issues/2017-06", "--lang", "ru"],
                            cwd=russian.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = russian.root / "build" / "2017-06"
    assert sorted(p.name for p in out.glob("*.pdf")) == ["milestones-2017-06-ru-print.pdf",
                                                         "milestones-2017-06-ru.pdf"]


def test_a_build_of_one_language_keeps_the_others_and_withdraws_the_hand_off(russian):
    """The English PDFs stay, listed in build.json as kept; print/ is never a mix of two
    builds: it goes, and the command says so."""
    out = build(russian.issue_dir).out_dir
    english = (out / "milestones-2017-06-en-print.pdf").read_bytes()
    assert (out / "print" / "milestones-2017-06-en-print.pdf").is_file()
    (russian.issue_dir / "issue.ru.yaml").write_text(
        RUSSIAN.replace("Заседание.", "Заседание в Астане."), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bulletin", "build", "issues/2017-06", "--lang", "ru"],
                            cwd=russian.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "built ru alone" in result.stdout and "print/ is withdrawn" in result.stdout
    assert (out / "milestones-2017-06-en-print.pdf").read_bytes() == english
    assert not (out / "print").exists()
    manifest = json.loads((out / "build.json").read_text())
    kept = {o["path"]: o.get("kept") for o in manifest["outputs"]}
    assert kept["milestones-2017-06-en-print.pdf"] == "from an earlier build"
    assert kept["milestones-2017-06-ru-print.pdf"] is None
    assert manifest["languages_built"] == ["ru"] and manifest["handoff"] is None
    assert set(manifest["fit"]) == {"en", "ru"}


def test_kazakh_kyrgyz_and_tajik_letters_render_without_fallback(project):
    sentence = "Қазақстан Республикасы: әғқңөұүһі ӘҒҚҢӨҰҮҺІ; Тоҷикистон: ҷӣ ҶӢ; Кыргызстан: ңөү."
    project.replace("The first paragraph of the story.", sentence)
    project.replace("headline: A first story", "headline: Қазақ тілі әғқңөұүһі")
    result = build(project.issue_dir, languages=["en"])
    pdf = next(e.path for e in result.editions if e.kind == "email")
    found = text(pdf)
    for word in sentence.split():            # justified lines: extraction order may vary
        assert word in found
    assert "Қазақ тілі әғқңөұүһі" in found
    for font in fonts(pdf):
        assert font["name"].split("+")[-1].startswith(("PT-Serif", "Fira-Sans")), font
