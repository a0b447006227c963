"""The gate's history on its card: the deciding input over past reviews as a sparkline, scaled
together with its break-even so the line's place is visible, then now and the break-even."""

from __future__ import annotations

from capexwatch.core.base import format as fmt
from capexwatch.core.base.text import clean
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.deciding import deciding
from capexwatch.core.plan.model import Plan
from capexwatch.core.plan.verdict import Gate
from capexwatch.core.report.memo import show_input
from capexwatch.core.review.gate_history import GatePoint
from capexwatch.tui.widgets.sparkline import sparkline

WIDTH = 12  # reviews shown


def _shown(gate: Gate, key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if gate.id == "tripwire":
        unit = gate.signal.unit if gate.signal is not None else None
        return fmt.value_with_unit(value, unit)
    kinds = {i.key: i.kind for i in plans.BY_ID[gate.id].inputs}
    return show_input(kinds.get(key, "number"), value)


def history_line(gate: Gate, plan: Plan | None, points: tuple[GatePoint, ...]) -> str:
    """'▂▄▆█ current 70.0% → 81.0% now · break-even 85.0% · 4 reviews'; "" when the gate has
    no deciding input or no review recorded one."""
    now = deciding(gate, plan)
    if now is None or not points:
        return ""
    values = [p.value for p in points[-(WIDTH - 1) :]] + [now.value]
    line = now.break_even if now.break_even is not None else points[-1].break_even
    # The break-even joins the scale (then is dropped), so the blocks say where the line is.
    blocks = sparkline([*values, line], len(values) + 1)[:-1] if line is not None else ""
    first = next((v for v in values if v is not None), None)
    if first is None:
        return ""  # never given: nothing to draw
    words = f"{now.key} {_shown(gate, now.key, first)} → {_shown(gate, now.key, now.value)} now"
    if line is not None:
        words += f" · break-even {_shown(gate, now.key, line)}"
    count = len(points)
    words += f" · {count} review{'' if count == 1 else 's'}"
    return clean(f"{blocks} {words}".strip())
