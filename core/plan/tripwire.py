"""The plan's tripwire as a signal: one metric, one threshold, one decision, on live data.

The same `Signal` is evaluated for the gate and can be shown on the watchlist beside the
user's own signals (`signal(plan)`; its id is `SIGNAL_ID`).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.plan.model import Plan
from capexwatch.core.signals import evaluate as signals
from capexwatch.core.signals.evaluate import SignalResult
from capexwatch.core.watchlist.model import Op, Signal

SIGNAL_ID = "plan-tripwire"
REQUIRED = ("company", "metric", "op", "threshold")


def missing(plan: Plan) -> list[str]:
    """The tripwire inputs not given yet."""
    values = plan.entry("tripwire").values
    return [key for key in REQUIRED if key not in values]


def signal(plan: Plan) -> Signal | None:
    """The tripwire as a watchlist signal, or None while an input is missing."""
    if missing(plan):
        return None
    decision = plan.text("tripwire", "decision") or ""
    metric = cast(str, plan.text("tripwire", "metric"))
    return Signal(
        id=SIGNAL_ID,
        # "…: new signal" follows the title in the review: no full stop of its own inside.
        title=f"Plan tripwire: {(decision or metric).strip().rstrip('.;:')}",
        company=plan.text("tripwire", "company"),
        metric=metric,
        op=cast(Op, plan.text("tripwire", "op")),
        threshold=plan.number("tripwire", "threshold"),
        note=decision,
    )


def evaluate(plan: Plan, observations: pl.DataFrame, today: dt.date) -> SignalResult | None:
    """The tripwire's signal result against live data, or None while an input is missing."""
    wire = signal(plan)
    if wire is None:
        return None
    return signals.evaluate_with_data([wire], observations, today)[0]
