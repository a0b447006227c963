"""Playbook labels: discipline, all-in or balanced, by rules written once here and shown as is.

Rules are checked in order; the first whose conditions all hold names the company's playbook.
A condition on a missing figure does not hold, so a company is only labelled on evidence.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from capexwatch.core.base import format as fmt
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.peers.columns import column

Op = Literal["<", ">"]
_OPS: dict[str, Callable[[float, float], bool]] = {"<": operator.lt, ">": operator.gt}
BALANCED = "balanced"


@dataclass(frozen=True)
class Condition:
    """`column op threshold` on the peer table's latest figures."""

    column: str
    op: Op
    threshold: float = 0.0

    def expr(self) -> pl.Expr:
        """True where the condition holds, False where it fails or the figure is missing."""
        value = pl.col(self.column)
        test = value < self.threshold if self.op == "<" else value > self.threshold
        return test.fill_null(False)

    def holds(self, value: float | None) -> bool:
        return value is not None and _OPS[self.op](value, self.threshold)

    @property
    def text(self) -> str:
        """'capex YoY < 0'."""
        return f"{column(self.column).label} {self.op} {self.threshold:g}"


@dataclass(frozen=True)
class Rule:
    """A playbook and the evidence that earns it."""

    label: str
    summary: str
    conditions: tuple[Condition, ...]

    @property
    def text(self) -> str:
        """'discipline: capex YoY < 0 and Margin Δ > 0 (capex cut with margin up)'."""
        parts = " and ".join(c.text for c in self.conditions)
        return f"{self.label}: {parts} ({self.summary})"


RULES: tuple[Rule, ...] = (
    Rule(
        "discipline",
        "capex cut with operating margin up",
        (Condition("capex_yoy", "<"), Condition("margin_change", ">")),
    ),
    Rule(
        "all-in",
        "negative free cash flow with an operating loss",
        (Condition("free_cash_flow", "<"), Condition("operating_margin", "<")),
    ),
)


def label_expr() -> pl.Expr:
    """The playbook label of each row of a wide peer table (one column per peer column)."""
    expr: pl.Expr = pl.lit(BALANCED)
    for rule in reversed(RULES):  # build inside-out so the first rule is checked first
        fired = pl.all_horizontal(c.expr() for c in rule.conditions)
        expr = pl.when(fired).then(pl.lit(rule.label)).otherwise(expr)
    return expr.alias("playbook")


Figure = tuple[float | None, str | None, str | None]  # value, unit and period


_NONE: Figure = (None, None, None)


def _evidence(condition: Condition, figures: Mapping[str, Figure]) -> str:
    """'Capex YoY -24.0% (FY2025Q3) < 0 ✓'; a missing figure reads 'n/a ✗'."""
    value, unit, period = figures.get(condition.column, _NONE)
    label = column(condition.column).label
    when = f" ({period})" if period and value is not None else ""
    verdict = "✓" if condition.holds(value) else "✗"
    shown = fmt.value_with_unit(value, unit)
    return f"{label} {shown}{when} {condition.op} {condition.threshold:g} {verdict}"


def explain(figures: Mapping[str, Figure]) -> tuple[str, str]:
    """(label, why) for one company from its latest figures by column id.

    The reason names the rule that fired and its numbers, or each rule's numbers when none did
    (✓ a condition holds, ✗ it does not or its figure is missing).
    """
    for rule in RULES:
        if all(c.holds(figures.get(c.column, _NONE)[0]) for c in rule.conditions):
            numbers = ", ".join(_evidence(c, figures) for c in rule.conditions)
            return rule.label, f"{rule.label} — {rule.summary}: {numbers}"
    misses = " · ".join(
        f"{r.label}: {', '.join(_evidence(c, figures) for c in r.conditions)}" for r in RULES
    )
    return BALANCED, f"{BALANCED} — no rule fired · {misses}"
