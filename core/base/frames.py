"""Small polars helpers shared by the metric engine and the signals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from capexwatch.core.base.lazy_polars import pl


def split_by(frame: pl.DataFrame, *keys: str) -> dict[tuple[Any, ...], pl.DataFrame]:
    """`frame`'s rows by the values of `keys`, in order of appearance: what
    `partition_by(..., as_dict=True)` gives, without the query per part it runs to name each
    (~0.2 ms apiece: a check splits by a few dozen metrics and series)."""
    parts = frame.partition_by(*keys, maintain_order=True)
    return {tuple(part.get_column(key)[0] for key in keys): part for part in parts}


def schema_mismatch(found: dict[str, Any], expected: dict[str, Any]) -> str | None:
    """What keeps a file's columns (`found`, as `pl.read_parquet_schema` gives them) from being
    read as `expected`: 'no unit column', 'column value is String, expected Float64', or None.

    A column with nothing in it (Null) fits every type, a number fits a Float64 and a
    categorical fits a String; anything else would be cast into garbage (a string to a
    number, an integer to a date in year 57415) or fail deep inside a query.
    """
    missing = [c for c in expected if c not in found]
    if missing:
        return f"no {', '.join(missing)} column"
    for name, want in expected.items():
        got = found[name]
        if got == want or got == pl.Null:
            continue
        if want == pl.Float64 and got.is_numeric():
            continue
        if want == pl.String and got in (pl.Categorical, pl.Enum):
            continue
        return f"column {name} is {got}, expected {want}"
    return None


def dates_outside(frame: pl.DataFrame, columns: Iterable[str], first: int, last: int) -> str | None:
    """'column C holds +12921-08-18, outside the years FIRST to LAST' for the first date
    column of `frame` with a year outside first..last, else None. Another program's date past
    9999 is no Python date (a ValueError wherever it became one); checked in memory, a few ms at
    6 million rows."""
    for column in columns:
        if column not in frame.columns:
            continue
        dates = frame.get_column(column)
        outside = ~dates.dt.year().is_between(first, last)
        if outside.any():
            shown = dates.filter(outside).cast(pl.String)[0]
            return f"column {column} holds {shown}, outside the years {first} to {last}"
    return None
