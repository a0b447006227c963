"""A signal's line in the user's units: `> 34.0%`, `< 0.80x`, `< 0`, `> 12.0B USD`.

The watchlist's Threshold column and the memo both write rules this way, never as the stored
fractions (`> 0.34`).
"""

from __future__ import annotations

from capexwatch.core.base import format as fmt
from capexwatch.core.figures import catalogue
from capexwatch.core.signals.evaluate import SignalResult


def metric_unit(metric_id: str | None) -> str | None:
    """The display unit of a metric ("ratio", "pp", "multiple"…, or None for an amount)."""
    metric = catalogue.lookup(metric_id) if metric_id else None
    if metric is None or metric.unit in ("amount", "count"):
        return None
    return "x" if metric.unit == "multiple" else metric.unit


def threshold_text(result: SignalResult) -> str:
    """What the value is judged against, with the operator: "> 40.0%", "< 0", "> 12.0B USD";
    "missing" when the threshold is another metric without a figure for that period (the
    details say which); "—" for a signal without a line (an event, a combination)."""
    signal = result.signal
    if signal.op is None or signal.threshold is None:
        return "—"
    line = result.threshold
    if line is None and isinstance(signal.threshold, str):
        return "missing" if result.value is not None else "—"
    if line is None:
        line = float(signal.threshold)
    unit = result.unit or metric_unit(signal.metric)
    if line == 0 and unit not in ("ratio", "pp"):
        return f"{signal.op} 0"
    return f"{signal.op} {fmt.value_with_unit(line, unit)}"


def rule_text(result: SignalResult) -> str:
    """The rule in the user's units: `Cloud revenue YoY > 34.0% (near 2.0pp)`; a threshold
    that is another metric is named (`capex YoY > revenue YoY`)."""
    signal = result.signal
    if signal.is_composite or signal.op is None:
        return signal.rule
    label = catalogue.label(signal.metric) if signal.metric else ""
    if isinstance(signal.threshold, str):
        line = f"{signal.op} {catalogue.label(signal.threshold)}"
    else:
        line = threshold_text(result)
    unit = result.unit or metric_unit(signal.metric)
    near = ""
    if signal.near:
        near = (
            f" (near {signal.near * 100:.1f}pp)"
            if unit in ("ratio", "pp")
            else f" (near {fmt.value(signal.near, unit)})"
        )
    prefix = "revision of " if signal.is_revision else ""
    return f"{prefix}{label} {line}{near}".strip()
