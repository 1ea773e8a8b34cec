"""Runs the `bulletin` command and SIGKILLs it at a named point of a build, as a
crash or a power cut would: no `finally`, no cleanup.

    python -m tests.support.killer CHECKPOINT build issues/2017-06

The points are seams of the pipeline, wrapped here, so the production code
carries no hook for tests:

    loaded          the content read, nothing drawn
    charts          the charts drawn, nothing typeset
    typeset:<kind>  as the job of that edition is handed to the workers
    staged          every edition staged, nothing renamed
    renamed:<kind>  that edition's PDF renamed into place
    manifest        the new build.json written to its temporary file, not renamed
"""
from __future__ import annotations

import functools
import os
import signal
import sys
from pathlib import Path

from bulletin import cli
from bulletin.pipeline import stages
from bulletin.pipeline.jobs import typeset_edition
from bulletin.pipeline.outputs import MANIFEST
from bulletin.pipeline.workers import Workers


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def die_after(module, name: str) -> None:
    original = getattr(module, name)

    @functools.wraps(original)
    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        die()
        return result
    setattr(module, name, wrapped)


def die_before(module, name: str) -> None:
    def wrapped(*args, **kwargs):
        die()
    setattr(module, name, wrapped)


def die_on_submit(kind: str) -> None:
    original = Workers.submit

    def submit(self, function, *args):
        if function is typeset_edition and args[0].kind == kind:
            die()
        return original(self, function, *args)
    Workers.submit = submit


def die_around_replace(wanted, after: bool) -> None:
    """Around the os.replace whose destination `wanted` accepts (in the main process)."""
    original, main = os.replace, os.getpid()

    def replace(source, destination, *args, **kwargs):
        hit = os.getpid() == main and wanted(Path(destination))
        if hit and not after:
            die()
        original(source, destination, *args, **kwargs)
        if hit:
            die()
    os.replace = replace


def arm(checkpoint: str) -> None:
    point, _, kind = checkpoint.partition(":")
    if point == "loaded":
        die_after(stages, "load_content")
    elif point == "charts":
        die_after(stages, "draw_all_charts")
    elif point == "typeset":
        die_on_submit(kind)
    elif point == "staged":
        die_before(stages, "move_into_place")
    elif point == "renamed":
        die_around_replace(lambda path: path.suffix == ".pdf"
                           and path.stem.endswith("-print") == (kind == "print"), after=True)
    elif point == "manifest":
        die_around_replace(lambda path: path.name == MANIFEST, after=False)
    else:
        raise SystemExit(f"unknown checkpoint {checkpoint}")


if __name__ == "__main__":
    arm(sys.argv[1])
    sys.exit(cli.main(sys.argv[2:]))
