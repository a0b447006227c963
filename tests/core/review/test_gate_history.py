"""core.review.gate_history: each gate's deciding input at each recorded review."""

from __future__ import annotations

from pathlib import Path

from capexwatch.core.plan.model import Entry, Plan
from capexwatch.core.review import diff as review_diff
from capexwatch.core.review import gate_history
from capexwatch.core.review import log as review
from capexwatch.core.snapshot import picture as snap
from tests.core.review.test_review import DAY, growth, watchlist


def test_points_follow_the_deciding_input_and_skip_undecided_gates(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    data = growth(("Q1", "2025-06-30", 0.26))
    for current in (0.7, 0.9):
        entry = Entry("", "", {"threshold": 0.8, "current": current})
        plan = Plan(Path("p.toml"), {"utilization": entry})
        review_diff.mark(log, snap.build(watchlist(), data, DAY, plan=plan))
    points = gate_history.all_points(review.history(log))
    assert [(p.value, p.break_even, p.status) for p in points["utilization"]] == [
        (0.7, 0.8, "fail"),
        (0.9, 0.8, "pass"),
    ]
    assert "gpu_priority" not in points  # ranked workloads: no single number decides it
    assert [p.value for p in points["unit_economics"]] == [None, None]  # not given yet
