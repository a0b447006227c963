"""The one recipe from files to picture: workspace → signals, gates, peers → what changed since
the last review.

The app (on start and on every reload) and every headless command (check, review, export)
build their snapshot here, with options for what they need, so all of them agree on the plan,
the gates and the "changes since review" count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from capexwatch.core.figures.filings import FiledReport
from capexwatch.core.plan import tripwire
from capexwatch.core.review import diff as review_diff
from capexwatch.core.review import gate_history
from capexwatch.core.review import log as review
from capexwatch.core.review.log import Review
from capexwatch.core.signals.evaluate import signal_companies
from capexwatch.core.snapshot import picture as snap
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import Workspace


def build(
    workspace: Workspace,
    *,
    peers: bool = True,
    changes: bool = True,
    signals_only: bool = False,
) -> Snapshot:
    """The snapshot of `workspace`: every signal and the plan's gates, and
    - `peers`: every peer group's table (False for a command that prints only signals);
    - `changes`: what changed since the last review, and each gate's history;
    - `signals_only`: read only the companies the signals and the tripwire look at (at market
      scale a few thousand rows of millions), the data's date from a narrow scan.
    Raises ConfigError (located) for a broken or (on a reload) missing plan."""
    plan = workspace.plan
    if signals_only:
        wire = tripwire.signal(plan)
        needed = signal_companies([*workspace.watchlist.signals, *([wire] if wire else [])])
        data, as_of = workspace.observations_of(needed), workspace.data_as_of()
    else:
        data, as_of = workspace.observations, None
    built = snap.build(
        workspace.watchlist,
        data,
        plan=plan,
        with_peers=peers,
        as_of=as_of,
        events=workspace.events,
        filings=workspace.filings,
    )
    if not changes:
        return built
    return with_review(built, workspace.locations.review_log, workspace.filings)


def with_review(snapshot: Snapshot, log: Path, filed: Iterable[FiledReport] = ()) -> Snapshot:
    """`snapshot` carrying what changed since the last review recorded in `log` (the filings
    that arrived since, from `filed`, included), and each gate's history over the reviews (one
    read of the log for both)."""
    reviews = review.history(log)
    diff = review_diff.compare(reviews[-1] if reviews else None, review.capture(snapshot))
    diff = review_diff.with_filings(diff, filed)
    return replace(snapshot, review=diff, gate_history=gate_history.all_points(reviews))


def mark(snapshot: Snapshot, log: Path, note: str = "") -> tuple[Review, Snapshot]:
    """Record a review of `snapshot` with the user's `note` (what they concluded; may be
    empty); returns it and the snapshot with no changes left."""
    recorded, _diff = review_diff.mark(log, snapshot, note)
    return recorded, with_review(snapshot, log)


def watched_files(workspace: Workspace) -> tuple[Path, ...]:
    """The files whose changes on disk the app picks up: watchlist, plan and imported data."""
    where = workspace.locations
    return (where.watchlist, where.plan, where.imported, where.events, where.filings)
