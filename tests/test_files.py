"""The file helpers every stage shares: the one read of a file named by content or
settings, the outputs replaced together or not at all, what a stopped process left."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from bulletin import files
from bulletin.files import TooLarge, UnfitFile, read_capped, replace_together
from tests.support.project import ROOT


@pytest.fixture
def folder(tmp_path) -> Path:
    inside = tmp_path / "issue"
    inside.mkdir()
    (tmp_path / "outside.yaml").write_text("secret: 1\n")
    return inside


def refusal(path: Path, inside: Path, limit: int = 1000) -> str:
    with pytest.raises(UnfitFile) as refused:
        read_capped(path, limit, inside)
    return str(refused.value)


def test_a_plain_file_inside_is_read_and_a_link_that_stays_inside_too(folder):
    (folder / "issue.yaml").write_text("number: 1\n")
    (folder / "link.yaml").symlink_to("issue.yaml")
    assert read_capped(folder / "issue.yaml", 100, folder) == b"number: 1\n"
    assert read_capped(folder / "link.yaml", 100, folder) == b"number: 1\n"


def test_what_is_not_a_plain_file_inside_is_refused_saying_what_it_is(folder):
    (folder / "album").mkdir()
    os.symlink("/dev/zero", folder / "zero.yaml")
    os.symlink(folder.parent / "outside.yaml", folder / "out.yaml")
    os.symlink("loop.yaml", folder / "loop.yaml")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(folder / "socket.yaml"))
        assert refusal(folder / "socket.yaml", folder) == "is a socket, not a file"
    assert refusal(folder / "album", folder) == "is a folder, not a file"
    assert refusal(folder / "zero.yaml", folder) == f"is a link to /dev/zero, outside {files.shown_path(folder)}/"
    assert refusal(folder / "out.yaml", folder).startswith(f"is a link to {folder.parent / 'outside.yaml'}, outside ")
    assert refusal(folder / "../outside.yaml", folder).startswith("is outside ")
    assert refusal(folder / "loop.yaml", folder) == "is a symbolic link that leads back to itself"
    assert refusal(folder / "missing.yaml", folder) == "does not exist"
    assert refusal(folder / ("x" * 256), folder) == "has a name of 256 bytes (a file name may have at most 255)"


def test_a_device_inside_the_folder_is_refused_before_it_is_opened():
    # /dev holds devices; /dev/zero read would never end.
    assert refusal(Path("/dev/zero"), Path("/dev")) == "is a device, not a file"


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(folder):
    os.mkfifo(folder / "issue.ru.yaml")
    # In a process of its own: were the pipe opened, reading it would wait for ever.
    probe = textwrap.dedent(f"""
        from pathlib import Path
        from bulletin.files import UnfitFile, read_capped
        try:
            read_capped(Path({str(folder / 'issue.ru.yaml')!r}), 1000, Path({str(folder)!r}))
        except UnfitFile as refused:
            print(refused)
    """)
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=20)
    assert done.stdout == "is a named pipe (FIFO), not a file\n"


def test_no_more_than_the_limit_is_read(folder):
    (folder / "big.yaml").write_bytes(b"x" * 1001)
    with pytest.raises(TooLarge) as refused:
        read_capped(folder / "big.yaml", 1000, folder)
    assert (refused.value.size, refused.value.limit) == (1001, 1000)


# -- replacing outputs together ---------------------------------------------------------

def outputs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(".staging-")}


@pytest.fixture
def out(tmp_path) -> Path:
    """An output folder holding a previous build's outputs."""
    out = tmp_path / "out"
    (out / "print").mkdir(parents=True)
    for name in ("a.pdf", "b.pdf", "build.json", "print/a.pdf"):
        (out / name).write_text(f"previous {name}")
    return out


def staged(out: Path, names: list[str]) -> Path:
    staging = files.make_staging_folder(out)
    for name in names:
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(f"new {name}")
    return staging


def test_every_output_is_replaced_and_what_is_withdrawn_goes(out):
    staging = staged(out, ["a.pdf", "b.pdf", "c.pdf", "build.json"])
    replace_together(staging, out, ["a.pdf", "b.pdf", "c.pdf", "build.json"], removed=["print"])
    assert {k: v for k, v in outputs(out).items()} == {
        "a.pdf": b"new a.pdf", "b.pdf": b"new b.pdf", "c.pdf": b"new c.pdf", "build.json": b"new build.json"}


def test_a_folder_is_replaced_whole(out):
    staging = staged(out, ["print/a.pdf", "print/sheet.txt", "build.json"])
    replace_together(staging, out, ["print", "build.json"])
    assert outputs(out) == {"a.pdf": b"previous a.pdf", "b.pdf": b"previous b.pdf", "build.json": b"new build.json",
                            "print/a.pdf": b"new print/a.pdf", "print/sheet.txt": b"new print/sheet.txt"}


def test_a_failure_after_some_renames_puts_every_previous_output_back(out):
    """A real failure on the last rename: a folder stands where build.json goes."""
    (out / "build.json").unlink()
    (out / "build.json").mkdir()
    (out / "build.json" / "in-the-way").write_text("x")
    before = outputs(out)
    staging = staged(out, ["a.pdf", "b.pdf", "c.pdf", "build.json"])
    with pytest.raises(IsADirectoryError):
        replace_together(staging, out, ["a.pdf", "b.pdf", "c.pdf", "build.json"], removed=["print"])
    assert outputs(out) == before
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".staging-")) == [
        "a.pdf", "b.pdf", "build.json", "print"]


# -- what stopped processes left --------------------------------------------------------------

def test_what_dead_processes_left_is_cleared_down_the_folders(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    cache = tmp_path / "photos" / "print"
    cache.mkdir(parents=True)
    (cache / f".staging-{dead}-photo.jpg.x1").write_text("half")
    (tmp_path / f".staging-{dead}-abc").mkdir()
    mine = cache / f".staging-{os.getpid()}-photo.jpg.x2"
    mine.write_text("being written")
    files.clear_abandoned(tmp_path)
    assert (cache / f".staging-{dead}-photo.jpg.x1").exists()      # not looked for below
    files.clear_abandoned(tmp_path, recursive=True)
    assert sorted(p.name for p in tmp_path.rglob(".staging-*")) == [mine.name]


def test_libraries_temporary_files_go_where_they_are_told(tmp_path):
    with files.temporary_files_in(tmp_path):
        made = Path(tempfile.mkdtemp(prefix="weasyprint-"))
    assert made.parent == tmp_path
    assert tempfile.gettempdir() != str(tmp_path)

