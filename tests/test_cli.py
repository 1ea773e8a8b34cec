"""The `bulletin` command: exact output, exit status, and nothing lost on failure."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.support.project import ROOT

FILE = "issues/2017-06/issue.yaml"


def bulletin(*args, cwd):
    return subprocess.run([sys.executable, "-m", "bulletin", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def built(project):
    """The minimal issue, built once: its PDFs' bytes before anything else happens."""
    result = bulletin("build", "issues/2017-06", cwd=project.root)
    assert result.returncode == 0, result.stderr
    out = project.root / "build" / "2017-06"
    return {path.name: path.read_bytes() for path in out.glob("*.pdf")}


def pdfs_of(project):
    return {p.name: p.read_bytes() for p in (project.root / "build" / "2017-06").glob("*.pdf")}


@pytest.mark.slow
def test_check_reports_a_valid_issue(project):
    result = bulletin("check", "issues/2017-06", cwd=project.root)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "issues/2017-06 [en]: 1 stories, no problems found.\n", "")


@pytest.mark.slow
def test_check_warns_of_unfinished_copy_and_markup_with_exit_0(project):
    project.replace("headline: A first story", "headline: TK A first story")
    project.replace("The first paragraph", "See ![it](photos/meeting.jpg). The first paragraph")
    result = bulletin("check", "issues/2017-06", cwd=project.root)
    assert (result.returncode, result.stdout) == (0, (
        "issues/2017-06 [en]: 1 stories, no problems found.\n"
        "2 warnings: 1 place not finished (TK, placeholders): preflight fails on them and withholds "
        "the print shop hand-off; 1 printed as text.\n"))
    assert result.stderr == (
        f"{FILE}:8:15: warning: stories[0].headline: TK: words still to come (write them)\n"
        f"{FILE}:11:11: warning: stories[0].body: a Markdown image is printed as text, not placed "
        "(photos go under the story's `figures:`, each with image, caption, credit and alt)\n")


@pytest.mark.slow
def test_check_reports_every_problem_with_exit_1_and_no_traceback(project):
    project.replace("number: 2", "number: two")
    project.replace("image: photos/meeting.jpg", "image: photos/gone.jpg")
    result = bulletin("check", "issues/2017-06", cwd=project.root)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{FILE}:1:9: number: expected a whole number, found text 'two'\n"
        f"{FILE}:15:16: stories[0].figures[0].image: no image file 'photos/gone.jpg' in "
        "issues/2017-06/ (files there: photos/meeting.jpg)\n"
        "2 problem(s) found; nothing was written.\n")


@pytest.mark.slow
def test_build_writes_both_editions(project):
    result = bulletin("build", "issues/2017-06", cwd=project.root)
    assert result.returncode == 0, result.stderr
    out = project.root / "build" / "2017-06"
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "milestones-2017-06-en-print.pdf", "milestones-2017-06-en.pdf"]
    assert (out / "build.json").is_file()
    assert "email  " in result.stdout and "print  " in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("breakage, expected", [
    (("lead: On 6 April", "lead: [On 6 April"), f"{FILE}:10:9: YAML syntax error"),
    (("headline: A first story", "headline: [a, b]"), f"{FILE}:8:15: stories[0].headline: expected text"),
])
def test_a_broken_issue_leaves_the_previous_pdfs_untouched(project, built, breakage, expected):
    project.replace(*breakage)
    result = bulletin("build", "issues/2017-06", cwd=project.root)
    assert result.returncode == 1
    assert result.stderr.startswith(expected)
    assert "Traceback" not in result.stderr
    assert pdfs_of(project) == built


@pytest.mark.slow
def test_a_missing_glyph_stops_the_build_naming_character_and_its_place(project, built):
    project.replace("The first paragraph of the story.", "Armenian: Բարեւ.")
    result = bulletin("build", "issues/2017-06", cwd=project.root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "issues/2017-06/issue.yaml:11:17: stories[0].body: the character 'Բ' (U+0532 ARMENIAN CAPITAL "
        "LETTER BEN) is in neither of the publication's fonts (PT Serif, Fira Sans) (remove it, or "
        "configure a font that has it in fonts/fonts.yaml)")
    assert pdfs_of(project) == built


@pytest.mark.slow
def test_a_build_killed_while_typesetting_leaves_the_previous_pdfs(project, built):
    # A longer issue so there is time to kill it mid-layout.
    project.replace("The first paragraph of the story.", "Long text. " * 4000)
    out = project.root / "build" / "2017-06"
    process = subprocess.Popen([sys.executable, "-m", "bulletin", "build", "issues/2017-06"],
                               cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(out.glob(".staging-*")) and time.monotonic() < deadline:
        time.sleep(0.05)                     # typesetting has begun once staging exists
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert pdfs_of(project) == built
    assert [p.name for p in out.glob(".staging-*")], "the killed build left no staging folder"
    project.replace("Long text. " * 4000, "Short again.")
    assert bulletin("build", "issues/2017-06", cwd=project.root).returncode == 0
    assert not list(out.glob(".staging-*")), "the next build did not clear the killed one's leftovers"


@pytest.mark.slow
@pytest.mark.parametrize("whole_group", [False, True], ids=["the build", "a terminal's Ctrl-C"])
def test_an_interrupted_build_says_so(project, built, whole_group):
    """A terminal sends SIGINT to every process of the build, workers too."""
    project.replace("The first paragraph of the story.", "Long text. " * 4000)
    out = project.root / "build" / "2017-06"
    process = subprocess.Popen([sys.executable, "-m", "bulletin", "build", "issues/2017-06"],
                               cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=whole_group)
    deadline = time.monotonic() + 60
    while not list(out.glob(".staging-*")) and time.monotonic() < deadline:
        time.sleep(0.05)                     # typesetting has begun once staging exists
    if whole_group:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        # The interrupt came after every PDF was in place (a loaded machine): the
        # build finished, and every output is the complete new one.
        assert all(pdf.read_bytes().endswith(b"%%EOF\n") for pdf in out.glob("*.pdf"))
        assert "email " in stdout
        return
    assert process.returncode == 130
    assert stderr == "bulletin: interrupted; the previous outputs are untouched.\n"
    assert pdfs_of(project) == built


@pytest.mark.slow
def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for command in ("build", "check", "placeholders", "new", "proof", "watch", "send", "deliver"):
        result = bulletin(command, "--help", cwd=ROOT)
        assert result.returncode == 0 and "usage: bulletin" in result.stdout
        assert f"bulletin {command} " in readme
    assert all(f"make {target}" in readme for target in ("issue", "test", "send", "deliver"))
