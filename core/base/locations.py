"""Where capexwatch keeps its files: one place, each directory overridable for tests and users.

Config (watchlist.toml, plan.toml) belongs to the user and is edited by hand; state (the review
log) and data (imported observations) are the app's own and never go into the config directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "capexwatch"
CONFIG_ENV = "CAPEXWATCH_CONFIG_DIR"
DATA_ENV = "CAPEXWATCH_DATA_DIR"
STATE_ENV = "CAPEXWATCH_STATE_DIR"
CACHE_ENV = "CAPEXWATCH_CACHE_DIR"


@dataclass(frozen=True)
class Locations:
    """The directories in use; created on demand by the code that writes into them."""

    config_dir: Path
    data_dir: Path
    state_dir: Path
    cache_dir: Path

    @property
    def watchlist(self) -> Path:
        return self.config_dir / "watchlist.toml"

    @property
    def plan(self) -> Path:
        return self.config_dir / "plan.toml"

    @property
    def imported(self) -> Path:
        """Observations the user imported or recorded by hand (Parquet)."""
        return self.data_dir / "observations.parquet"

    @property
    def events(self) -> Path:
        return self.data_dir / "events.parquet"

    @property
    def filings(self) -> Path:
        """Every filing `fetch edgar` has seen for a watched company (JSON)."""
        return self.data_dir / "filings.json"

    @property
    def review_log(self) -> Path:
        return self.state_dir / "reviews.jsonl"


def _pick(explicit: str | Path | None, env: str, default: str) -> Path:
    if explicit is not None:
        return Path(explicit).expanduser()
    from_env = os.environ.get(env)
    if from_env:
        return Path(from_env).expanduser()
    return Path(default)


def resolve(config_dir: str | Path | None = None) -> Locations:
    """This run's directories: `--config DIR`, then $CAPEXWATCH_CONFIG_DIR, then platformdirs."""
    return Locations(
        config_dir=_pick(config_dir, CONFIG_ENV, platformdirs.user_config_dir(APP_NAME)),
        data_dir=_pick(None, DATA_ENV, platformdirs.user_data_dir(APP_NAME)),
        state_dir=_pick(None, STATE_ENV, platformdirs.user_state_dir(APP_NAME)),
        cache_dir=_pick(None, CACHE_ENV, platformdirs.user_cache_dir(APP_NAME)),
    )
