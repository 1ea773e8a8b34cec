"""Content readiness: words still to come, placeholders, and markup the page prints as text,
each located at its line and column; the example issue and finished copy have none."""
from __future__ import annotations

import shutil
import types

import pytest
import yaml

from bulletin.content import load_issue, load_languages
from bulletin.content.fields import CHART, FACTBOX, FIGURE, ISSUE, POINT, QUOTE, STORY, TK
from bulletin.content.readiness import copy_notices, is_placeholder
from bulletin.preflight import FAIL, PASS, WARN, Target
from bulletin.preflight.common import copy
from bulletin.tools.new import new_issue
from bulletin.tools.placeholders import fill_missing_placeholders, make_placeholder
from tests.support.project import MINIMAL_ISSUE, ROOT, RU_FILE, RUSSIAN, copy_project

FILE = "issues/2017-06/issue.yaml"
BLOCKS = """\
    quotes:
      - text: The words.
        attribution: A speaker
    factbox:
      title: At a glance
      body: |
        - A fact
    charts:
      - id: meetings
        kind: bars
        title: Meetings held
        unit: "%"
        source: The records
        notes: Provisional.
        points:
          - label: Astana
            value: 40
            note: Twice
"""


@pytest.fixture
def blocks(project):
    project.replace("    figures:\n", BLOCKS + "    figures:\n")
    return project


def places(issue, unfinished: bool = True) -> list[str]:
    return [str(n) for n in copy_notices(issue) if n.unfinished is unfinished]


def test_finished_copy_and_the_example_issue_have_nothing_to_report(blocks, tmp_path):
    assert copy_notices(load_issue(blocks.issue_dir)) == []
    example = copy_project(tmp_path / "example") / "issues" / "2017-04"     # as a clean clone has it
    shutil.copytree(ROOT / "issues" / "2017-04", example, ignore=shutil.ignore_patterns("photos"))
    fill_missing_placeholders(example)       # the example's photos are placeholders by design
    for issue in load_languages(example):
        assert copy_notices(issue) == [], issue.language


# Every text a reader reads, in issue.yaml: the value to replace, and where TK then is.
TEXTS = [
    ("period: May–June 2017", "period: TK May–June", "3:9", "period"),
    ("kicker: Cooperation", "kicker: Cooperation TK", "7:25", "stories[0].kicker"),
    ("headline: A first story", "headline: TK A first story", "8:15", "stories[0].headline"),
    ("lead: On 6 April", "lead: TK On 6 April", "9:11", "stories[0].lead"),
    ("      The second paragraph,", "      The second TK paragraph,", "13:18", "stories[0].body"),
    ("text: The words.", "text: The TK words.", "15:19", "stories[0].quotes[0].text"),
    ("attribution: A speaker", "attribution: TK", "16:22", "stories[0].quotes[0].attribution"),
    ("title: At a glance", "title: At a glance TK", "18:26", "stories[0].factbox.title"),
    ("        - A fact", "        - A fact, TK", "20:19", "stories[0].factbox.body"),
    ("title: Meetings held", "title: TK Meetings held", "24:16", "stories[0].charts[0].title"),
    ("source: The records", "source: The records TK", "26:29", "stories[0].charts[0].source"),
    ("notes: Provisional.", "notes: TK", "27:16", "stories[0].charts[0].notes"),
    ("label: Astana", "label: Astana TK", "29:27", "stories[0].charts[0].points[0].label"),
    ("note: Twice", "note: Twice (TK)", "31:26", "stories[0].charts[0].points[0].note"),
    ("caption: The meeting.", "caption: The TK meeting.", "34:22", "stories[0].figures[0].caption"),
    ("credit: Placeholder image", "credit: TK", "35:17", "stories[0].figures[0].credit"),
    ("alt: Placeholder standing", "alt: TK Placeholder standing", "36:14", "stories[0].figures[0].alt"),
]


@pytest.mark.parametrize("old, new, place, where", TEXTS, ids=[t[3] for t in TEXTS])
def test_a_tk_in_any_text_is_found_where_it_is(blocks, old, new, place, where):
    blocks.replace(old, new)
    assert places(load_issue(blocks.issue_dir)) == [
        f"{FILE}:{place}: {where}: TK: words still to come (write them)"]


def test_every_word_key_of_the_format_is_among_those_tried():
    """A new word key needs a row in TEXTS (the declarations say which keys are words)."""
    declared = {key for table in (ISSUE, STORY, QUOTE, FIGURE, FACTBOX, CHART, POINT)
                for key, field in table.items() if field.words and field.kind.scalar}
    tried = {where.rsplit(".", 1)[-1] for *_, where in TEXTS}
    assert declared - tried <= {"editorial", "subtitle"}     # editorial: below; subtitle: as title


def test_tk_is_a_word_not_letters_inside_one(project):
    project.replace("The first paragraph", "TKO and ATK and TKs: the first paragraph")
    project.write(project.issue_file.read_text() + "editorial: TK\n")
    assert places(load_issue(project.issue_dir)) == [
        f"{FILE}:19:12: editorial: TK: words still to come (write them)"]


def test_a_tk_in_a_translation_is_found_in_the_translation(project):
    (project.issue_dir / "issue.ru.yaml").write_text(
        RUSSIAN.replace("headline: Первая статья", "headline: TK Первая статья"), encoding="utf-8")
    assert places(load_issue(project.issue_dir, "ru")) == [
        f"{RU_FILE}:6:15: stories.first-story.headline: TK: words still to come (write them)"]
    assert places(load_issue(project.issue_dir)) == []          # the English is finished


@pytest.mark.parametrize("text, expected", [
    ("headline: Headline of about 10 words", "8:15: stories[0].headline"),
    ("headline: Who and what the photo shows, where and when.", "8:15: stories[0].headline"),
    ("lead: 'Lead of one or two sentences (about 33 words): who did what, where and when.'",
     "9:12: stories[0].lead"),
])
def test_bulletin_news_placeholder_words_are_found_without_their_tk(project, text, expected):
    key = text.split(":")[0]
    old = {"headline": "headline: A first story", "lead": "lead: On 6 April 2017 the meeting was held in Astana."}
    project.replace(old[key], text)
    assert places(load_issue(project.issue_dir)) == [
        f"{FILE}:{expected}: `bulletin new`'s placeholder words (write the words)"]


@pytest.mark.parametrize("old, new, expected", [
    ("alt: Placeholder standing in for a photo of the meeting", "alt: '...'",
     "18:14: stories[0].figures[0].alt: says nothing a reader can use (write what the photo shows, "
     "for readers who cannot see it)"),
    ("alt: Placeholder standing in for a photo of the meeting", "alt: IMG_2041.JPG",
     "18:14: stories[0].figures[0].alt: says nothing a reader can use (write what the photo shows, "
     "for readers who cannot see it)"),
    ("caption: The meeting.", "caption: —",
     "16:18: stories[0].figures[0].caption: says nothing a reader can use (write who and what the "
     "photo shows, where and when)"),
])
def test_a_caption_or_alt_text_that_says_nothing_is_unfinished(project, old, new, expected):
    project.replace(old, new)
    assert places(load_issue(project.issue_dir)) == [f"{FILE}:{expected}"]


def test_a_placeholder_photo_is_unfinished_but_in_an_example_issue(project):
    photo = project.issue_dir / "photos" / "meeting.jpg"
    assert not is_placeholder(photo)
    make_placeholder(photo, "stands in for photos/meeting.jpg", seed="meeting", size_px=(300, 200))
    assert is_placeholder(photo)
    assert places(load_issue(project.issue_dir)) == [
        f"{FILE}:15:16: stories[0].figures[0].image: 'photos/meeting.jpg' is a placeholder bulletin "
        "drew (put the photo itself in its place)"]
    project.replace("language: en", "language: en\nexample: true")
    assert places(load_issue(project.issue_dir)) == []


def test_a_png_placeholder_is_known_too(tmp_path):
    make_placeholder(tmp_path / "photo.png", "a title", seed="x", size_px=(120, 80))
    assert is_placeholder(tmp_path / "photo.png")


@pytest.mark.parametrize("typed, column, what", [
    ("See ![the meeting](photos/meeting.jpg) here.", 11,
     "a Markdown image is printed as text, not placed (photos go under the story's `figures:`, each "
     "with image, caption, credit and alt)"),
    ("See <img src=photos/meeting.jpg> here.", 11,
     "raw HTML ('<img src=photos/meeting.jpg>') is printed as text, not as markup (write Markdown: "
     "*emphasis*, [links](https://...), lists; photos go under the story's `figures:`)"),
    ("A <b>bold</b> claim.", 9,
     "raw HTML ('<b>') is printed as text, not as markup (write Markdown: *emphasis*, "
     "[links](https://...), lists; photos go under the story's `figures:`)"),
])
def test_markup_printed_as_text_is_a_located_warning_saying_what_to_do(project, typed, column, what):
    project.replace("      The first paragraph of the story.", f"      {typed}")
    [notice] = copy_notices(load_issue(project.issue_dir))
    assert (str(notice), notice.unfinished) == (f"{FILE}:11:{column}: stories[0].body: {what}", False)


def test_the_scaffold_of_bulletin_new_reports_every_placeholder(tmp_path, monkeypatch):
    (tmp_path / "issues").mkdir()
    shutil.copy(ROOT / "issues" / "publication.yaml", tmp_path / "issues")
    (tmp_path / "issues" / "2017-04").mkdir()
    (tmp_path / "issues" / "2017-04" / "issue.yaml").write_text(MINIMAL_ISSUE.replace("number: 2", "number: 1")
                                                                .replace("2017-06-30", "2017-04-28")
                                                                .replace("May–June", "March–April"))
    monkeypatch.chdir(tmp_path)
    made = new_issue(tmp_path / "issues", None)
    issue = load_issue(made.folder)
    text = (made.folder / "issue.yaml").read_text(encoding="utf-8")
    marked = sum(1 for value in _values(yaml.safe_load(text)) if isinstance(value, str) and TK in value.split())
    found = places(issue)
    assert marked and sum("TK: words still to come" in f for f in found) == marked
    assert sum("is a placeholder bulletin drew" in f for f in found) == len(made.photos) > 0
    assert len(found) == marked + len(made.photos)


def _values(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _values(item)
    else:
        yield node


def test_preflight_fails_on_unfinished_copy_and_warns_on_markup(project):
    project.replace("headline: A first story", "headline: TK")
    project.replace("      The first paragraph of the story.", "      A <b>bold</b> claim.")
    notices = tuple(copy_notices(load_issue(project.issue_dir)))
    target = Target("print", "en", project.root / "x.pdf", copy=notices)
    findings = copy(types.SimpleNamespace(target=target))
    assert [(f.status, f.object, f.message[:30]) for f in findings] == [
        (FAIL, f"{FILE}:8:15", "stories[0].headline: TK: words"),
        (WARN, f"{FILE}:11:9", "stories[0].body: raw HTML ('<b")]
    assert [f.status for f in copy(types.SimpleNamespace(target=Target("print", "en", project.root)))] == [PASS]
