"""Rule evaluation: the statuses a user reads every morning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from capexwatch.core.signals import evaluate as signals
from capexwatch.core.watchlist.model import Signal
from tests.frames import obs, quarter

TODAY = dt.date(2026, 1, 20)
GROWTH = [
    quarter(
        "BABA", "cloud_revenue_yoy", "2025-04-01", "2025-06-30", 0.26, unit="ratio", period="Q1"
    ),
    quarter(
        "BABA", "cloud_revenue_yoy", "2025-07-01", "2025-09-30", 0.34, unit="ratio", period="Q2"
    ),
]


def rule(**extra: Any) -> Signal:
    base: dict[str, Any] = dict(
        id="s", title="S", company="BABA", metric="cloud_revenue_yoy", op=">", threshold=0.30
    )
    return Signal(**{**base, **extra})


def run(
    *sigs: Signal, rows: list[dict[str, Any]] = GROWTH, today: dt.date = TODAY
) -> list[signals.SignalResult]:
    return list(signals.evaluate_with_data(sigs, obs(*rows), today))


@pytest.mark.parametrize(
    ("op", "threshold", "near", "status"),
    [
        (">", 0.30, None, "triggered"),
        (">", 0.34, None, "ok"),  # equal is not beyond
        (">=", 0.34, None, "triggered"),
        (">", 0.35, 0.02, "near"),
        (">", 0.40, 0.02, "ok"),
        ("<", 0.40, None, "triggered"),
        ("<=", 0.30, 0.04, "near"),  # exactly on the band's edge counts as near
    ],
)
def test_number_rules(op: str, threshold: float, near: float | None, status: str) -> None:
    (result,) = run(rule(op=op, threshold=threshold, near=near))
    assert result.status == status
    assert result.value == 0.34 and result.previous == 0.26
    assert result.period == "Q2"


def test_no_figures_is_no_data_never_an_invented_value() -> None:
    (result,) = run(rule(metric="gpu_utilization"))
    assert result.status == "no_data"
    assert result.value is None
    assert "gpu_utilization" in result.reason


def test_stale_when_the_latest_figure_is_older_than_allowed() -> None:
    (fresh,) = run(rule(stale_after_days=150))
    (old,) = run(rule(stale_after_days=90))
    assert not fresh.stale  # 2025-09-30 is 112 days before 2026-01-20
    assert old.stale


def test_threshold_can_be_another_metric_of_the_same_period() -> None:
    rows = [
        quarter("BABA", "opex_yoy", "2025-07-01", "2025-09-30", 0.19, unit="ratio", period="Q2"),
        quarter("BABA", "revenue", "2025-07-01", "2025-09-30", 247.8, period="Q2"),
        quarter("BABA", "revenue", "2024-07-01", "2024-09-30", 236.5, period="Q2-1"),
    ]
    (result,) = run(rule(metric="opex_yoy", threshold="revenue_yoy"), rows=rows)
    assert result.status == "triggered"
    assert result.threshold == pytest.approx(247.8 / 236.5 - 1)


def test_a_metric_threshold_has_a_history_of_its_own() -> None:
    # Revenue grows 4.8% then 10%: the chart draws that line, not 10% flat across both quarters.
    rows = [
        quarter("BABA", "opex_yoy", "2025-04-01", "2025-06-30", 0.02, unit="ratio", period="Q1"),
        quarter("BABA", "opex_yoy", "2025-07-01", "2025-09-30", 0.19, unit="ratio", period="Q2"),
        quarter("BABA", "opex_yoy", "2025-10-01", "2025-12-31", 0.05, unit="ratio", period="Q3"),
        quarter(
            "BABA", "revenue_yoy", "2025-04-01", "2025-06-30", 0.048, unit="ratio", period="Q1"
        ),
        quarter("BABA", "revenue_yoy", "2025-10-01", "2025-12-31", 0.10, unit="ratio", period="Q3"),
    ]
    (result,) = run(rule(metric="opex_yoy", threshold="revenue_yoy"), rows=rows)
    assert result.thresholds == pytest.approx((0.048, None, 0.10))
    assert result.threshold == pytest.approx(0.10) and result.status == "ok"


def test_a_fixed_threshold_has_no_history() -> None:
    (result,) = run(rule())
    assert result.thresholds == ()


def test_metric_threshold_missing_for_that_period_is_no_data() -> None:
    rows = [
        quarter("BABA", "opex_yoy", "2025-07-01", "2025-09-30", 0.19, unit="ratio", period="Q2")
    ]
    (result,) = run(rule(metric="opex_yoy", threshold="revenue_yoy"), rows=rows)
    assert result.status == "no_data"
    assert result.reason == "no Revenue YoY for Q2 to compare with"  # words, not the id


def test_combined_signals() -> None:
    hit = rule(id="hit", threshold=0.30)
    close = rule(id="close", threshold=0.35, near=0.02)
    miss = rule(id="miss", threshold=0.50)
    empty = rule(id="empty", metric="gpu_utilization")
    combos = [
        Signal("all-hit-close", "x", all=("hit", "close")),
        Signal("all-hit-miss", "x", all=("hit", "miss")),
        Signal("all-hit-empty", "x", all=("hit", "empty")),
        Signal("any-miss-close", "x", any=("miss", "close")),
        Signal("any-empty", "x", any=("empty",)),
    ]
    results = {r.signal.id: r.status for r in run(hit, close, miss, empty, *combos)}
    assert results["all-hit-close"] == "near"
    assert results["all-hit-miss"] == "ok"
    assert results["all-hit-empty"] == "no_data"
    assert results["any-miss-close"] == "near"
    assert results["any-empty"] == "no_data"


def test_a_combined_signal_says_why_in_titles_not_ids() -> None:
    hit = rule(id="hit-id", title="Cloud above 30%")
    empty = rule(id="empty-id", title="GPU use", metric="gpu_utilization")
    combo = Signal("both", "x", all=("hit-id", "empty-id"))
    reason = run(hit, empty, combo)[-1].reason
    assert reason == "all of: Cloud above 30%: triggered, GPU use: no data"


def test_prefers_quarterly_series_unless_told_otherwise() -> None:
    rows = [
        *GROWTH,
        quarter(
            "BABA",
            "cloud_revenue_yoy",
            "2025-04-01",
            "2026-03-31",
            0.5,
            unit="ratio",
            freq="FY",
            period="FY2026",
        ),
    ]
    (quarterly,) = run(rule(), rows=rows)
    (yearly,) = run(rule(freq="FY"), rows=rows)
    assert quarterly.period == "Q2"
    assert yearly.period == "FY2026"


def test_sort_order_is_severity_then_distance_with_muted_last() -> None:
    sigs = [
        rule(id="far", threshold=0.10),
        rule(id="close", threshold=0.33),
        rule(id="muted", threshold=0.33, muted=True),
        rule(id="ok", threshold=0.9),
    ]
    ordered = [r.signal.id for r in sorted(run(*sigs), key=lambda r: r.sort_key)]
    assert ordered == ["close", "far", "ok", "muted"]


def _wobble(*values: float) -> list[dict[str, Any]]:
    ends = ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]
    starts = ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01"]
    return [
        quarter("BABA", "cloud_revenue_yoy", starts[i], ends[i], v, unit="ratio", period=f"Q{i}")
        for i, v in enumerate(values)
    ]


def test_a_value_wobbling_on_the_line_does_not_flip_the_status() -> None:
    # > 34% with a 2pp near band (a 1pp dead band): once triggered, 33.9% is not clearly back.
    growth = rule(threshold=0.34, near=0.02)
    statuses = [
        run(growth, rows=_wobble(*values[:n]))[0].status
        for values in [(0.339, 0.341, 0.339, 0.341)]
        for n in range(1, 5)
    ]
    assert statuses == ["near", "triggered", "triggered", "triggered"]
    (held,) = run(growth, rows=_wobble(0.30, 0.341, 0.339))
    assert "held since it triggered" in held.reason


def test_a_value_clearly_back_clears_and_the_rule_triggers_at_its_line() -> None:
    growth = rule(threshold=0.34, near=0.02)
    assert run(growth, rows=_wobble(0.36, 0.329))[0].status == "near"  # 1.1pp back: cleared
    assert run(growth, rows=_wobble(0.30, 0.3405))[0].status == "triggered"  # the rule holds
    falling = rule(metric="cloud_revenue_yoy", op="<", threshold=0.10, near=0.02)
    assert run(falling, rows=_wobble(0.09, 0.105))[0].status == "triggered"
    assert run(falling, rows=_wobble(0.09, 0.115))[0].status == "near"
