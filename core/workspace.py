"""Everything a command or the app starts from: the paths, the data and the validated watchlist."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from core import locations, observations
from core.snapshot import load_watchlist
from core.watchlist import Watchlist


@dataclass(frozen=True)
class Workspace:
    locations: locations.Locations
    observations: pl.DataFrame = field(repr=False)
    watchlist: Watchlist


def open_workspace(config_dir: str | Path | None = None) -> Workspace:
    """Resolve paths, load bundled plus imported data, and load (or create) the watchlist.

    Raises ConfigError (located) for a broken watchlist; nothing is written over it.
    """
    where = locations.resolve(config_dir)
    data = observations.load(where.imported)
    return Workspace(where, data, load_watchlist(where.watchlist, data))
