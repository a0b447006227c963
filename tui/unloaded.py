"""Refuse a change to a file that does not load: say so and do nothing, never queue it.

While watchlist.toml (or plan.toml) is broken the app shows its last good version. A key that
would write the file then has nothing sound to start from: applied now it would overwrite the
user's fix in progress, applied later (after the fix) it would surprise them. So the action
says why it did nothing, and the user presses the key again once the banner is gone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from capexwatch.core.base.text import clean


class NotLoaded:
    """What the last reload could not load: the file (None when no file was named) and why."""

    def __init__(self, path: Path | None, why: str) -> None:
        self.path = path
        self.why = why

    def blocks(self, path: Path) -> bool:
        """Whether writing `path` must wait: it is the file that failed (or none was named)."""
        return self.path is None or self.path == path


def refused(app: App[Any], path: Path, what: str) -> bool:
    """True (and a notification saying so) when `path` may not be written now (module doc)."""
    failed: NotLoaded | None = getattr(app, "not_loaded", None)
    if failed is None or not failed.blocks(path):
        return False
    first = failed.why.strip().splitlines()[0] if failed.why.strip() else ""
    app.notify(
        clean(
            f"{path.name} does not load, so {what} was not done (nothing was changed): {first}. "
            f"Fix the file and save it; once the banner is gone, try again."
        ),
        title=f"{path.name} does not load",
        severity="warning",
        markup=False,
    )
    return True
