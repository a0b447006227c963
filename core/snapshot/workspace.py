"""Everything a command or the app starts from: the paths, the data and the validated watchlist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from capexwatch.core.base import locations
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import observations
from capexwatch.core.snapshot.picture import known_metrics, load_watchlist
from capexwatch.core.watchlist.model import Watchlist


@dataclass(frozen=True)
class Workspace:
    locations: locations.Locations
    # Bundled plus imported observations as a lazy query; nothing is read until asked for.
    source: pl.LazyFrame = field(repr=False)
    watchlist: Watchlist
    # The metric ids in the data, when already known (open_workspace found them to validate
    # the watchlist); see `known_metrics`.
    metrics: frozenset[str] | None = field(default=None, repr=False)

    @cached_property
    def known_metrics(self) -> frozenset[str]:
        """The metric ids in the data: the watchlist and the plan are validated against them
        (found once per workspace: a scan of one column, ~tens of ms at 6 million rows)."""
        if self.metrics is not None:
            return self.metrics
        return frozenset(known_metrics(self.source))

    @cached_property
    def events(self) -> pl.DataFrame:
        """Events recorded by hand (capexwatch.core.figures.events), read on first use."""
        from capexwatch.core.figures import events

        return events.load(self.locations.events)

    @cached_property
    def observations(self) -> pl.DataFrame:
        """Every observation, read on first use."""
        return self.source.collect()

    def observations_of(self, companies: Iterable[str]) -> pl.DataFrame:
        """Only `companies`' observations: the Parquet reader skips everything else."""
        return self.source.filter(pl.col("company").is_in(sorted(set(companies)))).collect()

    def data_as_of(self) -> dt.date | None:
        """The latest period end of any actual figure for a watched company (a narrow scan)."""
        latest = (
            self.source.filter(
                (pl.col("kind") == "actual")
                & pl.col("company").is_in(list(self.watchlist.companies))
            )
            .select(pl.col("period_end").max())
            .collect()
            .item()
        )
        return latest if isinstance(latest, dt.date) else None


def open_workspace(
    config_dir: str | Path | None = None, *, create_missing: bool = True
) -> Workspace:
    """Resolve paths, scan bundled plus imported data, and load the watchlist.

    A missing watchlist is written with the defaults when `create_missing` (start-up); a reload
    passes False, so a file deleted while the app runs is reported instead of replaced.
    Raises ConfigError (located) for a broken watchlist; nothing is written over it.
    """
    where = locations.resolve(config_dir)
    data = observations.scan(where.imported)
    known = frozenset(known_metrics(data))
    watchlist = load_watchlist(where.watchlist, known, create_missing=create_missing)
    return Workspace(where, data, watchlist, known)
