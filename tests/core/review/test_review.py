"""The review log, what changed since the last review, and threshold crossings with hysteresis."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from capexwatch.core.plan.model import Entry, Plan
from capexwatch.core.review import diff as review_diff
from capexwatch.core.review import log as review
from capexwatch.core.signals import crossings
from capexwatch.core.snapshot import picture as snap
from capexwatch.core.watchlist.model import Signal, UiSettings, Watchlist
from tests.frames import obs

DAY = dt.date(2026, 1, 20)


def points(*values: float | None) -> list[tuple[str, dt.date, float | None]]:
    return [
        (f"P{i}", dt.date(2024, 1, 1) + dt.timedelta(days=91 * i), v) for i, v in enumerate(values)
    ]


# ── hysteresis ──────────────────────────────────────────────────────────────────────────────


def test_a_value_sitting_on_the_line_does_not_flap() -> None:
    # Without the band, 0.341 / 0.339 / 0.341 around 0.34 would be three crossings.
    side, found = crossings.crossings(points(0.30, 0.341, 0.339, 0.341, 0.34), ">", 0.34, 0.005)
    assert found == ()
    assert side == "short"


def test_a_clear_crossing_is_recorded_once_each_way() -> None:
    side, found = crossings.crossings(points(0.30, 0.36, 0.338, 0.33, 0.36), ">", 0.34, 0.005)
    assert [(c.period, c.side) for c in found] == [("P1", "past"), ("P3", "short"), ("P4", "past")]
    assert side == "past"


def test_zero_band_holds_a_value_exactly_on_the_line() -> None:
    side, found = crossings.crossings(points(-5.0, 0.0, -1.0, 0.0, 2.0), "<", 0.0, 0.0)
    assert side == "short"
    assert [(c.period, c.side) for c in found] == [("P4", "short")]


def test_band_is_half_of_near_or_one_percent_of_the_threshold() -> None:
    s = Signal("s", "S", company="A", metric="m", op=">", threshold=0.34, near=0.02)
    assert crossings.band(s, 0.34) == 0.01
    assert crossings.band(Signal("t", "T", op="<", threshold=200.0), 200.0) == 2.0
    assert crossings.band(Signal("u", "U", op="<", threshold=0.0), 0.0) == 0.0


# ── the log and the diff ────────────────────────────────────────────────────────────────────


def watchlist(threshold: float = 0.34) -> Watchlist:
    signals = (
        Signal(
            "growth",
            "Cloud growth",
            company="BABA",
            metric="cloud_revenue_yoy",
            op=">",
            threshold=threshold,
            near=0.02,
        ),
    )
    from capexwatch.core.watchlist.model import Company

    return Watchlist(
        Path("w.toml"), {"BABA": Company("BABA", "Alibaba", "CNY")}, {}, (), UiSettings(), signals
    )


def growth(*pairs: tuple[str, str, float]):
    rows = []
    for period, end, value in pairs:
        rows.append(
            {
                "metric": "cloud_revenue_yoy",
                "period": period,
                "period_end": end,
                "value": value,
                "unit": "ratio",
                "published": "2025-11-25",
            }
        )
    return obs(*rows)


def test_first_review_then_nothing_changed(tmp_path: Path) -> None:
    log = tmp_path / "state" / "reviews.jsonl"
    snapshot = snap.build(
        watchlist(), growth(("Q1", "2025-06-30", 0.26), ("Q2", "2025-09-30", 0.33)), DAY
    )
    assert review_diff.since_last(log, snapshot).summary() == "not reviewed yet"
    recorded, diff = review_diff.mark(log, snapshot)
    assert diff.since is None
    assert recorded.signals["growth"].status == "near"
    assert recorded.signals["growth"].value == 0.33
    again = review_diff.since_last(log, snapshot)
    assert again.count == 0 and again.summary() == "0 changes since review"
    line = json.loads(log.read_text().splitlines()[0])
    assert line["signals"]["growth"]["side"] == "short"


def test_new_data_crossing_gate_and_rule_changes_are_reported(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    before = growth(("Q1", "2025-06-30", 0.26), ("Q2", "2025-09-30", 0.33))
    review_diff.mark(log, snap.build(watchlist(), before, DAY))
    after = growth(
        ("Q1", "2025-06-30", 0.27), ("Q2", "2025-09-30", 0.33), ("Q3", "2025-12-31", 0.37)
    )
    diff = review_diff.since_last(log, snap.build(watchlist(), after, DAY))
    kinds = {c.kind: c.text for c in diff.changes}
    assert kinds["crossed"].startswith("Cloud growth: crossed its line")
    assert "NEAR → TRIGGERED" in kinds["crossed"]
    assert kinds["revised"] == "BABA cloud_revenue_yoy Q1 revised: 26.0% → 27.0%"
    assert kinds["new_data"] == "BABA cloud_revenue_yoy: new figures for Q3"
    assert diff.changes[0].kind == "crossed"  # most important first
    edited = review_diff.since_last(log, snap.build(watchlist(0.30), before, DAY))
    assert [c.kind for c in edited.changes] == ["crossed", "rule"]
    assert (
        "cloud_revenue_yoy > 0.34 (near 0.02) → cloud_revenue_yoy > 0.3" in edited.changes[1].text
    )


def test_a_wobble_on_the_line_is_a_status_change_but_not_a_crossing(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    review_diff.mark(log, snap.build(watchlist(), growth(("Q1", "2025-06-30", 0.339)), DAY))
    wobble = growth(("Q1", "2025-06-30", 0.339), ("Q2", "2025-09-30", 0.341))
    diff = review_diff.since_last(log, snap.build(watchlist(), wobble, DAY))
    assert [c.kind for c in diff.changes] == ["status", "new_data"]
    assert "NEAR → TRIGGERED" in diff.changes[0].text


def test_gates_that_moved_and_history(tmp_path: Path) -> None:
    log = tmp_path / "reviews.jsonl"
    data = growth(("Q1", "2025-06-30", 0.26))
    empty_plan = Plan(Path("p.toml"), {})
    review_diff.mark(log, snap.build(watchlist(), data, DAY, plan=empty_plan))
    filled = Plan(
        Path("p.toml"), {"utilization": Entry("", "", {"threshold": 0.8, "current": 0.9})}
    )
    recorded, diff = review_diff.mark(log, snap.build(watchlist(), data, DAY, plan=filled))
    assert [c.text.split(":")[0] for c in diff.changes] == ["gate utilization"]
    assert "OPEN → PASS" in diff.changes[0].text
    assert recorded.changes == (diff.changes[0].text,)
    with log.open("a") as handle:
        handle.write('{"at": "broken\n')  # a crash mid-write must not lose the history
    past = review.history(log)
    assert len(past) == 2
    assert past[1].gates["utilization"].status == "pass"
    assert past[1].gate_counts()["open"] == 6


def test_the_history_counts_the_tripwire_as_a_gate_not_a_signal() -> None:
    from capexwatch.core.plan import tripwire

    def mark(sid: str, status: str) -> review.SignalMark:
        return review.SignalMark(sid, sid, status, None, None, None, False, None, "")

    past = review.Review(
        dt.datetime(2026, 1, 20),
        {"a": mark("a", "ok"), tripwire.SIGNAL_ID: mark(tripwire.SIGNAL_ID, "triggered")},
        {},
        {},
    )
    assert past.status_counts() == {"ok": 1}
