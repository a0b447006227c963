"""Notice files changed on disk by polling their modification time and size (no threads)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Stamp = tuple[int, int] | None


def stamp(path: Path) -> Stamp:
    """(mtime in ns, size) of `path` through any symlink, or None when it is missing."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class FileWatcher:
    """Remembers each file's stamp; `changed()` names the files whose stamp moved since."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.stamps: dict[Path, Stamp] = {p: stamp(p) for p in paths}

    def changed(self) -> list[Path]:
        """Files changed (created, edited, removed) since the last call, and take note of them."""
        moved = []
        for path, before in self.stamps.items():
            now = stamp(path)
            if now != before:
                self.stamps[path] = now
                moved.append(path)
        return moved

    def acknowledge(self, paths: Iterable[Path]) -> None:
        """Take note of `paths` as they are now (the app wrote them and reloads by itself)."""
        for path in paths:
            if path in self.stamps:
                self.stamps[path] = stamp(path)

    def peek(self) -> list[Path]:
        """Like `changed()`, without taking note (to look again on the next poll)."""
        return [p for p, before in self.stamps.items() if stamp(p) != before]
