"""Checks what the build needs from the system, before the virtualenv exists.

Standard library only: `make` runs it with the system Python. pip cannot install
these; the message names every one that is missing and the one command that adds
them all, so a fresh machine is set up in one step, not one package at a time.
"""
from __future__ import annotations

import ctypes.util
import os
import shutil
import sys
from typing import NamedTuple


class Need(NamedTuple):
    """Something the build needs from the system, and the Debian package that has it."""
    kind: str            # "library" (found by the linker), "program" (on PATH), "file"
    name: str            # libpango-1.0 -> "pango-1.0"; a program's name; a file's path
    package: str
    why: str


ICC_DIR = "/usr/share/color/icc"     # typeset.profiles reads the characterisation data here
REQUIRED = (
    Need("library", "pango-1.0", "libpango-1.0-0", "WeasyPrint lays out text with Pango"),
    Need("library", "pangoft2-1.0", "libpangoft2-1.0-0", "WeasyPrint loads fonts through PangoFT2"),
    Need("library", "harfbuzz-subset", "libharfbuzz-subset0",
         "without it WeasyPrint warns on every font it embeds"),
    Need("program", "colprof", "argyll", "ArgyllCMS' colprof builds the press profile, e.g. FOGRA39"),
    Need("file", f"{ICC_DIR}/FOGRA39L.ti3", "icc-profiles-free",
         "Fogra's characterisation data the press profile is built from"),
    Need("file", f"{ICC_DIR}/sRGB.icc", "icc-profiles-free", "the photos' colour space, for the press profile"),
)


def present(need: Need) -> bool:
    if need.kind == "library":
        return ctypes.util.find_library(need.name) is not None
    if need.kind == "program":
        return shutil.which(need.name) is not None
    return os.path.isfile(need.name)


def missing(needs: tuple[Need, ...] = REQUIRED) -> list[Need]:
    return [need for need in needs if not present(need)]


def message(absent: list[Need]) -> str:
    """One message for everything missing: each thing and why, then one command."""
    lines = [f"missing {need.kind} {need.name} ({need.why})" for need in absent]
    packages = " ".join(dict.fromkeys(need.package for need in absent))
    lines.append(f"install {'it' if len(absent) == 1 else 'them all'} with: sudo apt-get install -y {packages}")
    return "\n".join(lines)


if __name__ == "__main__":
    absent = missing()
    if absent:
        print(message(absent), file=sys.stderr)
        sys.exit(1)
