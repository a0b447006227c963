"""Peer-table cells from metric values, as polars expressions over every company at once.

No loop runs per company: a 5,000-company table is a handful of window functions and joins.
"""

from __future__ import annotations

from collections.abc import Iterable

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import fx
from capexwatch.core.figures.fx import FxRate
from capexwatch.core.peers.columns import COLUMNS
from capexwatch.core.peers.modes import month_index
from capexwatch.core.signals.evaluate import FREQ_PREFERENCE

_SERIES = ["company", "metric"]
CELL_COLUMNS = [
    "company",
    "column",
    "metric",
    "value",
    "unit",
    "period",
    "freq",
    "period_end",
    "kind",
    "source",
    "derived",
    "conflict",
]


def freq_rank() -> pl.Expr:
    """0 for the preferred frequency (quarters), as in the watchlist's signals."""
    ranks = {f: i for i, f in enumerate(FREQ_PREFERENCE)}
    return pl.col("freq").replace_strict(ranks, default=len(ranks), return_dtype=pl.Int8)


def _pick(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Per `by` group: the preferred frequency (and kind), then the latest period end."""
    frame = frame.filter(pl.col("_rank") == pl.col("_rank").min().over(by))
    frame = frame.filter(pl.col("period_end") == pl.col("period_end").max().over(by))
    return frame.unique(by, keep="last", maintain_order=True)


def _mapping(point_in_time: bool) -> pl.DataFrame:
    rows = [
        (m, c.id, i)
        for c in COLUMNS
        if c.point_in_time == point_in_time
        for i, m in enumerate(c.metrics)
    ]
    return pl.DataFrame(rows, schema=["metric", "column", "_priority"], orient="row")


def _first_metric(frame: pl.DataFrame) -> pl.DataFrame:
    """Per company and column, the cell of the column's first metric that has one."""
    first = pl.col("_priority") == pl.col("_priority").min().over("company", "column")
    return frame.filter(first)


def _ranked(values: pl.DataFrame) -> pl.DataFrame:
    ranked = values.filter(pl.col("value").is_not_null() & pl.col("period_end").is_not_null())
    # Within the preferred frequency an actual beats a later estimate or guidance: the table
    # compares what companies reported, and shows a forecast only where nothing was reported.
    estimate = (pl.col("kind") != "actual").fill_null(True).cast(pl.Int8)
    return ranked.with_columns(_rank=freq_rank() * 2 + estimate)


def cells(
    values: pl.DataFrame,
    anchors: pl.DataFrame,
    rates: Iterable[FxRate],
    currency: str,
) -> pl.DataFrame:
    """One row per company and column with a figure: the figure of the company's anchor period
    (core.peers.modes.anchors: same frequency, same month) for period columns, the latest for
    point-in-time ones; its period and source, derived/conflict flags, amounts in `currency`."""
    companies = anchors.get_column("company").to_list()
    ranked = _ranked(values.filter(pl.col("company").is_in(companies)))
    at = ranked.join(_mapping(point_in_time=False), on="metric").with_columns(_month=month_index())
    at = at.join(anchors.select("company", "freq", "_month"), on=["company", "freq", "_month"])
    # Two figures of one period (an actual and an estimate): the better kind.
    at = at.filter(pl.col("_rank") == pl.col("_rank").min().over("company", "metric"))
    at = _first_metric(at.unique(["company", "metric"], keep="last", maintain_order=True))
    latest = _pick(ranked.join(_mapping(point_in_time=True), on="metric"), _SERIES)
    frames = [at.select(CELL_COLUMNS), _first_metric(latest).select(CELL_COLUMNS)]
    joined = pl.concat(frames, how="vertical_relaxed")
    return fx.convert_frame(joined, rates, currency)


def marks(cells: pl.DataFrame) -> pl.DataFrame:
    """`cells` with `mark`: best/worst where a column has a better direction, else
    highest/lowest. Only comparable figures count: no unconverted amounts, at least two
    different values in the column."""
    better = pl.DataFrame(
        {"column": [c.id for c in COLUMNS], "_better": [c.better for c in COLUMNS]},
        schema={"column": pl.String, "_better": pl.String},
    )
    comparable = pl.col("value").is_not_null() & ~pl.col("unconverted")
    top = pl.when(comparable).then(pl.col("value")).max().over("column")
    bottom = pl.when(comparable).then(pl.col("value")).min().over("column")
    spread = comparable & (top > bottom)
    high = spread & (pl.col("value") == top)
    low = spread & (pl.col("value") == bottom)
    better_high = pl.col("_better") == "higher"
    better_low = pl.col("_better") == "lower"
    mark = (
        pl.when(high & better_high)
        .then(pl.lit("best"))
        .when(high & better_low)
        .then(pl.lit("worst"))
        .when(high)
        .then(pl.lit("highest"))
        .when(low & better_high)
        .then(pl.lit("worst"))
        .when(low & better_low)
        .then(pl.lit("best"))
        .when(low)
        .then(pl.lit("lowest"))
    )
    return cells.join(better, on="column", how="left").with_columns(mark=mark).drop("_better")


def wide(cells: pl.DataFrame, companies: Iterable[str]) -> pl.DataFrame:
    """One row per company (in the given order), one value column per peer column."""
    base = pl.DataFrame({"company": list(companies)}, schema={"company": pl.String})
    if cells.is_empty():
        return base.with_columns(pl.lit(None, dtype=pl.Float64).alias(c.id) for c in COLUMNS)
    pivoted = cells.pivot(on="column", index="company", values="value")
    missing = [c.id for c in COLUMNS if c.id not in pivoted.columns]
    pivoted = pivoted.with_columns(pl.lit(None, dtype=pl.Float64).alias(c) for c in missing)
    return base.join(pivoted, on="company", how="left").select("company", *(c.id for c in COLUMNS))
