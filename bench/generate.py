"""Generate a market: N companies × 40 quarters × 30 metrics in the observation schema.

The Parquet file is what a user's import would leave in the data directory
(`observations.parquet`), written company by company as an importer produces it; the watchlist
follows every company, puts them all in one peer group and watches a few signals.

    python -m bench.generate 5000 /tmp/market   # → /tmp/market/{config,data,state,cache}
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from capexwatch.core.figures import catalogue

if TYPE_CHECKING:
    import polars as pl

# polars is imported inside the functions that build frames: the harness imports this module for
# `Market` and must stay small, because a child's peak memory can include its parent's at fork.

QUARTERS = 40
METRICS = 30
# 40 quarters ending with the September 2026 quarter, so the latest figures are current.
FIRST_QUARTER = 2016 * 4 + 3
# Beyond the catalogue's base metrics, a user's own metrics fill the 30.
_OWN_METRICS = ("headcount", "rnd_expense", "depreciation", "share_based_comp", "power_mw")
_UNIT_OF = {"amount": "USD", "ratio": "ratio", "multiple": "x", "count": "count", "pp": "pp"}


@dataclass(frozen=True)
class Market:
    """Where a generated market lives: point CAPEXWATCH_*_DIR at these."""

    root: Path
    companies: int

    @property
    def observations(self) -> int:
        return self.companies * QUARTERS * METRICS

    def env(self) -> dict[str, str]:
        """Environment variables that make capexwatch use this market."""
        return {
            f"CAPEXWATCH_{name.upper()}_DIR": str(self.root / name)
            for name in ("config", "data", "state", "cache")
        }


def company_ids(n: int) -> list[str]:
    return [f"CO{i:04d}" for i in range(n)]


def _metrics() -> pl.DataFrame:
    import polars as pl

    base = [m for m in catalogue.CATALOGUE.values() if not m.derived]
    rows = [(m.id, _UNIT_OF[m.unit]) for m in base][:METRICS]
    rows += [(name, "USD") for name in _OWN_METRICS][: METRICS - len(rows)]
    return pl.DataFrame(rows, schema=["metric", "unit"], orient="row").with_row_index("_m")


def _quarters() -> pl.DataFrame:
    import polars as pl

    rows = []
    for q in range(QUARTERS):
        year, quarter = divmod(FIRST_QUARTER + q, 4)
        quarter += 1
        end_month = quarter * 3
        start = dt.date(year, end_month - 2, 1)
        end = dt.date(year, end_month, calendar.monthrange(year, end_month)[1])
        rows.append((q, f"FY{year}Q{quarter}", start, end, end + dt.timedelta(days=35)))
    return pl.DataFrame(
        rows, schema=["_q", "period", "period_start", "period_end", "published"], orient="row"
    )


def frame(n: int) -> pl.LazyFrame:
    """The observations of `n` generated companies, deterministic, ordered company by company."""
    import polars as pl

    from capexwatch.core.figures.observations import schema

    companies = pl.DataFrame({"company": company_ids(n)}).with_row_index("_c")
    noise = (pl.struct("_c", "_q", "_m").hash(seed=6) % 10_000).cast(pl.Float64) / 10_000
    size = 1e8 * (1 + pl.col("_c") % 97) * (1 + 0.02 * pl.col("_q"))
    value = (
        pl.when(pl.col("unit") == "USD")
        .then(size * (0.05 + pl.col("_m") / METRICS) * (0.8 + 0.4 * noise))
        .when(pl.col("unit") == "x")
        .then(1 + 10 * noise)
        .when(pl.col("unit") == "count")
        .then((1000 * noise).round())
        .otherwise(0.4 * noise - 0.1)
    )
    source = pl.format(
        "SEC XBRL companyfacts accn {}-{}-{} form 10-Q filed {}",
        (1_000_000 + pl.col("_c")).cast(pl.String),
        pl.col("period").str.slice(4, 4),
        (pl.col("_q") + 100).cast(pl.String),
        pl.col("published").cast(pl.String),
    )
    return (
        companies.lazy()
        .join(_quarters().lazy(), how="cross")
        .join(_metrics().lazy(), how="cross")
        .with_columns(
            value=value,
            freq=pl.lit("Q"),
            kind=pl.lit("actual"),
            source=source,
            note=pl.lit(None, dtype=pl.String),
        )
        .select(pl.col(name).cast(dtype) for name, dtype in schema().items())
    )


def watchlist_text(n: int) -> str:
    """Every company, one peer group of all of them, and a few signals on the first three."""
    ids = company_ids(n)
    lines = []
    for i, cid in enumerate(ids):
        lines += [f"[company.{cid}]", f'name = "Generated company {i}"', 'currency = "USD"', ""]
    members = ", ".join(f'"{cid}"' for cid in ids)
    lines += ["[peers.all]", 'title = "Every company"', f"companies = [{members}]", ""]
    lines += ["[ui]", 'peer_group = "all"', ""]
    first, second, third = (ids * 3)[:3]
    signals = [
        ("capex-growth", "Capex growth above 30%", first, "capex_yoy", ">", "0.3"),
        ("fcf-negative", "Free cash flow negative", second, "free_cash_flow", "<", "0"),
        ("margin-low", "Operating margin below 10%", third, "operating_margin", "<", "0.1"),
        ("cloud-growth", "Cloud growth beyond 34%", first, "cloud_revenue_yoy", ">", "0.34"),
    ]
    for sid, title, company, metric, op, threshold in signals:
        lines += ["[[signal]]", f'id = "{sid}"', f'title = "{title}"', f'company = "{company}"']
        lines += [f'metric = "{metric}"', f'op = "{op}"', f"threshold = {threshold}", ""]
    lines += ["[[signal]]", 'id = "any-pressure"', 'title = "Any capex pressure"']
    lines += ['any = ["capex-growth", "fcf-negative"]', ""]
    return "\n".join(lines)


def write(root: Path, n: int) -> Market:
    """Write the dataset and its watchlist under `root` (config/ data/ state/ cache/)."""
    market = Market(root, n)
    for name in ("config", "data", "state", "cache"):
        (root / name).mkdir(parents=True, exist_ok=True)
    frame(n).sink_parquet(root / "data" / "observations.parquet")
    (root / "config" / "watchlist.toml").write_text(watchlist_text(n), encoding="utf-8")
    return market


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("companies", type=int)
    parser.add_argument("root", type=Path)
    args = parser.parse_args()
    market = write(args.root, args.companies)
    print(f"{market.observations:,} observations under {market.root}")


if __name__ == "__main__":
    main()
