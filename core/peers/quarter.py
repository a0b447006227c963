"""The figures a quarter brings for one company: every reported metric the watchlist's signals
and the peer columns read for it, with its last value as a hint (the record form's quarter
mode lists these; derived metrics are left out, their inputs are listed instead)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from capexwatch.core.base import format as fmt
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue
from capexwatch.core.peers.columns import COLUMNS
from capexwatch.core.watchlist.model import Watchlist


@dataclass(frozen=True)
class MetricHint:
    """One metric to fill: its id, its label, and its last reported value ("" if none)."""

    metric: str
    label: str
    last: str


def read_metrics(watchlist: Watchlist, company: str, extra: Iterable[str] = ()) -> list[str]:
    """Reported metric ids the company's signals and the peer columns depend on, in the order
    they are first met (signals first). `extra`: the metrics the company's data has; a derived
    metric found there (a growth rate the company reports itself) is listed too."""
    extra = set(extra)
    wanted: list[str] = []
    for signal in watchlist.signals:
        if signal.company == company:
            wanted += [m for m in (signal.metric, signal.threshold) if isinstance(m, str) and m]
    wanted += [m for column in COLUMNS for m in column.metrics]
    out: dict[str, None] = {}
    for metric_id in wanted:
        if metric_id in extra:
            out.setdefault(metric_id)
        for base in sorted(catalogue.dependencies(metric_id, extra)):
            found = catalogue.lookup(base, extra)
            if found is not None and not found.derived:
                out.setdefault(base)
    return list(out)


def hints(watchlist: Watchlist, observations: pl.DataFrame, company: str) -> list[MetricHint]:
    """`read_metrics` with the last reported value of each: '38.6B CNY (FY2027Q1)'."""
    rows = observations.filter((pl.col("company") == company) & pl.col("value").is_not_null())
    extra = set(rows.get_column("metric").unique().to_list()) if not rows.is_empty() else set()
    metrics = read_metrics(watchlist, company, extra)
    latest = (
        rows.filter(pl.col("metric").is_in(metrics) & (pl.col("kind") == "actual"))
        .sort("period_end", "published", nulls_last=False)
        .group_by("metric", maintain_order=True)
        .last()
    )
    last = {
        r["metric"]: f"{fmt.value_with_unit(r['value'], r['unit'])} ({r['period']})"
        for r in latest.iter_rows(named=True)
    }
    return [MetricHint(m, catalogue.label(m), last.get(m, "")) for m in metrics]
