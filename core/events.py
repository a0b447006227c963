"""Events: dated, sourced qualitative facts (a GPU-utilization disclosure, capacity commentary).

Kept in the user data directory as Parquet (`Locations.events`), written atomically; recording
the same event twice changes nothing. A signal of kind event triggers while a matching one is
recent (`core.signals`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from core.errors import DataError
from core.safewrite import current_bytes, write_atomic

SCHEMA: dict[str, pl.DataType] = {
    "company": pl.String(),
    "kind": pl.String(),
    "date": pl.Date(),
    "text": pl.String(),
    "source": pl.String(),
}
COLUMNS = list(SCHEMA)
KIND = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def empty() -> pl.DataFrame:
    """An event table with no rows."""
    return pl.DataFrame(schema=SCHEMA)


def load(path: Path | None) -> pl.DataFrame:
    """The recorded events, or none."""
    if path is None or not path.exists():
        return empty()
    try:
        return pl.read_parquet(path).select(COLUMNS).cast(SCHEMA)  # type: ignore[arg-type]
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise DataError(f"{path}: cannot read the recorded events ({exc})") from None


def add(path: Path, event: Mapping[str, Any]) -> bool:
    """Store one checked event (from `core.record.event`); False when it was already there."""
    before = current_bytes(path)
    existing = load(path)
    new = pl.DataFrame([{c: event.get(c) for c in COLUMNS}], schema=SCHEMA)
    if not new.join(existing, on=COLUMNS, how="semi", nulls_equal=True).is_empty():
        return False
    buffer = io.BytesIO()
    pl.concat([existing, new], how="vertical").write_parquet(buffer)
    write_atomic(path, buffer.getvalue(), expected=before)
    return True
