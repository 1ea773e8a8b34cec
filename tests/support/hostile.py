"""Running `bulletin` on hostile input and checking the promises it keeps whatever the
input: no traceback nor internal error, no hang, no write outside `--out`, no read
outside the project, no font the publication did not configure, and outputs left as
they were whenever a message says they are.

The command runs in a process of its own (`tests.support.watched`), so that a hang is
stopped at its time limit and every file it opens is written down.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

from tests.support.project import ROOT

HANG_SECONDS = 20
# Outputs a previous build left, as the promise sees them: a failed build must leave
# them byte for byte. Their content does not matter to a build, which never reads them.
PREVIOUS = {"milestones-2017-06-en.pdf": b"%PDF previous email edition\n",
            "milestones-2017-06-en-print.pdf": b"%PDF previous print edition\n",
            "build.json": b'{"previous": true}\n',
            "preflight.txt": b"previous preflight\n",
            "print/milestones-2017-06-en-print.pdf": b"%PDF previous print edition\n",
            "print/job-sheet.txt": b"previous job sheet\n"}
# What the files beside the project hold: a case that reads one of them shows it.
SECRET = "SECRET-OUTSIDE-THE-PROJECT"
# Files read outside the project that every run reads: the system's list of file types.
SYSTEM_FILES = {"/etc/mime.types", "/dev/null", "/dev/urandom"}


@dataclass
class Run:
    status: int | None                  # None: stopped at the time limit
    stdout: str
    stderr: str
    opened: list[tuple[str, str]] = field(default_factory=list)   # (r|w, real path)


def bait(base: Path) -> None:
    """Files beside the project that a hostile case may point at."""
    from PIL import Image
    Image.new("RGB", (40, 30)).save(base / "outside.jpg")
    (base / "outside.yaml").write_text(f"language: ru\nperiod: {SECRET}\nstories: {{}}\n", encoding="utf-8")
    (base / "outside.icc").write_bytes(SECRET.encode() * 10)


def leave_previous_outputs(out: Path) -> None:
    for name, data in PREVIOUS.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)


def outputs(out: Path) -> dict[str, bytes]:
    """The outputs the promise covers, as they are in `out` now."""
    found = {}
    for name in [*PREVIOUS, *(p.relative_to(out).as_posix() for p in out.glob("*.pdf"))]:
        path = out / name
        if path.is_file():
            found[name] = path.read_bytes()
    return found


def snapshot(folder: Path, skip: tuple[Path, ...]) -> dict[str, tuple]:
    """Every entry under `folder` but those under `skip`: what a write would change."""
    found = {}
    for path in folder.rglob("*"):
        if any(path == s or path.is_relative_to(s) for s in skip):
            continue
        info = path.lstat()
        found[str(path.relative_to(folder))] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return found


def run_bulletin(args: list[str], cwd: Path, log: Path, env: dict[str, str],
                 prefix: tuple[str, ...] = ()) -> Run:
    """`bulletin ARGS` in `cwd`, watched, stopped (with every process of it) after
    HANG_SECONDS."""
    command = [*prefix, sys.executable, "-m", "tests.support.watched", str(log), *args]
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=HANG_SECONDS)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        status = None
    _wait_for_group(process.pid)
    return Run(status, stdout, stderr, opened(log))


def _wait_for_group(group: int, seconds: float = 5.0) -> None:
    """Until no process of the command's group is left: one that outlived it (a worker
    shutting down) may still be writing to the log, and a line read half written names
    a path cut short. Stopped when it takes longer than `seconds`."""
    deadline = time.monotonic() + seconds
    while _living(group) and time.monotonic() < deadline:
        time.sleep(0.02)
    if _living(group):
        os.killpg(group, signal.SIGKILL)


def _living(group: int) -> bool:
    """Whether a process of `group` runs (a zombie, only waiting to be reaped, does not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue                     # gone as it was read
        if fields[0] != "Z" and int(fields[2]) == group:
            return True
    return False


def opened(log: Path) -> list[tuple[str, str]]:
    if not log.exists():
        return []
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        _pid, mode, path = line.split(" ", 2)
        found.append((mode, os.path.realpath(path)))
    return found


def environment(matplotlib_cache: Path) -> dict[str, str]:
    """The command's environment: this one's, with matplotlib's cache where the test
    says and the tests importable (for the watching runner)."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "MPLCONFIGDIR": str(matplotlib_cache), "NO_COLOR": "1",
            "BULLETIN_LAYOUT_LIMIT": "60"}


def warm_matplotlib(cache: Path) -> Path:
    """matplotlib's font list made once in `cache`: made afresh, it reads every system font."""
    cache.mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], check=True,
                   env={**os.environ, "MPLCONFIGDIR": str(cache)})
    return cache


def reads_outside(run: Run, allowed: list[Path]) -> list[str]:
    """What the command read outside `allowed` (the project, --out, the Python
    environment and bulletin's own code), the system's list of file types aside."""
    roots = [Path(os.path.realpath(p)) for p in allowed]
    return sorted({path for mode, path in run.opened if mode == "r" and path not in SYSTEM_FILES
                   and not any(Path(path).is_relative_to(root) for root in roots)})


def writes_outside(run: Run, allowed: list[Path]) -> list[str]:
    roots = [Path(os.path.realpath(p)) for p in allowed]
    return sorted({path for mode, path in run.opened if mode == "w" and path != "/dev/null"
                   and not any(Path(path).is_relative_to(root) for root in roots)})


def python_roots() -> list[Path]:
    """The Python installation and environment the command runs in, and bulletin's code."""
    return [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), ROOT / "bulletin",
            ROOT / "bulletin.egg-info", ROOT / "tests" / "support"]


def font_programs(pdf: Path) -> set[str]:
    """The PostScript name every font embedded in `pdf` gives itself (read with
    fontTools, not with bulletin's preflight), or its descriptor's family."""
    names = set()
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.get("/Resources", {}).get("/Font", {}).values():
                if font.get("/Subtype") == "/Type0":
                    font = font.DescendantFonts[0]
                descriptor = font.get("/FontDescriptor")
                program = next((descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile")
                                if descriptor is not None and k in descriptor), None)
                if program is None:
                    names.add(f"not embedded: {font.get('/BaseFont')}")
                    continue
                name = TTFont(io.BytesIO(program.read_bytes()), lazy=True)["name"].getDebugName(6)
                names.add(str(name or descriptor.get("/FontFamily")))
    return names


def on_small_disk(size: str, disk: Path, keep: Path, then: str = "") -> tuple[str, ...]:
    """A command prefix that runs the command on a fresh filesystem of `size` mounted at
    `disk` (tmpfs, in a mount namespace of its own: no root needed where user namespaces
    are allowed, and nothing left mounted whatever happens), its `out` folder holding
    what `keep` holds; `then` runs before the command (fill the disk, make it
    read-only). What `out` holds afterwards is copied back into `keep`."""
    out = disk / "out"
    script = (f'mount -t tmpfs -o size={size},mode=755 tmpfs "{disk}" && mkdir "{out}" '
              f'&& cp -a "{keep}/." "{out}/" && {then or "true"} && "$@"; status=$?; '
              f'rm -rf "{keep}" && mkdir "{keep}" && cp -a "{out}/." "{keep}/"; exit $status')
    return ("unshare", "--map-root-user", "--mount", "sh", "-c", script, "sh")


def fill(disk: Path, leave: int) -> str:
    """Shell words that fill `disk` until `leave` bytes are free (for `on_small_disk`)."""
    return (f'fallocate -l $(( $(df --output=avail -B1 "{disk}" | tail -1) - {leave} )) '
            f'"{disk}/filler"')


def namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", "--map-root-user", "--mount", "true"], capture_output=True)
    return done.returncode == 0


def without_privileges() -> tuple[str, ...]:
    """A command prefix under which permissions hold even for root: a user namespace
    with no mapping gives the process no capability over the files it sees."""
    return ("unshare", "--user") if os.geteuid() == 0 else ()
