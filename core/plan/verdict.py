"""What a gate says: the types every gate returns, and the small helpers they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from capexwatch.core.base import format as fmt
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.model import Plan
from capexwatch.core.signals.evaluate import SignalResult

GateStatus = Literal["pass", "fail", "open"]
GATE_STATUSES: tuple[GateStatus, ...] = ("fail", "open", "pass")
SYMBOL: dict[GateStatus, str] = {"pass": "✔", "fail": "✘", "open": "○"}
EPSILON = 1e-9  # a value exactly on the line passes (0.1 + 0.2 must equal 0.3 here)


@dataclass(frozen=True)
class MarketResult:
    """One [[payback.market]] row against the plan's payback limit."""

    name: str
    status: GateStatus
    months: float | None
    detail: str


@dataclass(frozen=True)
class Gate:
    """One gate's verdict: `detail` is the arithmetic in words, `break_even` where it flips."""

    id: str
    title: str
    status: GateStatus
    detail: str
    break_even: str = ""
    break_even_value: float | None = None
    markets: tuple[MarketResult, ...] = ()
    signal: SignalResult | None = None

    @property
    def label(self) -> str:
        """Status by symbol and word: '✔ PASS'."""
        return f"{SYMBOL[self.status]} {self.status.upper()}"

    @property
    def to_pause(self) -> tuple[str, ...]:
        """Markets past the payback limit: candidates to pause subsidies or capacity."""
        return tuple(m.name for m in self.markets if m.status == "fail")


def pct(value: float) -> str:
    return fmt.value(value, "ratio")


def open_gate(gate_id: str, message: str) -> Gate:
    return Gate(gate_id, plans.BY_ID[gate_id].title, "open", message)


def needs(plan: Plan, gate_id: str, keys: tuple[str, ...]) -> Gate | None:
    """An open gate naming the inputs still missing, or None when all are given."""
    absent = [k for k in keys if plan.number(gate_id, k) is None]
    if not absent:
        return None
    return open_gate(gate_id, f"needs {', '.join(absent)} in [{gate_id}]")


def fraction_problem(name: str, value: float, *, zero_ok: bool = True) -> str | None:
    """Why a value is not a usable fraction (0.85 for 85%), or None."""
    if value > 1 or value < 0 or (value == 0 and not zero_ok):
        return f"{name} {value:g} is not a fraction between 0 and 1 (write 85% as 0.85)"
    return None
