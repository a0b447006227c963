"""The operator gates: each reads plan inputs and says pass, fail or open, and why.

Every gate states its arithmetic in words and its break-even: the value of the deciding input
at which the verdict flips, so the user sees how far the plan is from the line. Missing, zero
or negative inputs make a gate `open` with a message naming the input; nothing here raises.
"""

from __future__ import annotations

import datetime as dt

from capexwatch.core.base import format as fmt
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.plan import model as plans
from capexwatch.core.plan import tripwire
from capexwatch.core.plan.model import Plan
from capexwatch.core.plan.row_gates import gpu_priority, payback
from capexwatch.core.plan.verdict import (
    EPSILON,
    GATE_STATUSES,
    SYMBOL,
    Gate,
    GateStatus,
    MarketResult,
    fraction_problem,
    needs,
    open_gate,
    pct,
)
from capexwatch.core.signals.evaluate import SignalResult

__all__ = ["GATE_STATUSES", "SYMBOL", "Gate", "GateStatus", "MarketResult", "evaluate"]


def _shares(plan: Plan, gid: str) -> tuple[float, float] | Gate:
    """The gate's `threshold` and `current` as fractions, or the open gate saying what is wrong
    (utilization and attach_rate read them alike)."""
    if gate := needs(plan, gid, ("threshold", "current")):
        return gate
    threshold, current = plan.number(gid, "threshold") or 0.0, plan.number(gid, "current") or 0.0
    problem = fraction_problem("threshold", threshold, zero_ok=False) or fraction_problem(
        "current", current
    )
    return open_gate(gid, problem) if problem else (threshold, current)


def utilization(plan: Plan) -> Gate:
    gid = "utilization"
    shares = _shares(plan, gid)
    if isinstance(shares, Gate):
        return shares
    threshold, current = shares
    owner = plan.entry(gid).owner.strip()
    signoff = f"; {owner} signs off on a miss" if owner else "; no owner named to sign off"
    gap = current - threshold
    if gap >= -EPSILON:
        status: GateStatus = "pass"
        words = (
            f"utilization {pct(current)} is at or above the {pct(threshold)} threshold: "
            "new capacity can be greenlit"
        )
    else:
        status = "fail"
        words = (
            f"utilization {pct(current)} is {-gap * 100:.1f}pp below the {pct(threshold)} "
            "threshold: no new capex yet"
        )
    return Gate(
        gid,
        plans.BY_ID[gid].title,
        status,
        words + signoff,
        f"flips at a utilization of {pct(threshold)} (now {gap * 100:+.1f}pp)",
        threshold,
    )


def unit_economics(plan: Plan) -> Gate:
    gid = "unit_economics"
    keys = ("price_per_unit", "inference_cost_per_unit", "orchestration_cost_per_unit")
    if gate := needs(plan, gid, (*keys, "target_margin")):
        return gate
    price, inference, orchestration = (plan.number(gid, k) or 0.0 for k in keys)
    target = plan.number(gid, "target_margin") or 0.0
    if price <= 0:
        return open_gate(gid, f"price_per_unit must be above 0 (it is {price:g})")
    if inference < 0 or orchestration < 0:
        return open_gate(gid, "costs per unit cannot be negative")
    if target >= 1:
        return open_gate(gid, f"a target margin of {pct(target)} cannot be met at any price")
    cost = inference + orchestration
    margin = (price - cost) / price
    status: GateStatus = "pass" if margin >= target - EPSILON else "fail"
    words = (
        f"price {fmt.amount(price)} − inference {fmt.amount(inference)} − orchestration "
        f"{fmt.amount(orchestration)} = {fmt.amount(price - cost)} per unit, a {pct(margin)} "
        f"margin against a {pct(target)} target"
    )
    if margin < 0:
        words += ": every unit is subsidized"
    break_even = cost / (1 - target)
    return Gate(
        gid,
        plans.BY_ID[gid].title,
        status,
        words,
        f"flips at a price of {fmt.amount(break_even)} per unit "
        f"(now {fmt.amount(price - break_even)} {'above' if price >= break_even else 'short'})",
        break_even,
    )


def ratio_gate(plan: Plan, gid: str, *, name: str) -> Gate:
    """attach_rate: a measured share against the share the next stage needs."""
    shares = _shares(plan, gid)
    if isinstance(shares, Gate):
        return shares
    threshold, current = shares
    gap = current - threshold
    status: GateStatus = "pass" if gap >= -EPSILON else "fail"
    relation = "at or above" if status == "pass" else f"{-gap * 100:.1f}pp below"
    return Gate(
        gid,
        plans.BY_ID[gid].title,
        status,
        f"{name} {pct(current)} is {relation} the {pct(threshold)} the next stage needs",
        f"flips at {name} {pct(threshold)} (now {gap * 100:+.1f}pp)",
        threshold,
    )


def backlog_coverage(plan: Plan) -> Gate:
    gid = "backlog_coverage"
    if gate := needs(plan, gid, ("contracted_backlog", "new_capacity", "min_coverage")):
        return gate
    backlog = plan.number(gid, "contracted_backlog") or 0.0
    capacity = plan.number(gid, "new_capacity") or 0.0
    minimum = plan.number(gid, "min_coverage") or 0.0
    if capacity <= 0:
        return open_gate(gid, f"new_capacity must be above 0 (it is {capacity:g})")
    if backlog < 0:
        return open_gate(gid, "contracted_backlog cannot be negative")
    if minimum <= 0:
        return open_gate(gid, f"min_coverage must be above 0 (it is {minimum:g})")
    coverage = backlog / capacity
    status: GateStatus = "pass" if coverage >= minimum - EPSILON else "fail"
    needed = minimum * capacity
    return Gate(
        gid,
        plans.BY_ID[gid].title,
        status,
        f"backlog {fmt.amount(backlog)} ÷ new capacity {fmt.amount(capacity)} = "
        f"{coverage:.2f}x coverage against {minimum:.2f}x required",
        f"flips at a contracted backlog of {fmt.amount(needed)} "
        f"(now {fmt.amount(abs(backlog - needed))} {'above' if backlog >= needed else 'short'})",
        needed,
    )


def tripwire_gate(plan: Plan, result: SignalResult | None) -> Gate:
    gid = "tripwire"
    absent = tripwire.missing(plan)
    if absent or result is None:
        return open_gate(gid, f"needs {', '.join(absent or tripwire.REQUIRED)} in [tripwire]")
    title = plans.BY_ID[gid].title
    threshold = result.threshold if result.threshold is not None else 0.0
    unit = result.unit if result.unit in ("ratio", "pp", "x") else None
    wire = result.signal
    rule = f"{wire.company} {wire.metric} {wire.op} {fmt.value(threshold, unit)}"
    if result.status == "no_data":
        return Gate(gid, title, "open", f"{rule}: {result.reason}", signal=result)
    latest = f"latest {fmt.value_with_unit(result.value, result.unit)} ({result.period})"
    decision = plan.text(gid, "decision") or "no decision written yet"
    if result.status == "triggered":
        status: GateStatus = "fail"
        words = f"{rule}: fired, {latest}; decision: {decision}"
    else:
        status = "pass"
        words = f"{rule}: not fired, {latest}"
    if result.stale:
        words += " — the latest figure is stale"
    distance = abs((result.value or 0.0) - threshold)
    return Gate(
        gid,
        title,
        status,
        words,
        f"flips when {result.signal.metric} crosses {fmt.value(threshold, unit)} "
        f"({f'{distance * 100:.1f}pp' if unit == 'ratio' else fmt.value(distance, unit)} away)",
        threshold,
        signal=result,
    )


def evaluate(
    plan: Plan,
    observations: pl.DataFrame,
    today: dt.date,
    tripwire_result: SignalResult | None = None,
) -> tuple[Gate, ...]:
    """Every gate, in the order of the plan's sections."""
    wire = tripwire_result or tripwire.evaluate(plan, observations, today)
    return (
        utilization(plan),
        unit_economics(plan),
        payback(plan),
        gpu_priority(plan),
        tripwire_gate(plan, wire),
        backlog_coverage(plan),
        ratio_gate(plan, "attach_rate", name="attach rate"),
    )
