"""Read one typed-in cell: numbers as people write them, dates, and the small vocabularies.

Every parser returns the value or raises `CellError` with a message that quotes what was typed.

Numbers (documented in the README, "Bringing in your own data"):
- surrounding spaces (also no-break spaces) are ignored; so is a space before a suffix: `39.8 B`;
- thousands separators are commas in groups of three: `1,234,567.5` (`1,23` is rejected);
- a `%` suffix divides by 100: `34%` is 0.34 (the row's unit must then be ratio or pp);
- a `K`, `M`, `B` or `T` suffix (any case) multiplies by a thousand, million, billion, trillion;
- a leading `-`, `+` or typographic minus `−`; scientific notation `1.5e9`;
- rejected explicitly: currency symbols and codes (`$5.6B`: the currency goes in the unit
  column), parentheses for negatives (`(123)`), NaN and infinities, and anything else.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from capexwatch.core.figures.observations import FIRST_YEAR, FREQS, KINDS, LAST_YEAR


class CellError(ValueError):
    """A cell that does not read as what its column needs; the message quotes the cell."""


_SUFFIX = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12, "%": 0.01}
_NUMBER = re.compile(
    r"""^(?P<sign>[-+\u2212]?)\s*
    (?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)
    (?P<exp>[eE][-+]?\d+)?
    \s*(?P<suffix>[KMBTkmbt%]?)$""",
    re.VERBOSE,
)
_CURRENCY = re.compile(r"[$€£¥₩₹]|\b(?:US|HK|RMB|CNY|USD|HKD|EUR|GBP|JPY)\b", re.IGNORECASE)
_NOT_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}
_DATE = re.compile(r"^[-+]?\d{4,}-\d{2}-\d{2}$")  # a year past 9999 is named, not "not a date"
_COMPANY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
_METRIC = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
PLAIN_UNITS = ("ratio", "pp", "x", "count")


def number(text: str) -> tuple[float, bool]:
    """The number in `text` and whether it was a percentage (see module doc for the rules)."""
    raw = text.strip().replace("\u00a0", " ").strip()
    if not raw:
        raise CellError("is empty (a number is needed)")
    if raw.lower() in _NOT_FINITE:
        raise CellError(f"{raw!r} is not a number (NaN and infinity are not accepted)")
    currency = _CURRENCY.search(raw)
    if currency:
        raise CellError(
            f"{raw!r} has a currency {currency.group()!r}: "
            "write the number alone and put the currency in the unit column"
        )
    if raw.startswith("(") and raw.endswith(")"):
        raise CellError(f"{raw!r}: write a negative number with a minus sign, not parentheses")
    match = _NUMBER.match(raw)
    if match is None:
        hint = ""
        if re.fullmatch(r"[-+]?[\d,]*\d,\d{1,2}(?!\d)[\d,.]*", raw):
            hint = " (thousands separators group three digits; the decimal mark is a point)"
        raise CellError(f"{raw!r} is not a number{hint}")
    digits = match.group("digits").replace(",", "") + (match.group("exp") or "")
    suffix = match.group("suffix").upper()
    if suffix and match.group("exp"):
        raise CellError(f"{raw!r} is not a number (an exponent and a suffix together)")
    value = float(digits) * _SUFFIX[suffix]
    if not math.isfinite(value):
        raise CellError(f"{raw!r} is too large")
    if match.group("sign") in ("-", "\u2212"):
        value = -value
    return value, suffix == "%"


def date(text: str) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    raw = text.strip()
    if not _DATE.match(raw):
        raise CellError(f"{raw!r} is not a date (write YYYY-MM-DD)")
    year = raw.lstrip("+-").partition("-")[0]
    if raw[0] in "+-" or len(year) != 4 or not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise CellError(
            f"{raw!r}: outside the years {FIRST_YEAR} to {LAST_YEAR} capexwatch compares"
        )
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"{raw!r} is not a real date") from None


def company(text: str) -> str:
    """A company id as used in the watchlist (ticker-like)."""
    raw = text.strip()
    if not _COMPANY.match(raw):
        raise CellError(f"{raw!r} is not a company id (letters, digits, '.', '_' or '-')")
    return raw


def metric(text: str) -> str:
    """A metric id: lower case, digits and underscores (`cloud_revenue_yoy`)."""
    raw = text.strip()
    if not _METRIC.match(raw):
        raise CellError(f"{raw!r} is not a metric id (lower case, digits and '_')")
    return raw


def freq(text: str) -> str:
    """One of Q, H, FY, TTM (any case)."""
    raw = text.strip().upper()
    if raw not in FREQS:
        raise CellError(f"{text.strip()!r} is not a frequency (one of {', '.join(FREQS)})")
    return raw


def kind(text: str) -> str:
    """actual, estimate or guidance (any case)."""
    raw = text.strip().lower()
    if raw not in KINDS:
        raise CellError(f"{text.strip()!r} is not a kind (one of {', '.join(KINDS)})")
    return raw


def unit(text: str) -> str:
    """A three-letter currency code (upper-cased) or one of ratio, pp, x, count."""
    raw = text.strip()
    if raw.lower() in PLAIN_UNITS:
        return raw.lower()
    if _CURRENCY_CODE.match(raw.upper()) and raw.isalpha():
        return raw.upper()
    raise CellError(
        f"{raw!r} is not a unit (a currency code such as USD or CNY, or ratio, pp, x, count)"
    )
