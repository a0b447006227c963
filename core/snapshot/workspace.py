"""Everything a command or the app starts from: the paths, the data, and the user's two files
(watchlist.toml and plan.toml) loaded and validated against the metric ids in the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from capexwatch.core.base import locations
from capexwatch.core.base.errors import ConfigError
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import observations
from capexwatch.core.figures.filings import FiledReport
from capexwatch.core.plan.model import Plan
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
    # Write the commented defaults for a missing plan.toml (a first run); False on a reload,
    # where a file gone is an error to show (see open_workspace).
    create_missing: bool = field(default=True, repr=False)

    @cached_property
    def plan(self) -> Plan:
        """plan.toml, loaded on first use and validated against the watchlist and the data.
        Raises ConfigError (located) for a broken or (on a reload) missing plan."""
        return load_plan(
            self.locations.plan,
            self.watchlist,
            self.known_metrics,
            create_missing=self.create_missing,
        )

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
    def filings(self) -> tuple[FiledReport, ...]:
        """The filings fetch edgar recorded (capexwatch.core.figures.filings), read on first use."""
        from capexwatch.core.figures import filings

        return tuple(filings.load(self.locations.filings))

    @cached_property
    def observations(self) -> pl.DataFrame:
        """Every observation, read on first use."""
        return observations.checked(self.source.collect(), self.locations.imported)

    def observations_of(self, companies: Iterable[str]) -> pl.DataFrame:
        """Only `companies`' observations: the Parquet reader skips everything else."""
        chosen = self.source.filter(pl.col("company").is_in(sorted(set(companies))))
        return observations.checked(chosen.collect(), self.locations.imported)

    def data_as_of(self) -> dt.date | None:
        """The latest period end of any actual figure for a watched company (a narrow scan)."""
        found = (
            self.source.filter(
                (pl.col("kind") == "actual")
                & pl.col("company").is_in(list(self.watchlist.companies))
            )
            .select(pl.col("period_end").max())
            .collect()
        )
        latest = observations.checked(found, self.locations.imported).item()
        return latest if isinstance(latest, dt.date) else None


def open_workspace(
    config_dir: str | Path | None = None, *, create_missing: bool = True
) -> Workspace:
    """Resolve paths, scan bundled plus imported data, and load the watchlist (the plan is
    loaded when first asked for: `Workspace.plan`).

    A missing file is written with the defaults when `create_missing` (start-up); a reload
    passes False, so a file deleted while the app runs is reported instead of replaced.
    Raises ConfigError (located) for a broken watchlist; nothing is written over it.
    """
    where = locations.resolve(config_dir)
    data = observations.scan(where.imported)
    known = frozenset(known_metrics(data))
    watchlist = load_watchlist(where.watchlist, known, create_missing=create_missing)
    return Workspace(where, data, watchlist, known, create_missing)


def known_metrics(observations: pl.DataFrame | pl.LazyFrame) -> set[str]:
    """Metric ids present in the data (a user's own metrics are valid in signals too)."""
    # On a lazy scan only the metric column is read.
    found = observations.lazy().select(pl.col("metric").unique()).collect()
    return set(found.get_column("metric").to_list())


def _present(path: Path, create: Callable[[Path], bool], create_missing: bool) -> None:
    if create_missing:
        create(path)
    elif not path.exists():
        # While the app runs, a missing file is a mistake to report, not a first run: writing
        # the defaults would quietly replace the user's signals with ours.
        raise ConfigError.at(
            path,
            1,
            1,
            "the file is gone (deleted or renamed while capexwatch was running); the last good "
            "state stays on screen: put the file back, or restart capexwatch to write the defaults",
        )


def load_watchlist(path: Path, known: frozenset[str], *, create_missing: bool = True) -> Watchlist:
    """Load `path` validated against the metric ids in the data (`known`); a missing file gets
    the defaults when `create_missing` (a first run), else raises ConfigError."""
    from capexwatch.core.watchlist import model as watchlist

    _present(path, watchlist.ensure_exists, create_missing)
    return watchlist.load(path, known)


def load_plan(
    path: Path,
    watchlist: Watchlist,
    known: frozenset[str],
    *,
    create_missing: bool = True,
) -> Plan:
    """Load plan.toml (validated against the metric ids in the data, `known`); a missing file
    gets the commented defaults when `create_missing`."""
    from capexwatch.core.plan import model as plan

    _present(path, plan.ensure_exists, create_missing)
    return plan.load(path, watchlist.companies, known)
