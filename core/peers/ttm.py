"""Trailing twelve months from quarters: four consecutive quarters of a flow summed.

Only amounts that accumulate over a period (revenue, operating income, capex, cash flows: the
catalogue's base metrics measured in money) are summed; a margin or a growth rate is computed
again from the sums (core.figures.metrics), never added up. Four quarters count only when they
follow each other (each ends three months after the one before, by the month it is named for)
and share one currency. A reported TTM figure stands: the sum only fills the gaps. A fiscal year
is never taken for a TTM.
"""

from __future__ import annotations

from collections.abc import Iterable

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue, metrics
from capexwatch.core.figures.observations import COLUMNS
from capexwatch.core.peers.modes import month_index

_SERIES = ["company", "metric"]
_KIND_RANK = {"actual": 0, "estimate": 1, "guidance": 2}
_KINDS = {v: k for k, v in _KIND_RANK.items()}


def flows(metric_ids: Iterable[str]) -> list[str]:
    """The base amount metrics among (the dependencies of) `metric_ids`: what can be summed."""
    needed: set[str] = set()
    for metric_id in metric_ids:
        needed |= catalogue.dependencies(metric_id)
    found = (catalogue.lookup(m) for m in sorted(needed))
    return [m.id for m in found if m is not None and not m.derived and m.unit == "amount"]


def sums(observations: pl.DataFrame, metric_ids: Iterable[str]) -> pl.DataFrame:
    """TTM observations summed from the quarters of the flows `metric_ids` depend on, where no
    TTM figure was reported for the same company, metric and period end."""
    wanted = flows(metric_ids)
    rows = observations.filter(pl.col("metric").is_in(wanted))
    quarters = metrics.current(rows.filter(pl.col("freq") == "Q"))
    quarters = quarters.filter(pl.col("value").is_not_null() & pl.col("period_end").is_not_null())
    if quarters.is_empty():
        return observations.clear().select(COLUMNS)
    kind = pl.col("kind").replace_strict(_KIND_RANK, default=2, return_dtype=pl.Int8)
    quarters = quarters.sort(*_SERIES, "period_end").with_columns(_m=month_index(), _k=kind)
    # Sorted by series: a plain shift reaches the quarters before, and comparing the series'
    # ids (rather than a window per series: thousands of small groups) keeps series apart.
    same = [
        (pl.col("company").shift(i) == pl.col("company"))
        & (pl.col("metric").shift(i) == pl.col("metric"))
        & (pl.col("unit").shift(i) == pl.col("unit"))
        & (pl.col("_m").shift(i) == pl.col("_m") - 3 * i)
        for i in (1, 2, 3)
    ]
    summed = quarters.with_columns(
        _total=pl.col("value").rolling_sum(4),
        _start=pl.col("period_start").shift(3),
        _first=pl.col("period").shift(3),
        _worst=pl.col("_k").rolling_max(4),
        _published=pl.col("published").shift(3).cast(pl.Date),
        _p1=pl.col("published").shift(1),
        _p2=pl.col("published").shift(2),
    ).filter(pl.all_horizontal(same).fill_null(False))
    # The table reads the latest TTM and the one a year before it (for YoY): only those are kept.
    last = pl.col("_m").max().over(_SERIES)
    summed = summed.filter((pl.col("_m") == last) | (pl.col("_m") == last - 12)).with_columns(
        _published=pl.max_horizontal("published", "_p1", "_p2", "_published")
    )
    out = summed.select(
        "company",
        "metric",
        pl.concat_str(pl.lit("TTM to "), pl.col("period_end").cast(pl.String)).alias("period"),
        pl.lit("TTM").alias("freq"),
        pl.col("_start").alias("period_start"),
        "period_end",
        pl.col("_total").alias("value"),
        "unit",
        pl.col("_worst").replace_strict(_KINDS, return_dtype=pl.String).alias("kind"),
        pl.col("_published").alias("published"),
        # concat_str, not pl.format: format panics on this frame in polars 2.1.
        pl.concat_str(
            pl.lit("derived: sum of the four quarters "), "_first", pl.lit(" to "), "period"
        ).alias("source"),
        pl.lit(None, dtype=pl.String).alias("note"),
    )
    reported = rows.filter(pl.col("freq") == "TTM").select(*_SERIES, "period_end").unique()
    return out.join(reported, on=[*_SERIES, "period_end"], how="anti").select(COLUMNS)
