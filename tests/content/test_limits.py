"""The limits that hold while an issue loads: what aliases repeat is counted, in values
and in characters, before anything is built from it; `bulletin check` on any file
answers within seconds, with a located error."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bulletin.content import load_issue
from bulletin.content.yamlcompose import MAX_CHARACTERS
from bulletin.errors import ContentError
from tests.support.project import MINIMAL_ISSUE

HANG_SECONDS = 20


def aliased(body_words: int, copies: int) -> str:
    """The minimal issue whose body is `body_words` words, repeated by `copies` aliases."""
    text = MINIMAL_ISSUE.replace("    body: |\n", "    body: &body |\n      " + "word " * body_words + "\n", 1)
    return text + "".join(f"  - {{id: copy-{n}, headline: Copy, lead: Copy., body: *body}}\n"
                          for n in range(copies))


def check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bulletin", "check", "issues/2017-06"], cwd=project.root,
                          capture_output=True, text=True, timeout=HANG_SECONDS)


@pytest.mark.slow
@pytest.mark.parametrize("body_words, copies", [(80_000, 60), (140_000, 1000)],
                         ids=["400 kB body, 60 aliases", "700 kB body, 1,000 aliases"])
def test_a_small_file_that_repeats_a_large_text_is_refused_at_once(project, body_words, copies):
    project.write(aliased(body_words, copies))
    assert project.issue_file.stat().st_size < 1_000_000
    done = check(project)                    # within HANG_SECONDS, or TimeoutExpired fails it
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith("issues/2017-06/issue.yaml:")
    assert f"more than {MAX_CHARACTERS:,} characters of text, counting what each alias repeats" in done.stderr


def test_the_refusal_points_at_the_alias_that_crosses_the_budget(project):
    project.write(aliased(20_000, 60))       # 100,000 characters a copy: about the tenth crosses
    with pytest.raises(ContentError) as refused:
        load_issue(project.issue_dir)
    [problem] = refused.value.problems
    line = project.issue_file.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith("*body}")
    assert problem.message.startswith(f"the file holds more than {MAX_CHARACTERS:,} characters of text")


def test_text_repeated_within_the_budget_loads(project):
    project.write(aliased(1_000, 20))        # 100,000 characters, aliases included
    assert len(load_issue(project.issue_dir).stories) == 21


@pytest.mark.slow
def test_check_reads_a_file_near_the_size_limit_in_seconds(project):
    text = MINIMAL_ISSUE.replace("The first paragraph of the story.",
                                 "Officers met, and *the* [team](https://www.unodc.org/) agreed. " * 14_000)
    project.write(text)
    assert 800_000 < project.issue_file.stat().st_size < 1_000_000
    done = check(project)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.slow
@pytest.mark.parametrize("make, what", [
    (lambda path: os.mkfifo(path), "is a named pipe (FIFO), not a file"),
    (lambda path: path.symlink_to("/dev/zero"), "is a link to /dev/zero, outside issues/2017-06/"),
], ids=["named pipe", "link to /dev/zero"])
def test_check_answers_at_once_for_a_translation_that_is_no_file(project, make, what):
    make(project.issue_dir / "issue.ru.yaml")
    done = check(project)
    assert (done.returncode, done.stderr) == (1, f"issues/2017-06/issue.ru.yaml:1:1: {what} (expected a "
                                                 "YAML file in issues/2017-06/)\n1 problem(s) found; "
                                                 "nothing was written.\n")
