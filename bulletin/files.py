"""One of each file helper: an atomic write, a folder lock, a cache of made files,
the way a path is shown to the user, the clearing of what killed builds left, and
the one way to read a file whose name came from content or settings (`read_capped`).

Every temporary file is named `.staging-<pid>-...` in the folder of its final
file: a build killed mid-write leaves it there, and the next build removes it
once that process is gone (`clear_abandoned`).
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

log = logging.getLogger("bulletin.files")
STAGING = ".staging-"
NAME_MAX = 255            # bytes in one file name (Linux and most filesystems)
PATH_MAX = 4096           # bytes in a whole path


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
class UnfitFile(Exception):
    """A file that will not be read as it stands. The message follows the file's
    name as the user wrote it: "'photos/x.jpg' is a named pipe (FIFO), not a file"."""


class TooLarge(UnfitFile):
    """A file over its size limit; `size` says by how much, for the caller's own advice."""

    def __init__(self, size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__(f"is {size / 1e6:.1f} MB, more than the {limit / 1e6:g} MB allowed")


def name_problem(name: str) -> str | None:
    """What makes `name` (a path as the user wrote it) unusable as a file name, if anything."""
    if "\0" in name:
        return "contains the NUL character, which no file name can hold"
    try:
        encoded = os.fsencode(name)
    except UnicodeEncodeError:
        return "holds a character no file name can (a lone surrogate)"
    longest = max((len(part) for part in encoded.split(b"/")), default=0)
    if longest > NAME_MAX:
        return f"has a name of {longest} bytes (a file name may have at most {NAME_MAX})"
    if len(encoded) > PATH_MAX:
        return f"is a path of {len(encoded)} bytes (a path may have at most {PATH_MAX})"
    return None


def read_capped(path: Path, limit: int, inside: Path) -> bytes:
    """The bytes of the plain file at `path`, for a name that came from content or
    settings: it must lead inside the folder `inside` (a link may, if it stays
    there), be a regular file (never a named pipe, device, socket or folder: they
    are refused before they are opened, so a pipe cannot hang the build nor
    /dev/zero fill its memory), and hold at most `limit` bytes, of which no more
    than that many are read even if it grows meanwhile. Raises `UnfitFile`, whose
    message says what the file is instead."""
    problem = name_problem(str(path))
    if problem:
        raise UnfitFile(problem)
    folder = inside.resolve()
    try:
        real = path.resolve()
    except RuntimeError:
        raise UnfitFile("is a symbolic link that leads back to itself") from None
    except OSError as err:
        raise UnfitFile(f"cannot be read ({err.strerror or err})") from None
    if not real.is_relative_to(folder):
        linked = os.path.lexists(path) and real != Path(os.path.normpath(path.absolute()))
        where = f"outside {shown_path(folder)}/"
        raise UnfitFile(f"is a link to {real}, {where}" if linked else f"is {where}")
    try:
        found = os.stat(real)
    except FileNotFoundError:
        raise UnfitFile("does not exist") from None
    except OSError as err:
        raise UnfitFile(f"cannot be read ({err.strerror or err})") from None
    _refuse_unless_regular(found)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NOCTTY)
    except OSError as err:
        if err.errno == errno.ELOOP:    # swapped for a link since it was looked at
            raise UnfitFile("was replaced by a link while it was read") from None
        raise UnfitFile(f"cannot be read ({err.strerror or err})") from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        _refuse_unless_regular(opened)  # and the file opened is the one looked at
        if opened.st_size > limit:
            raise TooLarge(opened.st_size, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data


def _refuse_unless_regular(found: os.stat_result) -> None:
    mode = found.st_mode
    if stat.S_ISREG(mode):
        return
    what = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    raise UnfitFile(f"is {what}, not a file" if what != "not a regular file" else f"is {what}")


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


class PartlyReplaced(Exception):
    """Replacing a folder's outputs together failed and could not be wholly undone:
    `new` are this build's, `previous` the last one's (the message says which)."""

    def __init__(self, folder: Path, new: list[str], previous: list[str], cause: BaseException):
        self.folder, self.new, self.previous = folder, new, previous
        super().__init__(f"{cause}; in {shown_path(folder)}/ now {', '.join(new)} "
                         f"{'is' if len(new) == 1 else 'are'} new and "
                         f"{', '.join(previous) or 'nothing else'} the previous build's")


# Free space a folder must have before its outputs are renamed into it: renaming needs
# no room for the files, only, at worst, a block or two for the folder's entries.
RENAME_ROOM = 64 * 1024


def replace_together(staging: Path, folder: Path, names: list[str], removed: Sequence[str] = ()) -> None:
    """Move each of `names` (files or folders) from `staging` into `folder`, replacing
    what is there, and take each of `removed` out of `folder`: all of it, or none.

    What is replaced is first hard-linked into `staging` (nothing in `folder` changes
    while that is done, so running out of room then changes nothing); then, with
    Ctrl-C held, each is renamed into place, and on a failure every rename done is
    undone from those links before the error is raised. Only if undoing fails too
    is `PartlyReplaced` raised, naming what is new and what is the previous build's.
    A file is never missing meanwhile: os.replace swaps it whole. What `staging`
    keeps of the previous outputs goes with it."""
    names = list(dict.fromkeys(names))
    kept = staging / ".previous"
    kept.mkdir()
    previous = {name for name in [*names, *removed] if os.path.lexists(folder / name)}
    for name in previous:
        if not _is_folder(folder / name):
            _keep(folder / name, kept / name)
    room = shutil.disk_usage(folder).free
    if room < RENAME_ROOM:
        raise OSError(errno.ENOSPC, f"only {room // 1024} KB free, less than the "
                                    f"{RENAME_ROOM // 1024} KB renaming the outputs into place needs",
                      str(folder))
    done: list[tuple[Path, Path]] = []      # (from, to) of every rename made, in order
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for name in names:
            if name in previous and _is_folder(folder / name) and _is_folder(staging / name):
                _move(folder / name, kept / name, done)   # a folder cannot replace a folder
            _move(staging / name, folder / name, done)
        for name in removed:
            if name in previous:
                _move(folder / name, kept / name, done)
    except BaseException as error:
        _undo(folder, kept, done, previous, error)
        raise
    finally:
        if signal.SIGINT in signal.sigpending():
            signal.sigwait({signal.SIGINT})   # too late to stop: the outputs are all in place
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _move(source: Path, target: Path, done: list[tuple[Path, Path]]) -> None:
    os.replace(source, target)
    done.append((source, target))


def _undo(folder: Path, kept: Path, done: list[tuple[Path, Path]], previous: set[str],
          error: BaseException) -> None:
    """Undo the renames `replace_together` made before `error`, last first, and put
    back each previous file it had replaced (kept as a link)."""
    failed = []
    for source, target in reversed(done):
        try:
            os.replace(target, source)
            if target.parent == folder and target.name in previous and not _is_folder(kept / target.name):
                os.replace(kept / target.name, target)
        except OSError:
            failed.append(target.name)
    if failed:
        new = [target.name for _, target in done if target.parent == folder and target.name in failed]
        raise PartlyReplaced(folder, new, sorted(previous - set(new)), error) from error


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _keep(path: Path, copy: Path) -> None:
    """`path` kept as `copy`: a hard link (no room needed), or a copy where links are not."""
    try:
        os.link(path, copy, follow_symlinks=False)
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(path, copy, follow_symlinks=False)


@contextlib.contextmanager
def temporary_files_in(folder: Path) -> Iterator[None]:
    """Libraries' temporary files (WeasyPrint's copy of every font it is given) made in
    `folder` while this runs, instead of the system's /tmp: a build's go with its
    staging folder, even from a worker stopped mid-layout, which runs no cleanup."""
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved


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


def clear_abandoned(folder: Path, recursive: bool = False) -> None:
    """Remove the temporary files and folders that dead processes left in `folder`
    (and, `recursive`, in the folders under it: the caches workers write into)."""
    for left in sorted((folder.rglob if recursive else folder.glob)(f"{STAGING}*-*")):
        pid = left.name[len(STAGING):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            if left.is_dir() and not left.is_symlink():
                shutil.rmtree(left, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):     # gone with its folder, or not ours to remove
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
