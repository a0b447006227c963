"""The user's own observations (Parquet in the data directory): add, list and remove by source.

Writes are atomic and conflict-checked (`base.safewrite`): a crash never leaves half a file, and
a change made by another capexwatch meanwhile is never overwritten. Adding the same rows twice
changes nothing: rows are deduplicated on every schema column.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.base.safewrite import current_bytes, write_atomic
from capexwatch.core.figures import observations
from capexwatch.core.figures.observations import COLUMNS, schema


def read(path: Path) -> pl.DataFrame:
    """The stored observations (none if there is no file yet)."""
    try:
        return observations.read_imported(path)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise DataError(f"{path}: cannot read the imported data ({exc})") from None


def metric_ids(path: Path) -> frozenset[str]:
    """The metric ids the user imported or recorded: known to the entry checks like the
    catalogue's."""
    found = read(path).get_column("metric").unique().to_list()
    return frozenset(m for m in found if m)


def to_frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """Typed rows (from `capexwatch.core.ingest.rows.check_row`) as an observation table."""
    return pl.DataFrame([{c: r.get(c) for c in COLUMNS} for r in rows], schema=schema())


def _write(path: Path, frame: pl.DataFrame, expected: bytes | None) -> None:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    write_atomic(path, buffer.getvalue(), expected=expected)


def add(path: Path, new: pl.DataFrame) -> int:
    """Store `new` beside what is there; returns how many rows were not already stored."""
    before = current_bytes(path)
    existing = read(path)
    incoming = new.select(COLUMNS).cast(schema()).unique(maintain_order=True)  # type: ignore[arg-type]
    fresh = incoming.join(existing, on=COLUMNS, how="anti", nulls_equal=True)
    if fresh.is_empty():
        return 0
    _write(path, pl.concat([existing, fresh], how="vertical"), before)
    return fresh.height


def _matching(source: str | None, prefix: bool, company: str | None) -> pl.Expr:
    match = pl.lit(True)
    if source is not None:
        by_source = (
            pl.col("source").str.starts_with(source) if prefix else pl.col("source") == source
        )
        match = match & by_source
    if company is not None:
        match = match & (pl.col("company") == company)
    return match.fill_null(False)


def companies_matching(path: Path, source: str, *, prefix: bool = False) -> list[str]:
    """The companies whose rows a `remove` of `source` would touch, sorted."""
    hits = read(path).filter(_matching(source, prefix, None))
    return sorted(c for c in hits.get_column("company").unique().to_list() if c)


def rows_by_source(
    path: Path, source: str | None, *, prefix: bool = False, company: str | None = None
) -> dict[str, int]:
    """How many rows of each source a `remove` with the same arguments would delete."""
    hits = read(path).filter(_matching(source, prefix, company))
    if hits.is_empty():
        return {}
    counted = hits.group_by("source", maintain_order=True).len()
    return dict(zip(counted.get_column("source"), counted.get_column("len"), strict=True))


def remove(
    path: Path, source: str | None, *, prefix: bool = False, company: str | None = None
) -> int:
    """Delete the rows whose source is `source` (or starts with it), of `company` only when
    given (all its rows when `source` is None); returns how many."""
    before = current_bytes(path)
    existing = read(path)
    keep = existing.filter(~_matching(source, prefix, company))
    removed = existing.height - keep.height
    if removed:
        _write(path, keep, before)
    return removed


@dataclass(frozen=True)
class SourceSummary:
    """One source of stored rows: how many, for which companies and periods."""

    source: str
    rows: int
    companies: tuple[str, ...]
    first: dt.date | None
    last: dt.date | None


def sources(path: Path) -> list[SourceSummary]:
    """Every source in the store, in the order first stored."""
    frame = read(path)
    if frame.is_empty():
        return []
    grouped = frame.group_by("source", maintain_order=True).agg(
        pl.len().alias("rows"),
        pl.col("company").drop_nulls().unique().sort().alias("companies"),
        pl.col("period_end").min().alias("first"),
        pl.col("period_end").max().alias("last"),
    )
    return [
        SourceSummary(r["source"] or "", r["rows"], tuple(r["companies"]), r["first"], r["last"])
        for r in grouped.iter_rows(named=True)
    ]
