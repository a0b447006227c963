"""core.review.notify: what counts as a change to notify, and the state it keeps."""

from __future__ import annotations

from pathlib import Path

from capexwatch.core.review import notify
from capexwatch.core.snapshot import picture as snap
from capexwatch.core.watchlist.notify import NotifySettings
from tests.core.review.test_review import DAY, growth, watchlist


def test_first_run_sends_only_triggered_signals_then_nothing_until_a_change(
    tmp_path: Path,
) -> None:
    near = snap.build(watchlist(), growth(("Q1", "2025-06-30", 0.33)), DAY)
    assert notify.changes(near, None) == []  # nothing triggered: a first run says nothing
    state = notify.current(near)
    assert notify.changes(near, state) == []
    crossed = snap.build(
        watchlist(), growth(("Q1", "2025-06-30", 0.33), ("Q2", "2025-09-30", 0.37)), DAY
    )
    (change,) = notify.changes(crossed, state)
    assert (change["kind"], change["from"], change["to"]) == ("crossed", "near", "triggered")
    assert change["text"] == "Cloud growth: NEAR → TRIGGERED"


def test_a_damaged_state_file_notifies_as_a_first_run(tmp_path: Path) -> None:
    path = notify.state_path(tmp_path)
    path.write_text("{not json", "utf-8")
    assert notify.read_state(path) is None
    crossed = snap.build(watchlist(), growth(("Q1", "2025-06-30", 0.37)), DAY)
    sent = notify.notify(crossed, NotifySettings(("true",)), tmp_path)
    assert [c["kind"] for c in sent] == ["triggered"]
    assert notify.read_state(path) == notify.current(crossed)


def test_the_summary_is_one_bounded_line() -> None:
    many = [{"text": f"signal {i}: OK → TRIGGERED"} for i in range(40)]
    line = notify.summary(many)
    assert line.startswith("capexwatch: 40 changes: ") and len(line) == notify.SUMMARY_CHARS
    assert "\n" not in line and line.endswith("…")
