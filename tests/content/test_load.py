"""Stage 1, load: content errors are reported as FILE:LINE:COL: message, all at once."""
from __future__ import annotations

import pytest

from bulletin.content import load_issue
from bulletin.errors import ContentError

FILE = "issues/2017-06/issue.yaml"


def problems(project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_issue(project.issue_dir)
    return [str(p) for p in caught.value.problems]


def test_the_minimal_issue_loads(project):
    issue = load_issue(project.issue_dir)
    assert issue.id == "2017-06"
    assert [s.id for s in issue.stories] == ["first-story"]
    assert issue.stories[0].figures[0].image == project.issue_dir / "photos" / "meeting.jpg"
    assert issue.publication.name == "Milestones"


@pytest.mark.parametrize("old, new, expected", [
    ("number: 2", "number: two",
     f"{FILE}:1:9: number: expected a whole number, found text 'two'"),
    ("number: 2", "number: 0",
     f"{FILE}:1:9: number: 0 is out of range (expected 1 to 9999)"),
    ("date: 2017-06-30", "date: June 2017",
     f"{FILE}:2:7: date: expected a date like 2017-04-28, found text 'June 2017'"),
    ("language: en", "language: English",
     f"{FILE}:4:11: language: 'English' is not a language code (expected e.g. en, ru)"),
    ("language: en", "langauge: en",
     f"{FILE}:4:1: langauge: unknown key 'langauge', did you mean 'language'? "
     "(expected one of: number, date, period, language, cover_story, editorial, back_cover, example, stories)"),
    ("    kicker: Cooperation\n", "",
     None),  # kicker is optional: no problem at all
    ("    headline: A first story\n", "",
     f"{FILE}:6:5: stories[0]: missing required key 'headline' (text)"),
    ("    headline: A first story", "    heading: A first story",
     f"{FILE}:8:5: stories[0].heading: unknown key 'heading', did you mean 'headline'? "
     "(expected one of: id, kicker, headline, lead, body, quotes, figures, factbox, charts, columns, new_page, "
     "wide_photo)"),
    ("  - id: first-story", "  - id: First Story",
     f"{FILE}:6:9: stories[0].id: 'First Story' is not a valid id (expected lowercase letters, "
     "digits and hyphens, e.g. 'steering-committee')"),
    ("image: photos/meeting.jpg", "image: photos/meting.jpg",
     f"{FILE}:15:16: stories[0].figures[0].image: no image file 'photos/meting.jpg' in "
     "issues/2017-06/ (files there: photos/meeting.jpg)"),
    ("image: photos/meeting.jpg", "image: ../../secret.jpg",
     f"{FILE}:15:16: stories[0].figures[0].image: '../../secret.jpg' is outside the issue "
     "folder issues/2017-06/ (copy the image into the issue folder)"),
    ("image: photos/meeting.jpg", "image: photos/meeting.gif",
     f"{FILE}:15:16: stories[0].figures[0].image: 'photos/meeting.gif' is not a JPEG or PNG "
     "image (expected .jpg, .jpeg, .png)"),
    ("        alt: Placeholder standing in for a photo of the meeting\n", "",
     f"{FILE}:15:9: stories[0].figures[0]: missing required key 'alt' "
     "(a description for screen readers)"),
    ("    lead: On 6 April 2017 the meeting was held in Astana.", "    lead: ''",
     f"{FILE}:9:11: stories[0].lead: is empty (expected text)"),
    ("    lead: On 6 April 2017 the meeting was held in Astana.", "    lead: [a, b]",
     f"{FILE}:9:11: stories[0].lead: expected text, found a list"),
    ("    kicker: Cooperation", "    kicker: Cooperation\n    kicker: Again",
     f"{FILE}:8:5: stories[0].kicker: duplicate key (first given on line 7)"),
    ("period: May–June 2017", "period: May–June 2017\ncover_story: nothing",
     f"{FILE}:4:14: cover_story: no story has the id 'nothing' (ids: first-story)"),
])
def test_schema_errors_name_line_column_and_expectation(project, old, new, expected):
    project.replace(old, new)
    if expected is None:
        load_issue(project.issue_dir)
    else:
        assert expected in problems(project)


def test_yaml_syntax_error_has_its_position(project):
    project.replace("    lead: On 6 April", "    lead: [On 6 April")
    assert problems(project) == [
        f"{FILE}:10:9: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence)"]


def test_yaml_syntax_error_is_exact(project):
    project.write("number: 1\ndate: 2017-06-30\n  period: x\n")
    assert problems(project) == [
        f"{FILE}:3:9: YAML syntax error: mapping values are not allowed here"]


def test_every_problem_of_the_file_is_reported_in_one_run(project):
    project.replace("number: 2", "number: two")
    project.replace("language: en", "language: English")
    project.replace("image: photos/meeting.jpg", "image: photos/none.jpg")
    found = problems(project)
    assert [p.split(":")[1] for p in found] == ["1", "4", "15"]


def test_two_stories_with_one_id(project):
    text = project.issue_file.read_text()
    story = text[text.index("  - id: first-story"):]
    project.write(text + story)
    assert f"{FILE}:19:5: stories[1].id: 'first-story' is already the id of stories[0]" in problems(project)


def test_a_missing_photo_of_the_cover_story_is_reported_as_a_missing_photo(project):
    text = project.issue_file.read_text()
    second = text[text.index("  - id: first-story"):].replace("first-story", "second-story")
    project.write(text.replace("period: May–June 2017", "period: May–June 2017\ncover_story: first-story")
                  .replace("photos/meeting.jpg", "photos/gone.jpg") + second)
    assert problems(project) == [
        f"{FILE}:16:16: stories[0].figures[0].image: no image file 'photos/gone.jpg' in "
        "issues/2017-06/ (files there: photos/meeting.jpg)"]


def test_percentages_outside_0_to_100_and_unknown_chart_kinds(project):
    project.replace("    figures:", """    charts:
      - id: results
        kind: pie
        title: Results
        unit: "%"
        points:
          - {label: A, value: 120}
          - {label: B, value: x}
    figures:""")
    found = problems(project)
    assert (f"{FILE}:16:15: stories[0].charts[0].kind: unknown chart kind 'pie' (expected one of: "
            "bars, columns, line, donut, keyfigures)") in found
    assert f"{FILE}:20:13: stories[0].charts[0].points[0].value: 120% is not a percentage (expected 0 to 100)" in found
    assert f"{FILE}:21:31: stories[0].charts[0].points[1].value: expected a number, found text 'x'" in found


def test_missing_publication_settings(project):
    (project.root / "issues" / "publication.yaml").unlink()
    assert problems(project) == [
        "issues/publication.yaml:1:1: no such file (the publication's settings live beside the issue folders)"]


def test_a_bad_publication_colour(project):
    path = project.root / "issues" / "publication.yaml"
    path.write_text(path.read_text().replace('rgb: "#00689d"', 'rgb: "blue"'))
    assert any(p.startswith("issues/publication.yaml:") and "colours.accent.rgb: 'blue' is not a colour" in p
               for p in problems(project))


def test_non_utf8_file_names_the_byte(project):
    project.issue_file.write_bytes(b"number: 2\nperiod: \xff\n")
    assert problems(project)[0] == f"{FILE}:1:1: not UTF-8 text (bad byte at offset 18); save the file as UTF-8"


def test_byte_order_mark_is_accepted(project):
    project.issue_file.write_bytes(b"\xef\xbb\xbf" + project.issue_file.read_bytes())
    assert load_issue(project.issue_dir).number == 2
