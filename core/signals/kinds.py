"""Event and revision signals: what was disclosed lately, and what revised an earlier figure.

- An event signal triggers while an event of its kind for its company is at most `within_days`
  old; with only older ones it is ok, with none at all it has no data.
- A revision is a value published later for the same company, metric, frequency, period and kind
  that differs from the earlier one (beyond the 0.5% duplicate tolerance). Both stay in the data;
  the signal's value is the latest revision: the relative change for amounts, the difference in
  percentage points for ratios. `op = "<"`, `threshold = 0` on `capex_plan` is a cut in capex
  guidance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures.observations import DUPLICATE_TOLERANCE, RATIO_UNITS
from capexwatch.core.signals.evaluate import (
    _COMPARE,
    _EPSILON,
    HISTORY_POINTS,
    Point,
    SignalResult,
    Status,
)
from capexwatch.core.watchlist.model import Signal


def evaluate_event(signal: Signal, events: pl.DataFrame | None, today: dt.date) -> SignalResult:
    """The status of an event signal (see module doc)."""
    assert signal.event is not None and signal.company is not None
    window = signal.within_days or 0
    found = pl.DataFrame() if events is None else events
    if not found.is_empty():
        found = found.filter(
            (pl.col("company") == signal.company)
            & (pl.col("kind") == signal.event)
            & (pl.col("date") <= today)
        ).sort("date")
    if found.is_empty():
        reason = f"no {signal.event.replace('_', ' ')} event recorded for {signal.company} yet"
        return SignalResult(signal, "no_data", False, reason)
    latest = found.row(-1, named=True)
    age = (today - latest["date"]).days
    recent = age <= window
    status: Status = "triggered" if recent else "ok"
    when = f"{signal.event.replace('_', ' ')} on {latest['date']} ({age} days ago)"
    reason = f"{when}: {latest['text']}" if recent else f"last {when}, outside {window} days"
    return SignalResult(
        signal, status, False, reason, period_end=latest["date"], source=latest["source"]
    )


def revisions(rows: pl.DataFrame) -> list[dict[str, Any]]:
    """Every revision in `rows` (one company and metric), oldest publication first."""
    found = []
    dated = rows.filter(pl.col("published").is_not_null() & pl.col("value").is_not_null())
    for _key, group in dated.group_by("freq", "period_end", "kind", maintain_order=True):
        ordered = group.sort("published").iter_rows(named=True)
        previous = next(ordered)
        for row in ordered:
            old, new = previous["value"], row["value"]
            same = abs(new - old) <= abs(old) * DUPLICATE_TOLERANCE
            if row["published"] > previous["published"] and not same and old != 0:
                ratio = row["unit"] in RATIO_UNITS
                size = new - old if ratio else (new - old) / abs(old)
                before = {"old_published": previous["published"], "old_source": previous["source"]}
                found.append({**row, "old": old, "size": size, "ratio": ratio, **before})
            if not same:
                previous = row
    return sorted(found, key=lambda r: (r["published"], r["period_end"]))


def revision_points(found: list[dict[str, Any]], unit: str) -> tuple[Point, ...]:
    """The latest revisions as a history to draw: each one's size (in `unit`, a relative change
    or percentage points) dated by its publication, so a chart never puts the revised amounts
    on the revisions' percent axis."""
    return tuple(
        Point(
            r["published"].isoformat(),
            r["published"],
            r["size"],
            unit,
            r["source"] or "",
            r["published"],
            derived=False,
            conflict=False,
        )
        for r in found[-HISTORY_POINTS:]
    )


def evaluate_revision(
    signal: Signal, observations: pl.DataFrame | None, today: dt.date
) -> SignalResult:
    """The status of a `change = "revision"` signal (see module doc)."""
    assert signal.company and signal.metric and signal.op
    rows = pl.DataFrame() if observations is None else observations
    if not rows.is_empty():
        rows = rows.filter(
            (pl.col("company") == signal.company) & (pl.col("metric") == signal.metric)
        )
        if signal.freq:
            rows = rows.filter(pl.col("freq") == signal.freq)
    if rows.is_empty():
        reason = f"no {signal.metric} figures for {signal.company} yet"
        return SignalResult(signal, "no_data", False, reason)
    found = revisions(rows)
    if not found:
        return SignalResult(signal, "ok", False, f"no revision of {signal.metric} yet")
    latest = found[-1]
    age = (today - latest["published"]).days
    unit = "pp" if latest["ratio"] else "ratio"
    history = revision_points(found, unit)
    result = SignalResult(
        signal,
        "ok",
        age > signal.stale_after_days,
        "",
        value=latest["size"],
        previous=history[-2].value if len(history) > 1 else None,
        threshold=float(signal.threshold or 0),
        unit=unit,
        period=latest["period"],
        period_end=latest["published"],
        source=latest["source"],
        history=history,
    )
    told = f"{latest['period']} revised from {latest['old']:.4g} to {latest['value']:.4g}"
    if signal.within_days is not None and age > signal.within_days:
        return replace(result, reason=f"{told} {age} days ago, outside {signal.within_days} days")
    threshold = float(signal.threshold or 0)
    if _COMPARE[signal.op](latest["size"], threshold):
        return replace(result, status="triggered", reason=f"{told} on {latest['published']}")
    if signal.near is not None and abs(latest["size"] - threshold) <= signal.near + _EPSILON:
        return replace(result, status="near", reason=f"{told}: within {signal.near:g}")
    return replace(result, reason=f"{told}: {latest['size']:.4g} is not {signal.op} {threshold:g}")
