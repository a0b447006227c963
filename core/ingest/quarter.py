"""A quarter in one go: several figures of one company and period, one source, one write.

Each figure is checked by `ingest.record.figure`, exactly as `data add` checks one; nothing is
written unless every figure passes, and then all of them are stored in one atomic write
(`figures.store.add`), so a quarter is never half recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from capexwatch.core.base.errors import DataError
from capexwatch.core.figures import store
from capexwatch.core.ingest import record
from capexwatch.core.ingest.checks import Known
from capexwatch.core.watchlist.model import Company

# The columns every figure of the quarter shares: a problem there is said once, not per metric.
SHARED = ("company", "period", "source", "published", "kind", "freq", "period_start", "period_end")


class QuarterError(DataError):
    """Problems of a quarter: `shared` ones (company, period, source …) and `by_metric`."""

    def __init__(self, shared: list[str], by_metric: dict[str, list[str]]) -> None:
        self.shared = shared
        self.by_metric = by_metric
        lines = shared + [f"{m}: {p}" for m, problems in by_metric.items() for p in problems]
        super().__init__("\n".join(lines))


def parse_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """`METRIC=VALUE` words as {metric: value}, in order. Raises DataError naming each word
    that is not one, or a metric given twice (`free_cash_flow=-21.8B` is a pair)."""
    values: dict[str, str] = {}
    problems = []
    for pair in pairs:
        metric, sep, value = pair.partition("=")
        metric, value = metric.strip(), value.strip()
        if not sep or not metric or not value:
            problems.append(f"{pair!r}: expected METRIC=VALUE, such as revenue=250.1B")
        elif metric in values:
            problems.append(f"{metric}: given twice ({values[metric]} and {value})")
        else:
            values[metric] = value
    if problems:
        raise DataError("\n".join(problems))
    if not values:
        raise DataError("no METRIC=VALUE given: name at least one figure, such as capex=38.6B")
    return values


def figures(
    known: Known | Mapping[str, Company],
    values: Mapping[str, str],
    fields: Mapping[str, str | None],
) -> list[dict[str, Any]]:
    """The checked figures for `values` ({metric: typed value}), each with the shared `fields`
    (company, period, source, published, kind, …). Raises QuarterError with every problem."""
    rows: list[dict[str, Any]] = []
    shared: list[str] = []
    by_metric: dict[str, list[str]] = {}
    for metric, value in values.items():
        try:
            rows.append(record.figure(known, {**fields, "metric": metric, "value": value}))
        except DataError as error:
            for line in str(error).splitlines():
                column = line.removeprefix("column ").partition(":")[0]
                if column in SHARED:
                    if line not in shared:
                        shared.append(line)
                else:
                    by_metric.setdefault(metric, []).append(line)
    if shared or by_metric:
        raise QuarterError(shared, by_metric)
    return rows


def add_figures(path: Path, rows: list[dict[str, Any]]) -> int:
    """Store the checked figures in one atomic write; returns how many were not stored yet."""
    return store.add(path, store.to_frame(rows))
