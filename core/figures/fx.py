"""Convert amounts between currencies with the watchlist's FX table, and say when we did.

A rate `1 source = rate target` converts source amounts into the target currency, and its
inverse converts the other way. Ratios, multiples and counts have no currency and pass through.
An amount in a currency without a rate keeps its value and unit and is marked `unconverted`:
the UI shows it as it is rather than pretending it is comparable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from capexwatch.core.base.lazy_polars import pl


@dataclass(frozen=True)
class FxRate:
    """1 unit of `source_currency` is `rate` units of `target_currency`."""

    source_currency: str
    target_currency: str
    rate: float
    as_of: dt.date | None = None
    source: str = ""


# Units that are not currencies: they never convert.
CURRENCY_FREE = frozenset({"ratio", "pp", "x", "multiple", "count"})


@dataclass(frozen=True)
class Conversion:
    """How a currency turns into the target: multiply by `factor`; `rate` is its origin."""

    currency: str
    target: str
    factor: float
    rate: FxRate
    inverted: bool

    @property
    def description(self) -> str:
        """'1 CNY = 0.1407 USD (as of 2026-01-11)'; inverted rates say so."""
        as_of = f" as of {self.rate.as_of.isoformat()}" if self.rate.as_of else ""
        how = f", inverse of 1 {self.target} = {self.rate.rate:g} {self.currency}"
        return (
            f"1 {self.currency} = {self.factor:.6g} {self.target}"
            f"{how if self.inverted else ''}{as_of}"
        )


def is_currency(unit: str | None) -> bool:
    """True for a currency unit such as 'CNY' (not ratio, pp, x, multiple, count)."""
    return bool(unit) and unit not in CURRENCY_FREE


def _newest_first(rate: FxRate) -> dt.date:
    return rate.as_of or dt.date.min


def conversions(rates: Iterable[FxRate], target: str) -> dict[str, Conversion]:
    """For each currency that can reach `target`, how. A direct rate beats an inverse one;
    among several rates for the same pair, the newest (by `as_of`) wins."""
    target = target.upper()
    found: dict[str, Conversion] = {}
    ordered = sorted(rates, key=_newest_first, reverse=True)
    for rate in ordered:  # direct rates first, newest first
        source = rate.source_currency.upper()
        if rate.target_currency.upper() == target and source != target:
            found.setdefault(source, Conversion(source, target, rate.rate, rate, False))
    for rate in ordered:
        source = rate.target_currency.upper()
        if rate.source_currency.upper() == target and source != target:
            found.setdefault(source, Conversion(source, target, 1.0 / rate.rate, rate, True))
    return found


@dataclass(frozen=True)
class Amount:
    """One value after conversion: `converted` when a rate was applied, `unconverted` when an
    amount needed one and none exists."""

    value: float | None
    unit: str | None
    converted: bool = False
    unconverted: bool = False


def convert(value: float | None, unit: str | None, rates: Iterable[FxRate], target: str) -> Amount:
    """`value` in `unit`, expressed in `target` where a rate allows."""
    if not is_currency(unit) or unit is None or unit.upper() == target.upper():
        return Amount(value, unit)
    conversion = conversions(rates, target).get(unit.upper())
    if conversion is None:
        return Amount(value, unit, unconverted=True)
    return Amount(None if value is None else value * conversion.factor, conversion.target, True)


def convert_frame(
    frame: pl.DataFrame, rates: Iterable[FxRate], target: str, value: str = "value"
) -> pl.DataFrame:
    """`frame` with `value` and `unit` in `target` where possible, vectorised.

    Adds `original_value`, `original_unit`, `converted` and `unconverted` (see `Amount`).
    """
    target = target.upper()
    factors = {c: conv.factor for c, conv in conversions(rates, target).items()}
    unit = pl.col("unit").str.to_uppercase()
    needs = (
        pl.col("unit").is_not_null() & ~pl.col("unit").is_in(list(CURRENCY_FREE)) & (unit != target)
    )
    factor = unit.replace_strict(factors, default=None, return_dtype=pl.Float64)
    converted = needs & factor.is_not_null()
    return frame.with_columns(
        pl.col(value).alias("original_value"),
        pl.col("unit").alias("original_unit"),
        pl.when(converted).then(pl.col(value) * factor).otherwise(pl.col(value)).alias(value),
        pl.when(converted).then(pl.lit(target)).otherwise(pl.col("unit")).alias("unit"),
        converted.alias("converted"),
        (needs & factor.is_null()).alias("unconverted"),
    )
