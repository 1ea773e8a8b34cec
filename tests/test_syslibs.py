"""The check `make` runs before anything else: every system package the build needs,
named at once with the one command that installs them all."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from bulletin import syslibs
from tests.support.hostile import namespaces_work
from tests.support.project import ROOT

SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin") or sys.executable


def test_this_machine_has_everything():
    done = subprocess.run([SYSTEM_PYTHON, "bulletin/syslibs.py"], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")


def test_what_is_absent_is_named_at_once_with_one_install_line():
    # Real look-ups, of things no machine has: a library, a program, two files of one package.
    absent = (syslibs.Need("library", "bulletin-no-such-lib", "libnosuch0", "one"),
              syslibs.Need("program", "bulletin-no-such-program", "nosuch-tools", "two"),
              syslibs.Need("file", "/nonexistent/bulletin/a.ti3", "nosuch-data", "three"),
              syslibs.Need("file", "/nonexistent/bulletin/b.icc", "nosuch-data", "four"),
              syslibs.Need("program", "sh", "dash", "present, so not named"))
    assert syslibs.message(syslibs.missing(absent)).splitlines() == [
        "missing library bulletin-no-such-lib (one)",
        "missing program bulletin-no-such-program (two)",
        "missing file /nonexistent/bulletin/a.ti3 (three)",
        "missing file /nonexistent/bulletin/b.icc (four)",
        "install them all with: sudo apt-get install -y libnosuch0 nosuch-tools nosuch-data",
    ]


def test_the_makefile_checks_before_it_builds_the_environment():
    recipe = (ROOT / "Makefile").read_text().split("$(READY):")[1].splitlines()
    assert recipe[1].strip() == "@$(PYTHON) bulletin/syslibs.py"


@pytest.mark.skipif(not namespaces_work(), reason="needs unshare and user namespaces")
def test_a_fresh_machine_is_told_every_package_in_one_message():
    """The machine made fresh for the check alone, in a mount namespace: the linker's
    cache emptied, the ICC data folder empty, no program on PATH."""
    script = ("mount --bind /dev/null /etc/ld.so.cache && mount -t tmpfs tmpfs /usr/share/color/icc "
              f"&& PATH=/nonexistent exec {SYSTEM_PYTHON} bulletin/syslibs.py")
    done = subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c", script], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines[:-1]] == [
        f"missing {need.kind} {need.name}" for need in syslibs.REQUIRED]
    assert lines[-1] == ("install them all with: sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 "
                         "libharfbuzz-subset0 argyll icc-profiles-free")
