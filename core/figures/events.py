"""Events: dated, sourced qualitative facts (a GPU-utilization disclosure, capacity commentary).

Kept in the user data directory as Parquet (`Locations.events`), written atomically; recording
the same event twice changes nothing. A signal of kind event triggers while a matching one is
recent (`capexwatch.core.signals.evaluate`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from capexwatch.core.base import frames, readfile
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.base.safewrite import current_bytes, write_atomic
from capexwatch.core.figures.observations import HELD_YEARS

# The column names and their polars types; the types are built on first use (`schema()`)
# so that importing this module does not import polars (capexwatch.core.base.lazy_polars).
COLUMNS = ["company", "kind", "date", "text", "source"]


@cache
def schema() -> dict[str, pl.DataType]:
    """Every column's polars type, in COLUMNS order."""
    return {
        "company": pl.String(),
        "kind": pl.String(),
        "date": pl.Date(),
        "text": pl.String(),
        "source": pl.String(),
    }


MAX_BYTES = 256 * 2**20  # events are typed by hand: a few kB a year
KIND = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def empty() -> pl.DataFrame:
    """An event table with no rows."""
    return pl.DataFrame(schema=schema())


def load(path: Path | None) -> pl.DataFrame:
    """The recorded events, or none."""
    if path is None or not path.exists():
        return empty()
    try:
        readfile.check(path, MAX_BYTES)  # never a pipe or a device: they block or never end
        mismatch = frames.schema_mismatch(pl.read_parquet_schema(path), schema())
        if mismatch is not None:
            raise DataError(
                f"{path}: not the recorded events ({mismatch}); restore it or move it away"
            )
        found = pl.read_parquet(path).select(COLUMNS).cast(schema())  # type: ignore[arg-type]
    except OSError as exc:
        reason = exc.strerror or exc
        raise DataError(f"{path}: cannot read the recorded events ({reason})") from None
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"{path}: cannot read the recorded events ({exc})") from None
    outside = frames.dates_outside(found, ["date"], *HELD_YEARS)
    if outside is not None:
        raise DataError(f"{path}: not the recorded events ({outside}); restore it or move it away")
    return found


def add(path: Path, event: Mapping[str, Any]) -> bool:
    """Store one checked event (from `ingest.record.event`); False when it was already there."""
    before = current_bytes(path)
    existing = load(path)
    new = pl.DataFrame([{c: event.get(c) for c in COLUMNS}], schema=schema())
    if not new.join(existing, on=COLUMNS, how="semi", nulls_equal=True).is_empty():
        return False
    buffer = io.BytesIO()
    pl.concat([existing, new], how="vertical").write_parquet(buffer)
    write_atomic(path, buffer.getvalue(), expected=before)
    return True
