"""Small polars helpers shared by the metric engine and the signals."""

from __future__ import annotations

from typing import Any

from capexwatch.core.base.lazy_polars import pl


def split_by(frame: pl.DataFrame, *keys: str) -> dict[tuple[Any, ...], pl.DataFrame]:
    """`frame`'s rows by the values of `keys`, in order of appearance: what
    `partition_by(..., as_dict=True)` gives, without the query per part it runs to name each
    (~0.2 ms apiece: a check splits by a few dozen metrics and series)."""
    parts = frame.partition_by(*keys, maintain_order=True)
    return {tuple(part.get_column(key)[0] for key in keys): part for part in parts}
