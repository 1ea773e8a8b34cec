"""`bulletin new`: the next issue, modelled on the latest, valid and typeset at once."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from bulletin.content import load_issue
from bulletin.editions import EditionKind
from bulletin.pipeline import build
from bulletin.tools.new import _advance_period, new_issue
from tests.support.pdftools import text
from tests.support.project import MINIMAL_ISSUE


def bulletin(*args, cwd):
    return subprocess.run([sys.executable, "-m", "bulletin", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def uncomment_examples(path):
    """What an officer does to use the examples: remove "# " from the lines under each
    "# --- ..." heading."""
    lines, under_heading = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.lstrip().startswith("# ---"):
            under_heading = True
        elif under_heading and line.lstrip().startswith("# "):
            line = line.replace("# ", "", 1)
        else:
            under_heading = False
        lines.append(line)
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.slow
def test_new_continues_the_latest_issue(project):
    result = bulletin("new", cwd=project.root)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "new issue issues/2017-08/issue.yaml: issue 3, July–August 2017, 1 stories to write, "
        "1 placeholder photos\n"
        "next: write the stories, with `make watch ISSUE=2017-08` showing the email edition as you save\n")
    content = yaml.safe_load((project.root / "issues/2017-08/issue.yaml").read_text(encoding="utf-8"))
    assert {k: content[k] for k in ("number", "period", "language")} == {
        "number": 3, "period": "July–August 2017", "language": "en"}
    assert str(content["date"]) == "2017-08-30"
    [story] = content["stories"]
    assert (story["id"], story["kicker"]) == ("cooperation", "Cooperation")
    assert story["headline"].startswith("TK ")
    assert story["figures"][0]["image"] == "photos/cooperation.jpg"
    assert (project.root / "issues/2017-08/photos/cooperation.jpg").is_file()
    check = bulletin("check", "issues/2017-08", cwd=project.root)
    assert (check.returncode, check.stdout) == (0, (
        "issues/2017-08 [en]: 1 stories, no problems found.\n"
        "7 warnings: 7 places not finished (TK, placeholders): preflight fails on them and withholds "
        "the print shop hand-off.\n"))
    assert len(check.stderr.splitlines()) == 7         # its TKs and its placeholder photo, each located


@pytest.mark.slow
def test_the_new_issue_renders_at_once(project):
    made = new_issue(project.root / "issues")
    result = build(made.folder, kinds=(EditionKind.EMAIL,))
    [email] = result.editions
    words = text(email.path)
    assert "TK Headline of about 10 words" in words
    assert "Issue 3" in words and "July–August 2017" in words
    assert result.fits["en"].pages == email.pages


def test_every_commented_example_checks_once_uncommented(project):
    made = new_issue(project.root / "issues")
    uncomment_examples(made.folder / "issue.yaml")
    story = load_issue(made.folder).stories[0]
    assert len(story.quotes) == 1 and len(story.figures) == 2
    assert story.factbox.title == "At a glance"
    assert [c.id for c in story.charts] == ["example-chart"]


def test_examples_include_a_photo_when_the_story_had_none(project):
    project.write(MINIMAL_ISSUE.split("    figures:")[0])      # the story without its photo
    made = new_issue(project.root / "issues")
    assert "figures" not in yaml.safe_load((made.folder / "issue.yaml").read_text())["stories"][0]
    uncomment_examples(made.folder / "issue.yaml")
    assert len(load_issue(made.folder).stories[0].figures) == 1


@pytest.mark.slow
def test_the_step_is_the_gap_between_the_last_two_issues(project):
    later = project.root / "issues" / "2017-09"
    shutil.copytree(project.issue_dir, later)
    source = (later / "issue.yaml").read_text(encoding="utf-8")
    (later / "issue.yaml").write_text(source.replace("date: 2017-06-30", "date: 2017-09-29")
                                      .replace("May–June 2017", "July–September 2017"), encoding="utf-8")
    made = new_issue(project.root / "issues")
    content = yaml.safe_load((made.folder / "issue.yaml").read_text(encoding="utf-8"))
    assert made.folder.name == "2017-12"
    assert (content["period"], str(content["date"])) == ("October–December 2017", "2017-12-29")


@pytest.mark.slow
def test_an_id_given_sets_the_step(project):
    result = bulletin("new", "2017-07", cwd=project.root)
    assert result.returncode == 0, result.stderr
    content = yaml.safe_load((project.root / "issues/2017-07/issue.yaml").read_text(encoding="utf-8"))
    assert (content["period"], str(content["date"])) == ("June–July 2017", "2017-07-30")


@pytest.mark.parametrize("period, months, expected", [
    ("March–April 2017", 2, "May–June 2017"),
    ("November–December 2017", 2, "January–February 2018"),
    ("December 2017–January 2018", 2, "February 2018–March 2018"),
    ("Spring 2017", 3, None),
])
def test_the_period_moves_on(period, months, expected):
    assert _advance_period(period, "en", months) == expected


@pytest.mark.slow
@pytest.mark.parametrize("args, message", [
    (("2017-06",), "bulletin: error: issues/2017-06 already exists; nothing was written\n"),
    (("june",), "bulletin: error: 'june' is not an issue id (it starts with a digit, e.g. 2017-06)\n"),
])
def test_new_refuses(project, args, message):
    result = bulletin("new", *args, cwd=project.root)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)


@pytest.mark.slow
def test_new_outside_a_project(tmp_path):
    result = bulletin("new", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1, "bulletin: error: no issues/publication.yaml: run `bulletin new` in the project's "
           "folder (the one holding issues/)\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_the_copy_fitting_of_last_issue_is_recalled_not_repeated(project):
    project.replace("    kicker: Cooperation\n", "    kicker: Cooperation\n    new_page: true\n"
                                                  "    wide_photo: true\n")
    made = new_issue(project.root / "issues")
    text_ = (made.folder / "issue.yaml").read_text(encoding="utf-8")
    assert "words, started a new page, a wide photo.\n" in text_      # in "# Last issue: ..."
    [story] = yaml.safe_load(text_)["stories"]
    assert "new_page" not in story and "wide_photo" not in story    # fitted to the new words
