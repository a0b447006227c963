"""Read a file only when it is a regular file of a sane size: never a pipe, a device or a sparse
giant that would block forever or exhaust memory.

Every reader of a user's or capexwatch's own file goes through here (`read_bytes` for what is
read whole, `check` before handing a path to a library such as the Parquet reader). Refusals are
OSError subclasses with a `strerror`, so code that already reports "cannot read the file: …"
reports these too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MiB = 2**20


class NotAFile(OSError):
    """The path is a directory, a pipe, a socket or a device, not a regular file."""


class TooLarge(OSError):
    """The file is larger than this kind of file can sensibly be."""


def _refuse(path: Path, info: os.stat_result, limit: int, pipes: bool = False) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise NotAFile(errno.EISDIR, "not a regular file but a directory", str(path))
    if pipes and stat.S_ISFIFO(info.st_mode):
        return  # read to the limit: its size is unknown until then
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile(errno.EINVAL, "not a regular file (a pipe, socket or device)", str(path))
    if info.st_size > limit:
        raise TooLarge(
            errno.EFBIG,
            f"{_size(info.st_size)} is too large for this file (at most {_size(limit)})",
            str(path),
        )


def _size(n: int) -> str:
    return f"{n / MiB:,.0f} MiB" if n >= MiB else f"{n:,} bytes"


def check(path: Path, limit: int) -> os.stat_result:
    """The file's status, after making sure it is a regular file of at most `limit` bytes
    (following symlinks); FileNotFoundError when missing, NotAFile or TooLarge otherwise."""
    info = os.stat(path)
    _refuse(path, info, limit)
    return info


def read_bytes(path: Path, limit: int, *, pipes: bool = False) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes (or, with `pipes`, a pipe
    such as `/dev/stdin` or a shell's `<(…)`, read once to at most `limit` bytes).

    Opened without blocking (a FIFO swapped in after a check must not hang the reader), then
    checked on the open descriptor, then read to at most `limit` bytes: a file that grows past
    the limit while being read is refused rather than read on.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _refuse(path, os.fstat(fd), limit, pipes)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(errno.EFBIG, f"grew past {_size(limit)} while being read", str(path))
    return data
