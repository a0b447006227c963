"""The benchmark harness runs and prints its table (timings are never asserted in tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl

from bench import generate, imports, responses
from bench.measure import run_once
from bench.suite import capexwatch, isolated
from bench.table import HEADER
from capexwatch.core.figures import observations
from capexwatch.core.watchlist.model import load

ROOT = Path(__file__).resolve().parents[2]


def test_generated_market_is_valid_imported_data_with_a_loadable_watchlist(tmp_path: Path) -> None:
    market = generate.write(tmp_path, 3)
    frame = observations.load(tmp_path / "data" / "observations.parquet")
    imported = frame.filter(pl.col("company").str.starts_with("CO"))
    assert imported.height == market.observations == 3 * 40 * 30
    assert imported.select("metric").n_unique() == 30
    watchlist = load(tmp_path / "config" / "watchlist.toml", set(frame["metric"]))
    assert list(watchlist.companies) == ["CO0000", "CO0001", "CO0002"]
    assert watchlist.peers["all"].companies == ("CO0000", "CO0001", "CO0002")


def test_quick_bench_prints_one_table_with_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == list(HEADER)
    measures = (
        "first frame, sample data",
        "check, sample data",
        "must compute",
        "first frame, new day (yesterday's view stored)",
        "start in a terminal: rows on screen",
        "q → process exit",
    )
    for measure in measures:
        row = next((line for line in lines if measure in line), "")
        assert row and " error " not in row, (measure, done.stdout)
    assert "targets missed" in lines[-1]


def test_a_wait_in_the_app_is_measured_from_its_key_to_its_frame(tmp_path: Path) -> None:
    env = isolated(tmp_path)
    run_once(capexwatch(), {**env, "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"})
    assert 0 < responses._wait("help", env) < 60


def test_an_import_row_is_measured_against_import_polars(tmp_path: Path) -> None:
    first = imports.rows(capexwatch(), isolated(tmp_path), runs=1, warmup=0)[0]
    assert first.measure.startswith("import, Snowflake") and first.ratio is not None
