"""The waits a user meets once the app is up (bench.waits), on the sample data.

A person's perception is the floor here, so the targets are absolute: a screen that opens
within 150 ms feels immediate; a figure recorded or a file edited shows within 300 / 500 ms.
Each run is a fresh process on the same scene: the sample data with today's view stored, the
watchlist as first written and nothing recorded yet (put back before every run).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
from pathlib import Path

from bench.measure import BenchError, json_of, python, run_once, summary
from bench.table import Row, seconds

OPEN_SECONDS = 0.150
RECORDED_SECONDS = 0.300
EDITED_SECONDS = 0.500
LABELS = {
    "record": ("first open: record form (n)", OPEN_SECONDS),
    "add": ("first open: add-signal form (a)", OPEN_SECONDS),
    "palette": ("first open: command palette (ctrl+p)", OPEN_SECONDS),
    "help": ("first open: help (?)", OPEN_SECONDS),
    "history": ("first open: review history (R)", OPEN_SECONDS),
    "recorded": ("figure recorded (ctrl+s) → its row", RECORDED_SECONDS),
    "edited": ("watchlist.toml edited on disk → its row", EDITED_SECONDS),
}


def _scene(capexwatch: list[str], env: dict[str, str]) -> list[tuple[Path, Path]]:
    """A first start writes the defaults and stores today's view; both are kept aside."""
    run_once(capexwatch, {**env, "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"})
    kept = []
    for name in ("CAPEXWATCH_CONFIG_DIR", "CAPEXWATCH_CACHE_DIR"):
        folder = Path(env[name])
        aside = folder.with_name(folder.name + ".first")
        shutil.copytree(folder, aside)  # copy2 keeps times and modes: the view stays current
        kept.append((folder, aside))
    return kept


def _restore(kept: list[tuple[Path, Path]], imported: Path) -> None:
    for folder, aside in kept:
        shutil.rmtree(folder)
        shutil.copytree(aside, folder)
    imported.unlink(missing_ok=True)


def _wait(what: str, env: dict[str, str]) -> float:
    return float(json_of(python("-m", "bench.waits", what), env)["seconds"])


def rows(capexwatch: list[str], env: dict[str, str], runs: int, warmup: int) -> list[Row]:
    """One row per wait: the median of `runs` fresh processes after `warmup`."""
    kept = _scene(capexwatch, env)
    imported = Path(env["CAPEXWATCH_DATA_DIR"]) / "observations.parquet"
    out = []
    for what, (label, limit) in LABELS.items():
        try:
            found = []
            for i in range(warmup + max(runs, 1)):
                _restore(kept, imported)
                value = _wait(what, env)
                if i >= warmup:
                    found.append(value)
        except (BenchError, subprocess.TimeoutExpired, ValueError, KeyError) as exc:
            out.append(Row(label, "error", target=summary(exc), ok=False))
            continue
        median = statistics.median(found)
        target = f"≤ {limit * 1000:.0f} ms"
        out.append(Row(label, seconds(median), target=target, ok=median <= limit))
    return out
