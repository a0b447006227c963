"""The daily review's `r`, as a plain function the App calls: it records the review of what is
on screen, with the user's note. Nothing here reaches into the App."""

from __future__ import annotations

from pathlib import Path

from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.tui.review import commands as review_commands

review_commands.register()  # before the App derives its bindings from the registry


def mark(snapshot: Snapshot, log: Path, note: str = "") -> tuple[Snapshot, str]:
    """Record the review of `snapshot` with `note`: the snapshot with no changes left, and the
    line that says so. Raises CapexwatchError when the log cannot be written."""
    recorded, marked = daily.mark(snapshot, log, note)
    acknowledged = len(recorded.changes)
    line = (
        f"Review recorded at {recorded.at:%H:%M} UTC ({acknowledged} change"
        f"{'' if acknowledged == 1 else 's'} acknowledged)"
    )
    return marked, line


def not_todays_view(snapshot: Snapshot) -> str | None:
    """Why `snapshot` cannot be marked as today's review, or None when it can. Yesterday's view
    (the day's first start draws it while today's is computed) would record yesterday's
    statuses as today's review."""
    if viewcache.current(snapshot):
        return None
    return (
        "Today's view is still being computed: mark the review once the header no longer "
        "says 'updating'"
    )
