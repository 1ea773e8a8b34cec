"""One of each file helper: an atomic write, a folder lock, a cache of made files,
the way a path (and a file's size) is shown to the user, and the clearing of what
killed builds left.

Every temporary file is named `.staging-<pid>-...` in the folder of its final
file: a build killed mid-write leaves it there, and the next build removes it
once that process is gone (`clear_abandoned`).
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger("bulletin.files")
STAGING = ".staging-"


def shown_path(path: Path | str) -> str:
    """`path` as the user would type it: relative to the working folder when inside it,
    else in full."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def shown_size(size: int) -> str:
    """A file's size as people read it: `26 KB`, `5.6 MB`."""
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} KB"


def staging_prefix(name: str = "") -> str:
    """The prefix of a temporary file or folder of this process (cleared if it dies)."""
    return f"{STAGING}{os.getpid()}-{name}"


def write_atomically(path: Path, data: str | bytes) -> Path:
    """Write `data` to `path` through a temporary file beside it: readers see the
    old file or the whole new one, never half of it. Written with the user's
    normal permissions (the umask's), not a temporary file's 0600."""
    fd, temp = tempfile.mkstemp(prefix=staging_prefix(path.name + "."), dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(temp, normal_mode())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def make_staging_folder(parent: Path, name: str = "") -> Path:
    """A temporary folder in `parent`, readable as a normal folder would be."""
    folder = Path(tempfile.mkdtemp(prefix=staging_prefix(name), dir=parent))
    folder.chmod(normal_mode(folder=True))
    return folder


def normal_mode(folder: bool = False) -> int:
    """The permissions a new file (or folder) gets under the user's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


@contextlib.contextmanager
def folder_lock(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold flock(2) on `folder` itself: no lock file is left behind, and a killed
    process releases it with its last breath. `on_wait` is called once if another
    process holds it and this one has to wait."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)                  # and with it the lock


def clear_abandoned(folder: Path) -> None:
    """Remove the temporary files and folders that dead processes left in `folder`."""
    for left in folder.glob(f"{STAGING}*-*"):
        pid = left.name[len(STAGING):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            if left.is_dir() and not left.is_symlink():
                shutil.rmtree(left, ignore_errors=True)
            else:
                left.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class FileCache:
    """Files made from inputs, kept in one folder under a key of those inputs.

    A file is named `<key>-<name>`: it is found again by its key while the
    inputs are unchanged, and written atomically, so a killed build never
    leaves half a file that a later build would take for whole."""

    def __init__(self, folder: Path):
        self.folder = folder

    def find(self, key: str) -> Path | None:
        return next(self.folder.glob(f"{key}-*"), None) if self.folder.is_dir() else None

    def path(self, key: str, name: str) -> Path:
        return self.folder / f"{key}-{name}"

    def put(self, key: str, name: str, data: str | bytes) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return write_atomically(self.path(key, name), data)

    def keep_only(self, kept: set[Path], pattern: str = "*") -> None:
        """Remove the files no longer made (charts dropped from the issue)."""
        for stale in set(self.folder.glob(pattern)) - kept:
            if not stale.name.startswith("."):
                stale.unlink(missing_ok=True)
