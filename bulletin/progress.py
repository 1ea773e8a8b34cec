"""Progress: each stage of a build reported by its name as it ends.

The stages (load, charts, layout, write, preflight) log one line each to the
`bulletin.progress` logger. The command line shows them on stdout when it is a
terminal, or anywhere with the time each took when asked (-v), and never when
asked for silence (-q): a script reading the output gets only the results, and
a failed build prints nothing on stdout. A library caller that configures no
logging sees nothing.

Colours are for terminals only: piped or redirected output stays plain text,
and NO_COLOR (https://no-color.org) turns them off everywhere.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass

from .files import shown_path

log = logging.getLogger("bulletin.progress")

QUIET, NORMAL, VERBOSE = 0, 1, 2
_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


@dataclass
class StageReport:
    """What a stage says when it ends; the code inside the `with` sets `result`."""
    name: str
    subject: str = ""
    result: str = ""
    seconds: float = 0.0

    def message(self) -> str:
        return ": ".join(part for part in (self.subject, self.result) if part)


def counted(count: int, noun: str) -> str:
    """"1 page", "7 pages": a count as the officer reads it (the nouns here take an s)."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


@contextmanager
def stage(name: str, subject: str = ""):
    """Time the stage `name` and report it when it ends (not when it fails:
    the error says what went wrong)."""
    report = StageReport(name, subject)
    started = time.perf_counter()
    yield report
    report.seconds = time.perf_counter() - started
    log.info("%s", report.message(), extra={"stage": name, "seconds": report.seconds})


def colours_on(stream) -> bool:
    """Whether `stream` is a terminal that should get colours."""
    return _is_terminal(stream) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _is_terminal(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()


def paint(text: str, colour: str, stream=None) -> str:
    """`text` in `colour` when `stream` (stdout by default) is a colour terminal."""
    if not text or not colours_on(stream or sys.stdout):
        return text
    return f"\033[{_CODES[colour]}m{text}\033[0m"


class _StageFormatter(logging.Formatter):
    """`name     message (1.23 s)`: the stage's name in a column, the time if asked."""

    def __init__(self, timings: bool, stream):
        super().__init__()
        self.timings, self.stream = timings, stream

    def format(self, record: logging.LogRecord) -> str:
        name = getattr(record, "stage", record.name.rsplit(".", 1)[-1])
        line = f"{paint(f'{name:<9}', 'cyan', self.stream)} {record.getMessage()}"
        if self.timings and hasattr(record, "seconds"):
            line += " " + paint(f"({record.seconds:.2f} s)", "dim", self.stream)
        return line


def configure(verbosity: int, stream=None) -> None:
    """Show the stages on `stream` (stdout): timed when VERBOSE, none when QUIET,
    and when NORMAL only if `stream` is a terminal (progress is for people)."""
    stream = stream or sys.stdout
    shown = verbosity >= VERBOSE or (verbosity == NORMAL and _is_terminal(stream))
    for handler in list(log.handlers):
        log.removeHandler(handler)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_StageFormatter(verbosity >= VERBOSE, stream))
    log.addHandler(handler)
    log.setLevel(logging.INFO if shown else logging.WARNING)
    log.propagate = False        # not again through the root logger's stderr handler


def build_summary(result, stream=None) -> str:
    """What a build wrote, one line per PDF, then each language's fit report."""
    stream = stream or sys.stdout
    lines = [f"{paint(f'{e.kind:<9}', 'cyan', stream)} {shown_path(e.path)}  {counted(e.pages, 'page')}, "
             f"{e.bytes / 1e6:.1f} MB" for e in result.editions]
    for language, fit in getattr(result, "fits", {}).items():
        table = fit.table().splitlines()
        colour = "green" if fit.pages == fit.target else "yellow"
        lines.append(f"{paint('fit'.ljust(9), 'cyan', stream)} [{language}] "
                     f"{paint(table[0], colour, stream)}")
        lines += [f"{'':9} {row}" for row in table[1:]]
        fitted = getattr(result, "fitted", {}).get(language)
        if fitted is not None:
            lines += [f"{'':9} {row}" for row in fitting_lines(fitted)]
    return "\n".join(lines)


def languages_left_note(result) -> str:
    """What a build of some of the issue's languages did to the others' outputs."""
    built = sorted({e.language for e in result.editions})
    left = ", ".join(result.languages_left)
    return (f"languages: built {', '.join(built)} alone; the {left} PDFs stay as the earlier build made "
            f"them (build.json lists them as kept); preflight.txt covers {', '.join(built)} only; print/ "
            f"is withdrawn, as the print shop gets every language from one build: build without --lang "
            f"to hand off")


def fitting_lines(fitted) -> list[str]:
    """What the fitter did for a language, in the officer's words, and what it left."""
    fill = fitted.fill
    worst = fill.worst if fill is not None else None
    head = (f"fitted in {counted(fitted.layouts, 'layout')}"
            + (f": {fill.mean_white:.0%} white on the inner pages on average, "
               f"at most {worst.white:.0%} (page {worst.number})" if worst is not None else ""))
    rows = [head]
    spacing = getattr(fitted, "spacing", None)
    if spacing is not None:
        rows.append(spacing.summary())
    rows += [f"  page {c.page}: {c.story + ': ' if c.story else ''}{c.words}" for c in fitted.choices]
    rows += [f"  left: {note}" for note in fitted.left]
    return rows


def notice_lines(notices, stream=None) -> str:
    """Content notices (content.readiness), one `FILE:LINE:COL: warning: message` a line."""
    stream = stream or sys.stderr
    return "\n".join(f"{paint(f'{n.problem.file}:{n.problem.line}:{n.problem.column}:', 'bold', stream)} "
                     f"{paint('warning:', 'yellow', stream)} {n.problem.message}" for n in notices)


def readiness_summary(notices) -> str:
    """One line on what the notices mean for the build."""
    unfinished = sum(1 for n in notices if n.unfinished)
    parts = []
    if unfinished:
        parts.append(f"{unfinished} place{'s' * (unfinished != 1)} not finished (TK, placeholders): "
                     "preflight fails on them and withholds the print shop hand-off")
    if len(notices) > unfinished:
        parts.append(f"{len(notices) - unfinished} printed as text")
    return "; ".join(parts)


def problem_lines(error, stream=None) -> str:
    """A ContentError's problems, one `FILE:LINE:COL: message` a line, the place in bold."""
    stream = stream or sys.stderr
    return "\n".join(f"{paint(p.place, 'bold', stream)} {p.message}"
                     for p in error.problems)
