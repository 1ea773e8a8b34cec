"""Watching an issue: rebuild its email edition on every save.

The issue folder (content and photos), styles/, fonts/ and the templates are
polled for changed modification times and sizes: no extra dependency, and it
works the same on every file system, network shares included. A save is
rebuilt once it has settled (editors often write a file in several steps); an
invalid intermediate save is reported like any build error and the watch goes
on waiting for the next one. Charts and converted photos whose inputs did not
change are reused from the output folder by their own stages.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..compose import TEMPLATES
from ..content import load_languages
from ..editions import EditionKind
from ..errors import BulletinError, ContentError
from ..files import shown_path as shown
from ..pipeline import build, readiness
from ..progress import build_summary, counted, notice_lines, paint, problem_lines, readiness_summary
from ..project import Project

POLL_S = 0.4              # how often the folders are looked at
SETTLE_S = 0.2            # a save counts once the files stop changing for this long
SHOWN_CHANGES = 5
# Files editors write beside the one being saved: never content.
_EDITOR_LEFTOVERS = (".swp", ".swx", ".swo", ".tmp", ".part", "~")

Snapshot = dict[Path, tuple[int, int]]


@dataclass(frozen=True)
class Changes:
    changed: tuple[Path, ...] = ()
    added: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def lines(self) -> list[str]:
        lines = []
        for word, paths in (("changed", self.changed), ("added", self.added),
                            ("removed", self.removed)):
            names = [shown(p) for p in paths[:SHOWN_CHANGES]]
            more = f" and {len(paths) - SHOWN_CHANGES} more" if len(paths) > SHOWN_CHANGES else ""
            if names:
                lines.append(f"{word} {', '.join(names)}{more}")
        return lines


def watched_folders(issue_dir: Path) -> list[Path]:
    """What the email edition is made from: the issue, the styles, the fonts, the templates."""
    project = Project.of_issue(issue_dir)
    return [issue_dir.resolve(), project.styles, project.fonts, TEMPLATES]


def snapshot(folders: list[Path]) -> Snapshot:
    """Every watched file's modification time and size."""
    found: Snapshot = {}
    for folder in folders:
        for path in _files(folder):
            try:
                stat = path.stat()
            except OSError:          # removed between listing and looking
                continue
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def changes(before: Snapshot, after: Snapshot) -> Changes:
    return Changes(
        changed=tuple(sorted(p for p in after if p in before and after[p] != before[p])),
        added=tuple(sorted(p for p in after if p not in before)),
        removed=tuple(sorted(p for p in before if p not in after)))


def _files(folder: Path):
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        for name in files:
            if not _is_leftover(name):
                yield Path(root) / name


def _is_leftover(name: str) -> bool:
    return (name.startswith((".", "#")) or name.endswith(_EDITOR_LEFTOVERS)
            or name == "4913")        # vim's test of whether it may write the folder


class Watcher:
    """Builds once, then again after every settled change, until stopped."""

    def __init__(self, issue_dir: Path, out_dir: Path | None = None,
                 languages: list[str] | None = None, *, out=None, err=None,
                 quiet: bool = False):
        self.issue_dir, self.out_dir, self.languages = issue_dir, out_dir, languages
        self.out, self.err = out or sys.stdout, err or sys.stderr
        self.quiet = quiet        # errors only
        self.folders = watched_folders(issue_dir)
        # An output folder inside a watched one must not set off its own rebuilds.
        self.ignored = out_dir.resolve() if out_dir else None

    def run(self, max_rebuilds: int | None = None, timeout: float | None = None) -> int:
        """Watch until Ctrl-C, `max_rebuilds` rebuilds (builds that succeeded after a change)
        or `timeout` seconds; return 0."""
        if not (self.issue_dir / "issue.yaml").is_file():
            raise BulletinError(f"{shown(self.issue_dir)}/issue.yaml: no such file "
                                "(watch an issue folder, e.g. issues/2017-04)")
        deadline = time.monotonic() + timeout if timeout else None
        rebuilds = 0
        try:
            seen = self._snapshot()
            self._say("watch", ", ".join(shown(f) + "/" for f in self.folders))
            self.build()
            while max_rebuilds is None or rebuilds < max_rebuilds:
                self._say("watch", "waiting for changes (Ctrl-C to stop)")
                found = self._wait_for_change(seen, deadline)
                if found is None:
                    self._say("watch", f"stopped after {timeout:g} s")
                    return 0
                now, what = found
                for line in what.lines():
                    self._say("watch", line)
                seen = now
                # A save that does not build (a file in mid-edit) is not a rebuild: the
                # officer is still waiting for one.
                rebuilds += self.build()
            self._say("watch", f"stopped after {counted(rebuilds, 'rebuild')}")
        except KeyboardInterrupt:
            self._say("watch", "stopped")
        return 0

    def build(self) -> bool:
        """One build of the email edition; an error is shown, never raised."""
        started = time.perf_counter()
        try:
            result = build(self.issue_dir, self.out_dir, self.languages, kinds=(EditionKind.EMAIL,))
        except ContentError as error:
            self._fail(problem_lines(error, self.err), f"{len(error.problems)} problem(s) found")
            return False
        except BulletinError as error:
            self._fail(f"bulletin: error: {error}", "the build failed")
            return False
        except Exception as error:  # noqa: BLE001  a bug must not end the session; say what it was
            self._fail(f"bulletin: internal error: {type(error).__name__}: {error}", "the build failed")
            return False
        seconds = time.perf_counter() - started
        if not self.quiet:
            print(build_summary(result, self.out), file=self.out, flush=True)
        self._say("watch", paint(f"built in {seconds:.1f} s", "green", self.out))
        self._warn_unfinished()
        return True

    def _warn_unfinished(self) -> None:
        """What the content has not finished, as `check` says it: the email edition is
        built all the same, but preflight would fail on it."""
        try:
            notices = readiness(load_languages(self.issue_dir, self.languages))
        except BulletinError:          # a file changed since the build read it: the next save tells
            return
        if notices and not self.quiet:
            print(notice_lines(notices, self.err), file=self.err)
            self._say("watch", paint(f"{len(notices)} warning{'s' * (len(notices) != 1)}: "
                                     f"{readiness_summary(notices)}", "yellow", self.out))

    def _wait_for_change(self, seen: Snapshot, deadline: float | None):
        """(new snapshot, changes) once the files have changed and settled; None at the deadline."""
        while deadline is None or time.monotonic() < deadline:
            time.sleep(POLL_S)
            now = self._snapshot()
            if now == seen:
                continue
            while True:                     # wait for the save to finish
                time.sleep(SETTLE_S)
                settled = self._snapshot()
                if settled == now:
                    break
                now = settled
            what = changes(seen, now)
            if what:
                return now, what
        return None

    def _snapshot(self) -> Snapshot:
        found = snapshot(self.folders)
        if self.ignored is None:
            return found
        return {p: v for p, v in found.items() if not p.is_relative_to(self.ignored)}

    def _fail(self, message: str, summary: str) -> None:
        print(message, file=self.err)
        print(paint(f"{summary}; the previous PDF is kept. Waiting for the next save.",
                    "red", self.err), file=self.err)
        self.err.flush()

    def _say(self, name: str, message: str) -> None:
        if self.quiet:
            return
        print(f"{paint(f'{name:<9}', 'cyan', self.out)} {message}", file=self.out, flush=True)
