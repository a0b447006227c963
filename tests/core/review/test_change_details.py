"""What the Changes view lists: each change's company, metric, period, old → new and source,
grouped and newest first; the review's note; each gate's deciding input in the log."""

from __future__ import annotations

import json
from pathlib import Path

from capexwatch.core.plan.model import Entry, Plan
from capexwatch.core.review import diff as review_diff
from capexwatch.core.review import log as review
from capexwatch.core.review.diff import Change
from capexwatch.core.snapshot import picture as snap
from tests.core.review.test_review import DAY, growth, watchlist


def test_each_change_names_company_metric_period_old_new_and_source(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    review_diff.mark(log, snap.build(watchlist(), growth(("Q1", "2025-06-30", 0.33)), DAY))
    after = growth(("Q1", "2025-06-30", 0.32), ("Q2", "2025-09-30", 0.37))
    diff = review_diff.since_last(log, snap.build(watchlist(), after, DAY))
    by_kind = {c.kind: c for c in diff.changes}
    crossed = by_kind["crossed"]
    assert (crossed.company, crossed.metric, crossed.period) == ("BABA", "cloud_revenue_yoy", "Q2")
    assert (crossed.old, crossed.new) == ("33.0% NEAR", "37.0% TRIGGERED")
    assert crossed.source == "test" and crossed.target == "signal"
    revised = by_kind["revised"]
    assert (revised.period, revised.old, revised.new, revised.source) == (
        "Q1",
        "33.0%",
        "32.0%",
        "test",
    )
    assert revised.target == "figure" and revised.when == "2025-06-30"
    new = by_kind["new_data"]
    assert (new.company, new.metric, new.period, new.new) == (
        "BABA",
        "cloud_revenue_yoy",
        "Q2",
        "37.0%",
    )


def test_changes_are_grouped_by_kind_then_newest_first() -> None:
    changes = [
        Change("revised", "a", "old revision", when="2024-03-31"),
        Change("new_data", "b", "new", when="2025-12-31"),
        Change("revised", "c", "new revision", when="2025-09-30"),
        Change("later_kind", "d", "a kind added later", when="2026-01-01"),
        Change("crossed", "e", "crossing", when="2023-12-31"),
    ]
    texts = [c.text for c in review_diff.ordered(changes)]
    assert texts == ["crossing", "new revision", "old revision", "new", "a kind added later"]


def test_the_note_is_kept_in_the_log_and_read_back(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    snapshot = snap.build(watchlist(), growth(("Q1", "2025-06-30", 0.33)), DAY)
    recorded, _ = review_diff.mark(log, snapshot, "Cloud is near: wait for Q2\x1b[31m")
    assert recorded.note.startswith("Cloud is near: wait for Q2")
    assert "\x1b" not in recorded.note  # no escape reaches the log
    assert review.last(log).note == recorded.note  # type: ignore[union-attr]
    assert json.loads(log.read_text())["note"] == recorded.note


def test_a_log_line_from_before_notes_and_sources_still_reads(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    old = {
        "version": 1,
        "at": "2026-01-01T09:00:00+00:00",
        "signals": {},
        "gates": {"utilization": {"id": "utilization", "status": "open", "detail": "needs"}},
        "data": {"BABA|capex|quarterly|2025-09-30|actual": [1.0, "Q2", "CNY"]},
        "changes": [],
    }
    log.write_text(json.dumps(old) + "\n")
    (read,) = review.history(log)
    assert read.note == "" and read.data["BABA|capex|quarterly|2025-09-30|actual"][3] == ""
    assert read.gates["utilization"].inputs == {}


def test_each_gate_records_its_inputs_and_deciding_value(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    plan = Plan(Path("p.toml"), {"utilization": Entry("", "", {"threshold": 0.8, "current": 0.7})})
    snapshot = snap.build(watchlist(), growth(("Q1", "2025-06-30", 0.26)), DAY, plan=plan)
    review_diff.mark(log, snapshot)
    mark = review.last(log).gates["utilization"]  # type: ignore[union-attr]
    assert mark.inputs == {"threshold": 0.8, "current": 0.7}
    assert (mark.deciding, mark.value, mark.break_even) == ("current", 0.7, 0.8)
