"""Each gate's deciding input: the one number whose value against the break-even flips it.

A review records it (core.review.log) so the Pressure test card can draw the gate's history:
the deciding input over past reviews beside its break-even. The break-even is the gate's own
(`Gate.break_even_value`), in the same unit as the input.
"""

from __future__ import annotations

from dataclasses import dataclass

from capexwatch.core.plan import model as plans
from capexwatch.core.plan.model import Plan
from capexwatch.core.plan.verdict import Gate

# gate id → the input of its section the break-even is a value of. gpu_priority ranks
# workloads: no number decides it. The tripwire's deciding number is its signal's latest value.
DECIDING: dict[str, str] = {
    "utilization": "current",
    "unit_economics": "price_per_unit",
    "payback": "monthly_contribution",
    "tripwire": "value",
    "backlog_coverage": "contracted_backlog",
    "attach_rate": "current",
}


@dataclass(frozen=True)
class Deciding:
    """What decided a gate at one moment: the input's key, its value and the break-even."""

    key: str
    value: float | None
    break_even: float | None


def numeric_inputs(plan: Plan | None, gate_id: str) -> dict[str, float]:
    """Every number given in the gate's section (text inputs such as the owner left out)."""
    if plan is None or gate_id not in plans.BY_ID:
        return {}
    out = {}
    for item in plans.BY_ID[gate_id].inputs:
        value = plan.number(gate_id, item.key)
        if value is not None:
            out[item.key] = value
    return out


def deciding(gate: Gate, plan: Plan | None) -> Deciding | None:
    """The gate's deciding input now, or None for a gate no single number decides."""
    key = DECIDING.get(gate.id)
    if key is None:
        return None
    if gate.id == "tripwire":
        value = gate.signal.value if gate.signal is not None else None
    else:
        value = plan.number(gate.id, key) if plan is not None else None
    return Deciding(key, value, gate.break_even_value)
