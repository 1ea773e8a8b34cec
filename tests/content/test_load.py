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


def test_a_colour_s_small_type_form_is_read(project):
    colours = load_issue(project.issue_dir).publication.colours
    assert colours["accent"].small == (100, 45, 0, 0)
    assert colours["accent"].small_cmyk == (100, 45, 0, 0)
    assert colours["ink"].small is None and colours["ink"].small_cmyk == (0, 0, 0, 100)


@pytest.mark.parametrize("small, message", [
    ("[100, 45, 10, 0]", "colours.accent.small: 3 inks (C 100, M 45, Y 10): type below 9 pt takes at "
                         "most 2, or misregistration blurs it (keep the two that carry the colour)"),
    ("[100, 45, 0]", "colours.accent.small: expected four ink percentages [c, m, y, k] from 0 to 100"),
    ("[100, 145, 0, 0]", "colours.accent.small: expected four ink percentages [c, m, y, k] from 0 to 100"),
    ("cyan", "colours.accent.small: expected a list, found text 'cyan'"),
])
def test_a_small_type_form_of_more_than_two_inks_is_refused_at_its_line(project, small, message):
    path = project.root / "issues" / "publication.yaml"
    text = path.read_text().replace("small: [100, 45, 0, 0]", f"small: {small}")
    path.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith("accent:"))
    column = text.splitlines()[line - 1].index("small: ") + len("small: ") + 1
    assert problems(project) == [f"issues/publication.yaml:{line}:{column}: {message}"]


def test_the_print_photo_resolutions_are_read_and_checked(project):
    path = project.root / "issues" / "publication.yaml"
    text = path.read_text().replace("  binding: loose", "  binding: loose\n  photo_ppi: 400\n  photo_ppi_limit: 500")
    path.write_text(text)
    run = load_issue(project.issue_dir).publication.print_run
    assert (run.photo_ppi, run.photo_ppi_limit) == (400, 500)
    path.write_text(text.replace("photo_ppi: 400", "photo_ppi: 250").replace("photo_ppi_limit: 500",
                                                                              "photo_ppi_limit: 2000"))
    lines = path.read_text().splitlines()
    at = {key: n for n, row in enumerate(lines, 1) for key in ("photo_ppi:", "photo_ppi_limit:")
          if row.strip().startswith(key)}
    assert problems(project) == [
        f"issues/publication.yaml:{at['photo_ppi:']}:14: print.photo_ppi: 250 is out of range "
        "(expected 300 to 1200 ppi)",
        f"issues/publication.yaml:{at['photo_ppi_limit:']}:20: print.photo_ppi_limit: 2000 is out of range "
        "(expected 300 to 1200 ppi)"]
    path.write_text(text.replace("photo_ppi_limit: 500", "photo_ppi_limit: 350"))
    assert problems(project) == [
        f"issues/publication.yaml:{at['photo_ppi_limit:']}:20: print.photo_ppi_limit: the limit (350 ppi) "
        "is below photo_ppi (400 ppi): photos are resampled down to photo_ppi only when placed above the limit"]
# -- invisible and format characters --------------------------------------------------

@pytest.mark.parametrize("separator", ["\u2028", "\u2029"], ids=["line separator", "paragraph separator"])
@pytest.mark.parametrize("old, new", [("kicker: Cooperation", "kicker: Co{}operation"),
                                      ("The first paragraph", "The first{}paragraph")],
                         ids=["in a line", "in a block of text"])
def test_unicode_separators_are_spaces_and_line_numbers_stay_the_editors(project, separator, old, new):
    """YAML reads U+2028 and U+2029 as line breaks, editors do not: every later line
    number would be one off, and in a block of text they break its indentation."""
    project.replace(old, new.format(separator))
    project.replace("credit: Placeholder image", "credit: [not, text]")
    line = project.issue_file.read_text(encoding="utf-8").split("\n").index("        credit: [not, text]") + 1
    assert problems(project) == [f"{FILE}:{line}:17: stories[0].figures[0].credit: expected text, found a list"]
    project.replace("credit: [not, text]", "credit: Placeholder image")
    story = load_issue(project.issue_dir).stories[0]
    assert new.format(" ").split(": ")[-1] in story.kicker + " " + story.body


def test_next_line_is_named_where_the_editor_shows_it(project):
    project.replace("lead: On 6 April 2017 the", "lead: On 6 April 2017\x85 the")
    project.replace("credit: Placeholder image", "credit: [not, text]")
    assert problems(project) == [
        f"{FILE}:9:26: contains U+0085 NEXT LINE, a control character (in Windows-1252 text it "
        "was '…': type … instead)",
        f"{FILE}:17:17: stories[0].figures[0].credit: expected text, found a list"]


@pytest.mark.parametrize("text, expected", [
    ('"\\u200b"', "8:15: stories[0].headline: is blank: it holds only invisible characters "
                  "(U+200B ZERO WIDTH SPACE) (expected text)"),
    ('"\\u2060 \\u00a0\\u200d"', "8:15: stories[0].headline: is blank: it holds only invisible characters "
                                "(U+2060 WORD JOINER, U+00A0 NO-BREAK SPACE, U+200D ZERO WIDTH JOINER) "
                                "(expected text)"),
    ("Number \u0600 12", "8:22: stories[0].headline: contains U+0600 ARABIC NUMBER SIGN, a format "
                         "character that no font of the publication draws (remove it)"),
    ("Tag \U000E0041 here", "8:19: stories[0].headline: contains U+E0041 TAG LATIN CAPITAL LETTER A, a "
                           "format character that no font of the publication draws (remove it)"),
])
def test_invisible_and_format_characters_are_named_at_their_place(project, text, expected):
    project.replace("headline: A first story", f"headline: {text}")
    assert problems(project) == [f"{FILE}:{expected}"]


def test_format_characters_the_layout_acts_on_are_kept(project):
    kept = "soft\u00adhyphen, zero\u200bwidth, join\u200d, mark\u200e\u200f, \u2067isolate\u2069, no\u2060break"
    project.replace("headline: A first story", f"headline: {kept}")
    assert load_issue(project.issue_dir).stories[0].headline == kept
