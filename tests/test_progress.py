"""Progress and messages: stages as they go, timings with -v, silence with -q, colours on terminals."""
from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

STAGES = ["load", "charts", "layout", "fit", "write", "preflight", "layout", "write", "preflight"]


def in_order(names: list[str]) -> list[str]:
    """The stage names as each edition goes: the email edition is fitted (one layout
    or more, then "fit"), written and preflighted; then the print edition is laid
    out once with the layout chosen, written and preflighted."""
    fitted = names.index("fit")
    layouts = names[2:fitted]
    assert layouts and set(layouts) == {"layout"}, names
    return names[:2] + ["layout"] + names[fitted:]


def bulletin(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "bulletin", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})})


def stage_lines(stdout: str) -> list[str]:
    """The stage lines, which come before the results (the PDFs, the fit, the preflight verdict)."""
    lines = stdout.splitlines()
    results = next((n for n, line in enumerate(lines) if line.startswith("email ")), len(lines))
    return [line for line in lines[:results] if line.split(" ")[0] in set(STAGES)]


@pytest.mark.slow
def test_on_a_terminal_each_stage_reports_as_it_goes(project):
    shown = on_a_terminal(["build", "issues/2017-06"], project.root, "stdout", {"NO_COLOR": "1"})
    lines = stage_lines(shown.replace("\r\n", "\n"))
    assert in_order([line.split()[0] for line in lines]) == STAGES
    assert lines[0] == "load      issues/2017-06: 1 story in en"
    assert "layout    milestones-2017-06-en.pdf: 1 page" in lines
    assert not any(re.search(r"\(\d+\.\d\d s\)$", line) for line in lines)
    # After the stages: the PDFs, then the fit report.
    assert re.search(r"^email     build/2017-06/milestones-2017-06-en\.pdf  1 page,", shown, re.M)
    assert re.search(r"^fit       \[en\] 1 page, target \d+ ", shown, re.M)


@pytest.mark.slow
def test_piped_output_holds_the_results_only(project):
    result = bulletin("build", "issues/2017-06", cwd=project.root)
    assert result.stdout.startswith("email     build/2017-06/milestones-2017-06-en.pdf  1 page,")


@pytest.mark.slow
def test_verbose_times_every_stage(project):
    result = bulletin("-v", "build", "issues/2017-06", cwd=project.root)
    lines = stage_lines(result.stdout)
    assert in_order([line.split()[0] for line in lines]) == STAGES
    assert all(re.search(r" \(\d+\.\d\d s\)$", line) for line in lines), lines


@pytest.mark.slow
def test_quiet_prints_nothing_but_errors(project):
    assert bulletin("check", "-q", "issues/2017-06", cwd=project.root).stdout == ""
    new = bulletin("new", "-q", cwd=project.root)
    assert (new.returncode, new.stdout, new.stderr) == (0, "", "")
    project.replace("number: 2", "number: two")
    broken = bulletin("-q", "check", "issues/2017-06", cwd=project.root)
    assert (broken.returncode, broken.stdout) == (1, "")
    assert broken.stderr.startswith("issues/2017-06/issue.yaml:1:9: number: expected a whole number")


def on_a_terminal(args, cwd, stream: str = "stderr", env=None) -> str:
    """What the command writes to `stream` ("stdout" or "stderr") when that is a terminal."""
    leader, follower = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: follower}
    process = subprocess.Popen([sys.executable, "-m", "bulletin", *args], cwd=cwd, **streams,
                               env={**os.environ, "TERM": "xterm", **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:          # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode()


@pytest.mark.slow
def test_colours_only_on_a_terminal(project, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    project.replace("number: 2", "number: two")
    shown = on_a_terminal(["check", "issues/2017-06"], project.root)
    assert "\x1b[1missues/2017-06/issue.yaml:1:9:\x1b[0m number: expected a whole number" in shown
    piped = bulletin("check", "issues/2017-06", cwd=project.root)
    assert "\x1b[" not in piped.stderr
    assert "\x1b[" not in on_a_terminal(["check", "issues/2017-06"], project.root,
                                        env={"NO_COLOR": "1"})


@pytest.mark.slow
def test_check_loads_neither_the_typesetter_nor_matplotlib(project):
    """`check` answers at once: what it must not import is what takes seconds to load."""
    probe = ("import sys; from bulletin.cli import main; status = main(['check', 'issues/2017-06']); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'matplotlib'}))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=project.root, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "[]", result.stderr


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="lines are set ahead on a core of their own")
def test_a_first_build_has_each_editions_lines_set_while_the_charts_are_drawn(project):
    """On a first build the workers set each edition's paragraphs into lines while the main
    process draws the charts (jobs.set_lines): its typesetting finds every one set."""
    first = bulletin("-v", "build", "issues/2017-06", "--lang", "en", cwd=project.root)
    kept = re.findall(r"lines: (\d+) of (\d+) paragraphs as kept", first.stdout + first.stderr)
    assert len(kept) == 2 and all(found == total != "0" for found, total in kept), kept
