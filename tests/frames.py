"""Small observation frames for unit tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from capexwatch.core.figures.observations import COLUMNS, schema


def obs(*rows: dict[str, Any]) -> pl.DataFrame:
    """Observations from partial rows; unspecified columns get plain defaults."""
    defaults: dict[str, Any] = {
        "company": "BABA",
        "metric": "revenue",
        "period": "P",
        "freq": "Q",
        "period_start": None,
        "period_end": None,
        "value": 1.0,
        "unit": "CNY",
        "kind": "actual",
        "published": None,
        "source": "test",
        "note": None,
    }
    full = []
    for row in rows:
        merged = {**defaults, **row}
        for key in ("period_start", "period_end", "published"):
            if isinstance(merged[key], str):
                merged[key] = dt.date.fromisoformat(merged[key])
        full.append(merged)
    return pl.DataFrame(full, schema=schema()).select(COLUMNS)


def quarter(
    company: str, metric: str, start: str, end: str, value: float, **extra: Any
) -> dict[str, Any]:
    return {
        "company": company,
        "metric": metric,
        "period_start": start,
        "period_end": end,
        "value": value,
        "period": extra.pop("period", end),
        **extra,
    }
