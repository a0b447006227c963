"""Notice files changed on disk by something other than this app, and tell the App.

`FileWatcher` polls modification time and size (no threads); `FileWatch` is the invisible
widget that polls it five times a second and posts `FilesChanged`. The app's own saves are
recognised (core.base.safewrite.written_here) and never reported as changes on disk.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from textual.widget import Widget

from capexwatch.core.base import safewrite
from capexwatch.tui.messages import FilesChanged

Stamp = tuple[int, int] | None
# Five stat() calls a tick (~0.1 ms): five times a second puts an edit on screen within
# ~0.2 s plus the reload, where once a second left it up to a second behind.
POLL_SECONDS = 0.2


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
        """Files changed (created, edited, removed) since the last call by anything but this
        process's own saves, and take note of every change."""
        moved = []
        for path, before in self.stamps.items():
            now = stamp(path)
            if now != before:
                self.stamps[path] = now
                if not safewrite.written_here(path, now):
                    moved.append(path)
        return moved

    def peek(self) -> list[Path]:
        """Like `changed()`, without taking note (to look again on the next poll)."""
        return [p for p, before in self.stamps.items() if stamp(p) != before]


class FileWatch(Widget):
    """Polls `paths` while the app runs and posts `FilesChanged` for changes made outside it."""

    DEFAULT_CSS = "FileWatch { display: none; }"

    def __init__(self, paths: Iterable[Path]) -> None:
        super().__init__()
        self.watcher = FileWatcher(paths)
        self.paused = False  # True: changes wait, noticed on the first poll after resuming

    def on_mount(self) -> None:
        # Paused until the app's first frame is drawn (`start`): a tick before it (a slow
        # machine) would compete with it, and on a new day start computing today's view
        # before yesterday's is on screen.
        self._timer = self.set_interval(POLL_SECONDS, self.poll, name="file-watch", pause=True)

    def start(self) -> None:
        """Poll from now on (the app calls it once its first frame is drawn)."""
        self._timer.resume()

    def poll(self) -> None:
        """Look once; a reload in flight is left to finish (look again on the next tick)."""
        if self.paused or any(w.group == "reload" and w.is_running for w in self.app.workers):
            return
        changed = self.watcher.changed()
        if changed:
            self.post_message(FilesChanged(tuple(changed)))
