"""The dead band around a threshold, shared by a signal's status and its crossings.

A value wobbling around the line must not flip the status (and with it the header's counts and
`check`'s exit code) at every figure. The status therefore triggers as soon as the rule holds,
and stays triggered until the value is clearly back: past the line on the other side by more
than the band. Crossings (core.signals.crossings) use the same band both ways.

The band is half the signal's `near` band when it has one, else 1% of the threshold's size
(0 for a threshold of 0: then only a value exactly on the line is held).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable

from capexwatch.core.watchlist.model import Signal

BAND_OF_THRESHOLD = 0.01
COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def band(signal: Signal, threshold: float) -> float:
    """The dead band around `threshold` (see module doc)."""
    if signal.near:
        return signal.near / 2
    return abs(threshold) * BAND_OF_THRESHOLD


def clearly_out(value: float, op: str, threshold: float, width: float) -> bool:
    """Whether `value` is back on the rule's other side by more than the band."""
    if op in (">", ">="):
        return value < threshold - width
    return value > threshold + width


def held(signal: Signal, points: Iterable[tuple[float | None, float | None]]) -> bool:
    """Whether the rule is held at the last of `points` (value, threshold), oldest first: it
    holds there, or it held before and the value has not clearly left since."""
    assert signal.op is not None
    past = False
    for value, threshold in points:
        if value is None or threshold is None:
            continue
        if COMPARE[signal.op](value, threshold):
            past = True
        elif past:
            past = not clearly_out(value, signal.op, threshold, band(signal, threshold))
    return past
