"""Write a user's file so that nothing is ever lost.

Atomically (a temp file in the same directory, fsync, `os.replace`), keeping the file's
permissions, writing through a symlink to its target, and only if the file on disk is still
exactly what was read: a change made outside the app meanwhile is never clobbered.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
from pathlib import Path

from capexwatch.core.base import readfile
from capexwatch.core.base.errors import CapexwatchError, ConfigError

# What this process last wrote to each file, as (mtime in ns, size) just after the rename: the
# app's file watch tells its own saves from changes made outside it (see `written_here`).
_WRITTEN: dict[str, tuple[int, int]] = {}


def written_here(path: Path, stamp: tuple[int, int] | None) -> bool:
    """True when `stamp` ((mtime ns, size) of `path` now) is what this process wrote last."""
    return stamp is not None and _WRITTEN.get(str(_target(path))) == stamp


def _note_written(target: Path) -> None:
    with contextlib.suppress(OSError):
        info = os.stat(target)
        _WRITTEN[str(target)] = (info.st_mtime_ns, info.st_size)


class WriteConflict(CapexwatchError):
    """The file changed on disk since it was read; the edit was not written."""


class WriteFailed(CapexwatchError):
    """The operating system refused the write (disk full, permission denied); file unchanged."""


def _target(path: Path) -> Path:
    # Write through a symlink to its target, so the link stays a link (dotfile managers use them).
    return Path(os.path.realpath(path)) if path.is_symlink() else path


# The largest file a save compares against (a memo, a watchlist, the imported figures).
MAX_BYTES = 2**31


def current_bytes(path: Path) -> bytes | None:
    """The file's bytes now, or None when it does not exist.

    Only a regular file is read: a directory, pipe or device raises readfile.NotAFile (an
    OSError) instead of blocking or filling memory.
    """
    try:
        return readfile.read_bytes(_target(path), MAX_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteFailed(f"{path}: cannot save there ({exc.strerror or exc})") from None


def write_stream(path: Path, data: bytes) -> None:
    """Write `data` into an existing pipe or device (`-o /dev/stdout`, a FIFO a program reads),
    as a shell redirection would; never blocks on a pipe nobody reads (WriteFailed instead)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        reason = "no program is reading the pipe" if exc.errno == errno.ENXIO else exc.strerror
        raise WriteFailed(f"{path}: could not write ({reason or exc})") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise WriteFailed(f"{path}: could not write ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def is_stream(path: Path) -> bool:
    """True when `path` is an existing pipe, socket or device (written into, never replaced)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_atomic(path: Path, data: bytes, *, expected: bytes | None) -> None:
    """Replace `path` with `data`, if its content is still `expected` (None: must not exist).

    Raises WriteConflict when the file changed on disk, WriteFailed when the system refuses;
    in both cases the file on disk is untouched.
    """
    target = _target(path)
    _check_unchanged(path, expected)
    remove_orphans(target)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    tmp_name = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        # Again right before the rename: an editor that saved during the temp write and fsync
        # (milliseconds) is not overwritten. What remains is the instant between this compare
        # and the rename (see README, "A failed save loses nothing").
        _check_unchanged(path, expected)
        os.replace(tmp_name, target)
        tmp_name = None
        _note_written(target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise WriteFailed(
            f"{path}: could not save ({exc.strerror or exc}); the file is unchanged"
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _check_unchanged(path: Path, expected: bytes | None) -> None:
    if current_bytes(path) != expected:
        raise WriteConflict(
            f"{path}: changed on disk since it was read; not saved (reload to see the other change)"
        )


ORPHAN_AGE = 60.0  # seconds: a save takes milliseconds, so an older temp file's writer is gone


def remove_orphans(target: Path) -> None:
    """Remove the temp files (`.NAME.*.tmp`) a save of `target` left behind when it was killed
    (SIGKILL, a power cut) before its rename; a younger one may be another save in progress."""
    import time

    now = time.time()
    with contextlib.suppress(OSError):
        for orphan in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if now - orphan.lstat().st_mtime > ORPHAN_AGE and orphan.is_file():
                    orphan.unlink()


def create_new(path: Path, text: str) -> bool:
    """Write `text` to `path` only if no file is there; True when it wrote one.

    A refusal (read-only directory, disk full) raises a ConfigError located at the file, and
    leaves no half-written file behind.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: never overwrite a file another process created a moment ago.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise ConfigError.at(path, 1, 1, f"cannot create the file: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise ConfigError.at(path, 1, 1, f"cannot write the file: {exc.strerror or exc}") from None
    return True


def _fsync_dir(directory: Path) -> None:
    # The rename itself must reach the disk, or a crash can bring back the old file.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
