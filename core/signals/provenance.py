"""Where a figure comes from: the reported figures behind a derived one, the events behind an
event signal, and the publications behind a revision.

The watchlist's detail pane shows these so every number can be traced to a dated source, even
a computed one (capex intensity = capex / revenue names both figures, their sources and dates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue, metrics
from capexwatch.core.signals import kinds as signal_kinds
from capexwatch.core.watchlist.model import Signal


@dataclass(frozen=True)
class Contribution:
    """One figure that went into a derived value; `depth` 1 is a direct input."""

    metric: str
    period: str
    period_end: dt.date
    value: float | None
    unit: str
    source: str
    published: dt.date | None
    derived: bool
    depth: int


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month


class Tracer:
    """The inputs of one company's derived metric, computed once for any of its periods."""

    def __init__(self, observations: pl.DataFrame, company: str, metric_id: str) -> None:
        # The company's own rows only: a market of millions of rows is filtered once, not
        # scanned whole for its metric names (~60 ms each at 6 million rows).
        mine = observations.filter(pl.col("company") == company)
        self.extra = set(mine.get_column("metric").unique().to_list())
        self.metric = catalogue.lookup(metric_id, self.extra)
        self.values = pl.DataFrame()
        if self.metric is not None and self.metric.derived:
            inputs = catalogue.dependencies(metric_id, self.extra) - {metric_id}
            self.values = metrics.compute(mine, sorted(inputs))

    def of(self, period: str, period_end: dt.date) -> list[Contribution]:
        """The figures the value for `period` was computed from, each input's own inputs
        after it (depth 2, 3 …); [] for a reported or unknown metric."""
        if self.metric is None or self.values.is_empty():
            return []
        return _walk(self.values, self.metric, period, period_end, self.extra, 1)


def contributions(
    observations: pl.DataFrame, company: str, metric_id: str, period: str, period_end: dt.date
) -> list[Contribution]:
    """The figures `metric_id` of `company` for `period` was computed from (see Tracer.of)."""
    return Tracer(observations, company, metric_id).of(period, period_end)


def _row(
    values: pl.DataFrame, metric_id: str, period: str | None, end: int | dt.date
) -> dict[str, Any] | None:
    found = values.filter(pl.col("metric") == metric_id)
    if isinstance(end, int):  # a month index: the same period a year or a quarter earlier
        found = found.filter(
            pl.col("period_end").dt.year() * 12 + pl.col("period_end").dt.month() == end
        )
    else:
        found = found.filter(pl.col("period_end") == end)
        if period is not None and (found.get_column("period") == period).any():
            found = found.filter(pl.col("period") == period)
    return found.row(0, named=True) if not found.is_empty() else None


def _walk(
    values: pl.DataFrame,
    metric: catalogue.Metric,
    period: str,
    end: dt.date,
    extra: set[str],
    depth: int,
) -> list[Contribution]:
    if metric.formula:
        wanted: list[tuple[str, str | None, int | dt.date]] = [
            (metric.formula[0], period, end),
            (metric.formula[2], period, end),
        ]
    elif metric.change:
        stem, which = metric.change
        lag = 12 if which == "yoy" else 3
        wanted = [(stem, period, end), (stem, None, _month(end) - lag)]
    else:
        return []
    out: list[Contribution] = []
    for metric_id, label, when in wanted:
        row = _row(values, metric_id, label, when)
        if row is None:
            continue
        out.append(
            Contribution(
                metric_id,
                row["period"],
                row["period_end"],
                row["value"],
                row["unit"],
                row["source"] or "",
                row["published"],
                bool(row["derived"]),
                depth,
            )
        )
        inner = catalogue.lookup(metric_id, extra)
        if row["derived"] and inner is not None and depth < 4:
            out.extend(_walk(values, inner, row["period"], row["period_end"], extra, depth + 1))
    return out


def matching_events(
    signal: Signal, events: pl.DataFrame | None, today: dt.date
) -> list[dict[str, object]]:
    """The recorded events an event signal watches (its company and kind), latest first."""
    if signal.event is None or events is None or events.is_empty():
        return []
    found = events.filter(
        (pl.col("company") == (signal.company or ""))
        & (pl.col("kind") == signal.event)
        & (pl.col("date") <= today)
    )
    return list(found.sort("date", descending=True).iter_rows(named=True))


@dataclass(frozen=True)
class Revision:
    """A figure published again with another value: old and new, each with its date and source."""

    period: str
    unit: str
    old: float
    new: float
    old_published: dt.date
    new_published: dt.date
    old_source: str
    new_source: str


def revision_history(signal: Signal, observations: pl.DataFrame) -> list[Revision]:
    """Every revision of a revision signal's company and metric, latest publication first."""
    if not (signal.company and signal.metric):
        return []
    rows = observations.filter(
        (pl.col("company") == signal.company) & (pl.col("metric") == signal.metric)
    )
    if signal.freq:
        rows = rows.filter(pl.col("freq") == signal.freq)
    if rows.is_empty():
        return []
    return [
        Revision(
            r["period"],
            r["unit"],
            r["old"],
            r["value"],
            r["old_published"],
            r["published"],
            r["old_source"] or "",
            r["source"] or "",
        )
        for r in reversed(signal_kinds.revisions(rows))
    ]
