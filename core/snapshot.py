"""One immutable picture of everything the app and the commands show, computed in one place.

The UI applies a Snapshot in one go and never recomputes metrics itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from core import clock, signals
from core.signals import SignalResult, Status
from core.watchlist import Watchlist


@dataclass(frozen=True)
class Snapshot:
    """Observations, the watchlist and what its signals say, as of `today`."""

    watchlist: Watchlist
    observations: pl.DataFrame = field(repr=False)
    results: tuple[SignalResult, ...]
    today: dt.date
    generated_at: dt.datetime

    @property
    def data_as_of(self) -> dt.date | None:
        """The latest period end of any actual figure for a watched company."""
        actual = self.observations.filter(
            (pl.col("kind") == "actual") & pl.col("company").is_in(list(self.watchlist.companies))
        )
        latest = actual.get_column("period_end").max() if not actual.is_empty() else None
        return latest if isinstance(latest, dt.date) else None

    def counts(self) -> dict[Status, int]:
        """Signals by status, muted ones left out."""
        counter = Counter(r.status for r in self.results if not r.signal.muted)
        return {status: counter.get(status, 0) for status in signals.STATUSES}

    def sorted_results(self) -> list[SignalResult]:
        """Most severe first, then closest to the threshold."""
        return sorted(self.results, key=lambda r: r.sort_key)


def build(
    watchlist: Watchlist, observations: pl.DataFrame, today: dt.date | None = None
) -> Snapshot:
    """Evaluate every signal of `watchlist` against `observations`."""
    day = today or clock.today()
    results = signals.evaluate_with_data(watchlist.signals, observations, day)
    return Snapshot(watchlist, observations, results, day, clock.now())


def known_metrics(observations: pl.DataFrame) -> set[str]:
    """Metric ids present in the data (a user's own metrics are valid in signals too)."""
    return set(observations.get_column("metric").unique().to_list())


def load_watchlist(path: Path, observations: pl.DataFrame) -> Watchlist:
    """Load `path` (writing the defaults first if it is missing), validated against the data."""
    from core import watchlist

    watchlist.ensure_exists(path)
    return watchlist.load(path, known_metrics(observations))
