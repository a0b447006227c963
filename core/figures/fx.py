"""Convert amounts between currencies at the rate of their own period, and say which rate.

A rate `1 source = rate target` converts source amounts into the target currency, and its
inverse converts the other way. An amount is converted at the rate for its period's end
(`conversion_on`): the watchlist's nearest `[[fx]]` rate dated on or before it; else an undated
`[[fx]]` rate; else the ECB reference rate of that day from the bundled history
(`figures.fx_history`); else the nearest `[[fx]]` rate after it, said so. Each converted figure
carries the rate and date that converted it (`fx_note`). Ratios, multiples and counts have no
currency and pass through. An amount in a currency without any rate keeps its value and unit
and is marked `unconverted`: the UI shows it as it is rather than pretending it is comparable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import fx_history


@dataclass(frozen=True)
class FxRate:
    """1 unit of `source_currency` is `rate` units of `target_currency`."""

    source_currency: str
    target_currency: str
    rate: float
    as_of: dt.date | None = None
    source: str = ""


# Where a rate of the watchlist comes from, as the memo and the peers line name it.
WATCHLIST = "watchlist [[fx]]"
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
    note: str = ""  # where the rate comes from when not the watchlist's own, or a caveat

    @property
    def from_watchlist(self) -> bool:
        """True for a rate of the watchlist's `[[fx]]` (not the ECB reference rate)."""
        return self.note != fx_history.ORIGIN

    @property
    def description(self) -> str:
        """'1 CNY = 0.1407 USD as of 2026-01-11 (watchlist [[fx]])'; inverted rates and the
        ECB reference rate say so, and a watchlist rate dated after the period says that."""
        as_of = f" as of {self.rate.as_of.isoformat()}" if self.rate.as_of else ""
        how = f", inverse of 1 {self.target} = {self.rate.rate:g} {self.currency}"
        origin = [WATCHLIST] if self.from_watchlist else []
        note = f" ({', '.join([*origin, self.note] if self.note else origin)})"
        return (
            f"1 {self.currency} = {self.factor:.6g} {self.target}"
            f"{how if self.inverted else ''}{as_of}{note}"
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


def _pair(rates: Iterable[FxRate], currency: str, target: str) -> list[Conversion]:
    """Every watchlist rate that turns `currency` into `target`, direct ones first."""
    direct, inverse = [], []
    for rate in rates:
        source, to = rate.source_currency.upper(), rate.target_currency.upper()
        if (source, to) == (currency, target):
            direct.append(Conversion(currency, target, rate.rate, rate, False))
        elif (source, to) == (target, currency):
            inverse.append(Conversion(currency, target, 1.0 / rate.rate, rate, True))
    return direct + inverse


def conversion_on(
    rates: Iterable[FxRate], currency: str, target: str, day: dt.date | None
) -> Conversion | None:
    """How an amount in `currency` for a period ending on `day` turns into `target` (see module
    doc); with no `day`, the newest watchlist rate, as `conversions` gives."""
    currency, target = currency.upper(), target.upper()
    if day is None:
        return conversions(rates, target).get(currency)
    pair = _pair(rates, currency, target)
    earlier = [c for c in pair if c.rate.as_of is not None and c.rate.as_of <= day]
    if earlier:  # the nearest earlier; a direct rate beats an inverse one of the same day
        return max(earlier, key=lambda c: (c.rate.as_of or dt.date.min, not c.inverted))
    undated = [c for c in pair if c.rate.as_of is None]
    if undated:
        return undated[0]
    reference = fx_history.rate(currency, target, day)
    if reference is not None:
        factor, on = reference
        rate = FxRate(currency, target, factor, on, fx_history.ORIGIN)
        return Conversion(currency, target, factor, rate, False, fx_history.ORIGIN)
    later = [c for c in pair if c.rate.as_of is not None]
    if later:
        first = min(later, key=lambda c: (c.rate.as_of or dt.date.max, c.inverted))
        return replace(first, note=f"no rate on or before {day.isoformat()}")
    return None


@dataclass(frozen=True)
class Amount:
    """One value after conversion: `converted` when a rate was applied, `unconverted` when an
    amount needed one and none exists."""

    value: float | None
    unit: str | None
    converted: bool = False
    unconverted: bool = False


def convert(
    value: float | None,
    unit: str | None,
    rates: Iterable[FxRate],
    target: str,
    on: dt.date | None = None,
) -> Amount:
    """`value` in `unit`, expressed in `target` where a rate allows (the rate for `on`)."""
    if not is_currency(unit) or unit is None or unit.upper() == target.upper():
        return Amount(value, unit)
    conversion = conversion_on(rates, unit, target, on)
    if conversion is None:
        return Amount(value, unit, unconverted=True)
    return Amount(None if value is None else value * conversion.factor, conversion.target, True)


def convert_frame(
    frame: pl.DataFrame, rates: Iterable[FxRate], target: str, value: str = "value"
) -> pl.DataFrame:
    """`frame` with `value` and `unit` in `target` where possible, each row at the rate for its
    `period_end` (when the frame has one).

    Adds `original_value`, `original_unit`, `converted` and `unconverted` (see `Amount`),
    `fx_note`: the rate and its date that converted the row ('1 CNY = 0.1405 USD as of
    2025-09-30 (ECB reference rate)'), and `fx_source`: a watchlist rate's own `source` text.
    """
    target, rates = target.upper(), tuple(rates)
    unit = pl.col("unit").str.to_uppercase()
    needs = (
        pl.col("unit").is_not_null() & ~pl.col("unit").is_in(list(CURRENCY_FREE)) & (unit != target)
    )
    day = pl.col("period_end") if "period_end" in frame.columns else pl.lit(None, dtype=pl.Date)
    keyed = frame.with_columns(_unit=unit, _day=day)
    found = []
    # Each currency and period end once: a few hundred lookups for thousands of rows.
    for currency, on in keyed.filter(needs).select("_unit", "_day").unique().iter_rows():
        conversion = conversion_on(rates, currency, target, on)
        if conversion is not None:
            # A watchlist rate's own `source` text, for the memo to cite (the ECB's is named
            # by the note itself).
            origin = (conversion.rate.source or None) if conversion.from_watchlist else None
            found.append((currency, on, conversion.factor, conversion.description, origin))
    schema = {"_unit": pl.String, "_day": pl.Date, "_factor": pl.Float64, "fx_note": pl.String}
    table = pl.DataFrame(found, schema=schema | {"fx_source": pl.String}, orient="row")
    joined = keyed.join(table, on=["_unit", "_day"], how="left", nulls_equal=True,
                        maintain_order="left")  # fmt: skip
    factor = pl.col("_factor")
    converted = needs & factor.is_not_null()
    return joined.with_columns(
        pl.col(value).alias("original_value"),
        pl.col("unit").alias("original_unit"),
        pl.when(converted).then(pl.col(value) * factor).otherwise(pl.col(value)).alias(value),
        pl.when(converted).then(pl.lit(target)).otherwise(pl.col("unit")).alias("unit"),
        converted.alias("converted"),
        (needs & factor.is_null()).alias("unconverted"),
        pl.when(converted).then(pl.col("fx_note")).alias("fx_note"),
        pl.when(converted).then(pl.col("fx_source")).alias("fx_source"),
    ).drop("_unit", "_day", "_factor")
