"""signals.provenance: a derived figure traced to the reported figures and sources behind it."""

from __future__ import annotations

import datetime as dt

from capexwatch.core.signals import provenance
from tests.frames import obs


def q(metric: str, period: str, start: str, end: str, value: float, source: str) -> dict:  # type: ignore[type-arg]
    return {"metric": metric, "period": period, "period_start": start, "period_end": end,
            "value": value, "source": source, "published": end}  # fmt: skip


FRAME = obs(
    q("operating_cash_flow", "Q3", "2025-07-01", "2025-09-30", 50.0, "release Q3"),
    q("capex", "Q3", "2025-07-01", "2025-09-30", 30.0, "call Q3"),
    q("revenue", "Q3", "2025-07-01", "2025-09-30", 200.0, "10-Q"),
    q("capex", "Q3-24", "2024-07-01", "2024-09-30", 20.0, "call a year ago"),
)
END = dt.date(2025, 9, 30)


def test_a_formula_of_a_formula_names_every_reported_input() -> None:
    found = provenance.contributions(FRAME, "BABA", "fcf_margin", "Q3", END)
    assert [(c.metric, c.value, c.source, c.depth) for c in found] == [
        ("free_cash_flow", 20.0, "derived: operating_cash_flow − capex", 1),
        ("operating_cash_flow", 50.0, "release Q3", 2),
        ("capex", 30.0, "call Q3", 2),
        ("revenue", 200.0, "10-Q", 1),
    ]


def test_a_change_names_both_periods() -> None:
    found = provenance.contributions(FRAME, "BABA", "capex_yoy", "Q3", END)
    assert [(c.period, c.value, c.source) for c in found] == [
        ("Q3", 30.0, "call Q3"),
        ("Q3-24", 20.0, "call a year ago"),
    ]


def test_a_reported_metric_has_no_inputs() -> None:
    assert provenance.contributions(FRAME, "BABA", "capex", "Q3", END) == []
