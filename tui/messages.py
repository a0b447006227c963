"""The messages children send up to the App; the App declares one handler for each.

Every save the app makes (a signal edit, a theme, a plan card, a recorded figure, an import)
ends in one `Saved`: the App then notes what was written and reloads, the same way for all.
A change made outside the app reaches it from the file watch instead (`FilesChanged`).
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from capexwatch.core.watchlist.model import Watchlist


class Saved(Message):
    """A user file was written by the app; the App reloads (and says `note`, when given)."""

    def __init__(
        self,
        note: str | None = None,
        *,
        title: str = "Saved",
        watchlist: Watchlist | None = None,
        select: str | None = None,
    ) -> None:
        super().__init__()
        self.note = note  # one line for a notification, or None to reload quietly
        self.title = title
        # The watchlist as saved: the next edit starts from it even before the reload ends.
        self.watchlist = watchlist
        self.select = select  # the signal id to keep selected after the reload


class FilesChanged(Message):
    """Watched files changed on disk, by something other than this app."""

    def __init__(self, paths: tuple[Path, ...]) -> None:
        super().__init__()
        self.paths = paths
