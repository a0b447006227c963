"""How numbers read on screen and in reports, in one place so table, chart and memo agree."""

from __future__ import annotations

import datetime as dt
import math

NA = "n/a"
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def amount(value: float) -> str:
    """39.8e9 → '39.8B'; -21.8e9 → '-21.8B'."""
    if not math.isfinite(value):
        return NA
    if abs(value) >= 1e15:  # past 1,000T a suffix would print hundreds of digits
        return f"{value:.3g}"
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:.1f}{suffix}"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def value(number: float | None, unit: str | None) -> str:
    """A value in its unit: ratios as %, pp signed, multiples with x, n/a for none."""
    if number is None or (isinstance(number, float) and not math.isfinite(number)):
        return NA
    if unit == "ratio":
        return _fixed(number * 100, ".1f", "%")
    if unit == "pp":
        return _fixed(number * 100, "+.1f", "pp")
    if unit in ("x", "multiple"):
        return _fixed(number, ".2f", "x")
    return amount(number)


def _fixed(number: float, spec: str, suffix: str) -> str:
    # A ratio over a next-to-zero base (1e300%) would print hundreds of digits.
    if not math.isfinite(number):
        return NA
    if abs(number) >= 1e15:
        sign = "+" if spec.startswith("+") else ""
        return f"{number:{sign}.3g}{suffix}"
    return f"{number:{spec}}{suffix}"


def value_with_unit(number: float | None, unit: str | None) -> str:
    """Like `value`, with the currency after an amount: '-21.8B CNY'."""
    text = value(number, unit)
    if text != NA and unit and unit not in ("ratio", "pp", "x", "multiple", "count"):
        return f"{text} {unit}"
    return text


def counted(number: int, noun: str, plural: str = "") -> str:
    """`1 review`, `2 reviews`, `0 peer groups`: the noun agrees with the number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def date(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"
