"""`check` on a market-sized import reads only the companies its signals watch, same answers."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from bench import generate
from capexwatch.core.figures import observations
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.cli import main


def _market(root: Path, n: int) -> None:
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    generate.frame(n).collect().write_parquet(data / "observations.parquet")
    (root / "config").mkdir(parents=True, exist_ok=True)
    (root / "config" / "watchlist.toml").write_text(generate.watchlist_text(n), encoding="utf-8")


def test_check_answers_from_the_watched_companies_and_dates_the_whole_import(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    _market(isolated_dirs, 12)
    path = isolated_dirs / "data" / "observations.parquet"
    # A later quarter for a company no signal reads still moves "data to".
    late = pl.read_parquet(path).filter(pl.col("company") == "CO0011").tail(1)
    late = late.with_columns(period_end=pl.date(2026, 12, 31), period=pl.lit("FY2026Q4"))
    pl.concat([pl.read_parquet(path), late]).write_parquet(path)

    assert main(["check"]) in (0, 1)
    out = capsys.readouterr().out
    assert "data to 2026-12-31" in out

    main(["check", "--json"])
    by_id = {s["id"]: s for s in json.loads(capsys.readouterr().out)["signals"]}
    # Free cash flow of CO0001's latest quarter, computed from every row of the import.
    values = observations.load(path).filter(
        (pl.col("company") == "CO0001") & (pl.col("period") == "FY2026Q3")
    )
    by_metric = dict(zip(values["metric"], values["value"], strict=True))
    expected = by_metric["operating_cash_flow"] - by_metric["capex"]
    assert by_id["fcf-negative"]["value"] == pytest.approx(expected)


def test_a_workspace_reads_nothing_until_asked(isolated_dirs: Path) -> None:
    _market(isolated_dirs, 3)
    workspace = open_workspace()
    assert isinstance(workspace.source, pl.LazyFrame)
    few = workspace.observations_of(["CO0002"])
    assert set(few["company"]) == {"CO0002"}
    assert workspace.observations.height == 3 * 40 * 30 + observations.load(None).height
