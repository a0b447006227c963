"""The app at market scale, measured in-process by bench.probe in a fresh process per run."""

from __future__ import annotations

import statistics
import subprocess
import time
from typing import TYPE_CHECKING, Any

from bench.measure import BenchError, Figure, json_of, python, summary
from bench.table import Row, seconds

if TYPE_CHECKING:
    from bench.generate import Market
    from bench.suite import Options

KEYS = {"key_end": "End (to the last company)", "key_sort": "s (sort by a column)"}


def probe(market: Market) -> dict[str, float]:
    """One run of bench.probe: seconds from process start to the peers frame, key latencies."""
    spawned = time.time()
    found: dict[str, Any] = json_of(python("-m", "bench.probe"), market.env())
    if found["companies"] != market.companies:
        raise BenchError(f"peers table shows {found['companies']} of {market.companies}")
    return {
        "peers_frame": found["peers_frame_at"] - spawned,
        **{key: found[key] for key in KEYS},
    }


def rows(market: Market, options: Options, sample_frame: Figure | None) -> list[Row]:
    """Peers first frame (against the sample-data first frame) and key-to-frame latencies."""
    from bench import suite
    from bench.market import against_sample

    n = market.companies
    try:
        for _ in range(options.warmup):
            probe(market)
        runs = [probe(market) for _ in range(max(options.runs, 1))]
    except (BenchError, subprocess.TimeoutExpired, ValueError, KeyError) as exc:
        return [Row("  peers table", "error", target=summary(exc), ok=False)]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    limit = suite.PEERS_RATIO if n == suite.LARGE else None
    result = [
        against_sample("  peers table, first frame", median["peers_frame"], sample_frame, limit)
    ]
    for key, label in KEYS.items():
        result.append(
            Row(
                f"  key {label} → frame",
                seconds(median[key]),
                target=f"≤ {suite.KEY_SECONDS * 1000:.0f} ms",
                ok=median[key] <= suite.KEY_SECONDS,
            )
        )
    return result
