"""Threshold crossings of a signal, with hysteresis so a value on the line does not flap.

A signal's value is on one of two sides of its threshold: `past` (the rule holds, e.g. growth
above 34% for `> 0.34`) or `short`. The side changes only when the value clearly crosses:

* from `short` to `past`, the value must pass the threshold by more than the band
  (for `>`/`>=`: value > threshold + band; for `<`/`<=`: value < threshold − band);
* from `past` back to `short`, it must fall back past the threshold by more than the band
  (for `>`/`>=`: value < threshold − band; for `<`/`<=`: value > threshold + band).

Anything in between keeps the previous side, so 34.0%, 34.1%, 33.9% around a 34% line is not
three crossings. The band is core.signals.hysteresis's, the one the status is held by.
The first value has no previous side and takes the plain comparison.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from capexwatch.core.signals.evaluate import SignalResult
from capexwatch.core.signals.hysteresis import band as band  # one band for status and crossings

Side = Literal["past", "short"]


@dataclass(frozen=True)
class Crossing:
    """The value crossed the threshold at `period`: into `past` (the rule began to hold) or out."""

    period: str
    period_end: dt.date
    value: float
    side: Side


def next_side(value: float, op: str, threshold: float, width: float, previous: Side | None) -> Side:
    """The side after `value`, given the side before it (None: no previous value)."""
    upward = op in (">", ">=")
    if previous is None:
        holds = value > threshold if op == ">" else value >= threshold if op == ">=" else None
        if holds is None:
            holds = value < threshold if op == "<" else value <= threshold
        return "past" if holds else "short"
    if previous == "short":
        entered = value > threshold + width if upward else value < threshold - width
        return "past" if entered else "short"
    left = value < threshold - width if upward else value > threshold + width
    return "short" if left else "past"


def crossings(
    points: Iterable[tuple[str, dt.date, float | None]], op: str, threshold: float, width: float
) -> tuple[Side | None, tuple[Crossing, ...]]:
    """The side after the last point, and every crossing along the way (oldest first)."""
    side: Side | None = None
    found: list[Crossing] = []
    for period, period_end, value in points:
        if value is None:
            continue
        new = next_side(value, op, threshold, width, side)
        if side is not None and new != side:
            found.append(Crossing(period, period_end, value, new))
        side = new
    return side, tuple(found)


def of_result(result: SignalResult) -> tuple[Side | None, tuple[Crossing, ...]]:
    """A signal result's side and crossings over its history.

    Rules against a fixed number use the history with hysteresis; combined signals and rules
    against another metric have no single line to cross, so their side follows the status.
    """
    signal = result.signal
    line = signal.threshold
    if signal.is_composite or signal.op is None or not isinstance(line, int | float):
        if result.status == "no_data":
            return None, ()
        return ("past" if result.status == "triggered" else "short"), ()
    points = ((p.period, p.period_end, p.value) for p in result.history)
    return crossings(points, signal.op, float(line), band(signal, float(line)))
