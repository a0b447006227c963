"""One immutable picture of everything the app and the commands show, computed in one place.

The UI applies a Snapshot in one go and never recomputes metrics itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from capexwatch.core.base import clock
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures.filings import FiledReport
from capexwatch.core.plan import gates, tripwire
from capexwatch.core.plan.gates import GATE_STATUSES, Gate, GateStatus
from capexwatch.core.plan.model import Plan
from capexwatch.core.signals import calendar
from capexwatch.core.signals import evaluate as signals
from capexwatch.core.signals.calendar import Entry
from capexwatch.core.signals.evaluate import SignalResult, Status
from capexwatch.core.watchlist.model import Watchlist

if TYPE_CHECKING:
    from capexwatch.core.peers.table import Peers
    from capexwatch.core.review.diff import ReviewDiff
    from capexwatch.core.review.gate_history import GatePoint


@dataclass(frozen=True)
class Snapshot:
    """Observations, the watchlist and what its signals say, as of `today`."""

    watchlist: Watchlist
    observations: pl.DataFrame = field(repr=False)
    results: tuple[SignalResult, ...]
    today: dt.date
    generated_at: dt.datetime
    # The user's plan and its gates (issue 4); None/() when no plan was given to build().
    plan: Plan | None = None
    gates: tuple[Gate, ...] = ()
    # The plan's tripwire evaluated like a signal, for the watchlist to show as one more row.
    tripwire: SignalResult | None = None
    # Every peer group's table (capexwatch.core.peers.table); None only for snapshots built by hand.
    peers: Peers | None = None
    # Set when `observations` holds only the companies a command needed (check at market
    # scale, see Workspace.data_as_of); None: computed from `observations`.
    as_of: dt.date | None = None
    # What changed since the last marked review (core.snapshot.recipe sets it; None: not computed).
    review: ReviewDiff | None = None
    # Each gate's deciding input over the past reviews (core.review.gate_history; recipe sets it).
    gate_history: dict[str, tuple[GatePoint, ...]] = field(default_factory=dict, repr=False)
    # The recorded events (core.figures.events) event signals were evaluated on; None: not given.
    events: pl.DataFrame | None = field(default=None, repr=False)
    # Each watched company's next report (core.signals.calendar); () when not computed.
    calendar: tuple[Entry, ...] = ()

    @property
    def changes_since_review(self) -> tuple[object, ...] | None:
        """The changes since the last review; None before the first review or when unknown."""
        if self.review is None or self.review.since is None:
            return None
        return self.review.changes

    @property
    def data_as_of(self) -> dt.date | None:
        """The latest period end of any actual figure for a watched company."""
        if self.as_of is not None:
            return self.as_of
        actual = self.observations.filter(
            (pl.col("kind") == "actual") & pl.col("company").is_in(list(self.watchlist.companies))
        )
        latest = actual.get_column("period_end").max() if not actual.is_empty() else None
        return latest if isinstance(latest, dt.date) else None

    def counts(self) -> dict[Status, int]:
        """Signals by status, muted ones left out."""
        counter = Counter(r.status for r in self.results if not r.signal.muted)
        return {status: counter.get(status, 0) for status in signals.STATUSES}

    def gate_counts(self) -> dict[GateStatus, int]:
        """The plan's gates by status, failing first."""
        return {status: sum(g.status == status for g in self.gates) for status in GATE_STATUSES}

    def sorted_results(self) -> list[SignalResult]:
        """Most severe first, then closest to the threshold."""
        return sorted(self.results, key=lambda r: r.sort_key)


def build(
    watchlist: Watchlist,
    observations: pl.DataFrame,
    today: dt.date | None = None,
    plan: Plan | None = None,
    *,
    with_peers: bool = True,
    as_of: dt.date | None = None,
    events: pl.DataFrame | None = None,
    filings: Iterable[FiledReport] = (),
) -> Snapshot:
    """Evaluate every signal of `watchlist` (and the gates of `plan`) against `observations`.

    `with_peers=False` skips the peer tables (a command that prints only signals);
    `as_of` is the data's date when `observations` are only part of the data;
    `events` are the recorded events that event signals watch (Workspace.events);
    `filings` the filings fetch edgar recorded, read with the data by the report calendar.
    """
    day = today or clock.today()
    results = signals.evaluate_with_data(watchlist.signals, observations, day, events)
    peers = None
    if with_peers:
        from capexwatch.core.peers.table import (
            build as build_peers,  # not imported by commands without peers
        )

        peers = build_peers(watchlist, observations)
    wire = tripwire.evaluate(plan, observations, day) if plan is not None else None
    found = gates.evaluate(plan, observations, day, wire) if plan is not None else ()
    return Snapshot(
        watchlist,
        observations,
        results,
        day,
        clock.now(),
        plan,
        found,
        wire,
        peers=peers,
        as_of=as_of,
        events=events,
        calendar=calendar.build(watchlist.companies, observations, filings, day),
    )
