"""The daily review's full picture: signals, the plan's gates and what changed since the review.

The app (on start and on every reload) and the headless commands build their snapshot here,
so all of them agree on the plan, the gates and the "changes since review" count.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from capexwatch.core.review import diff as review_diff
from capexwatch.core.review import gate_history
from capexwatch.core.review import log as review
from capexwatch.core.review.log import Review
from capexwatch.core.snapshot import picture as snap
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import Workspace


def build(workspace: Workspace, *, create_missing: bool = True) -> Snapshot:
    """Load plan.toml (created with commented defaults when missing and `create_missing`) and
    build the snapshot, with the changes since the last review. Raises ConfigError (located)
    for a broken or (on a reload) missing plan."""
    where = workspace.locations
    plan = snap.load_plan(
        where.plan, workspace.watchlist, workspace.known_metrics, create_missing=create_missing
    )
    built = snap.build(
        workspace.watchlist, workspace.observations, plan=plan, events=workspace.events
    )
    return with_review(built, where.review_log)


def with_review(snapshot: Snapshot, log: Path) -> Snapshot:
    """`snapshot` carrying what changed since the last review recorded in `log`, and each
    gate's history over the reviews (one read of the log for both)."""
    reviews = review.history(log)
    diff = review_diff.compare(reviews[-1] if reviews else None, review.capture(snapshot))
    return replace(snapshot, review=diff, gate_history=gate_history.all_points(reviews))


def mark(snapshot: Snapshot, log: Path, note: str = "") -> tuple[Review, Snapshot]:
    """Record a review of `snapshot` with the user's `note` (what they concluded; may be
    empty); returns it and the snapshot with no changes left."""
    recorded, _diff = review_diff.mark(log, snapshot, note)
    return recorded, with_review(snapshot, log)


def watched_files(workspace: Workspace) -> tuple[Path, ...]:
    """The files whose changes on disk the app picks up: watchlist, plan and imported data."""
    where = workspace.locations
    return (where.watchlist, where.plan, where.imported, where.events)
