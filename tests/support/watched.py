"""Runs the `bulletin` command with every file it opens written down, in every process
of it (the build's workers are forked, and keep the hook):

    python -m tests.support.watched LOG build issues/2017-06 --out DIR

Each line of LOG is `<pid> <r|w> <path>`: the path as opened (relative to the
working folder, or in full), `w` when opened for writing. Python's audit hooks see
every open made through Python (the content, photos, fonts and stylesheets the build
reads, the files it writes); the C libraries' own (fontconfig's system fonts) they
do not. The hook is the test's, not the build's: production code carries none.
"""
from __future__ import annotations

import os
import sys

from bulletin import cli

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _written(mode, flags) -> bool:
    if isinstance(flags, int) and flags & _WRITING:
        return True
    return isinstance(mode, str) and any(m in mode for m in "wax+")


def watch(log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)

    def hook(event: str, args: tuple) -> None:
        if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path = os.fsdecode(args[0])
        kind = "w" if _written(args[1], args[2]) else "r"
        os.write(fd, f"{os.getpid()} {kind} {os.path.abspath(path)}\n".encode("utf-8", "backslashreplace"))
    sys.addaudithook(hook)


if __name__ == "__main__":
    watch(sys.argv[1])
    sys.exit(cli.main(sys.argv[2:]))
