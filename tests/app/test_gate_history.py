"""The Pressure test card shows the gate's history: the deciding input over past reviews."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from tests.app.test_review_loop import card_text, run_app


def test_the_utilization_card_draws_current_over_past_reviews(config_dir: Path) -> None:
    assert main(["plan", "set", "utilization.threshold", "0.85"]) == 0
    for current in ("0.70", "0.78", "0.83"):
        assert main(["plan", "set", "utilization.current", current]) == 0
        assert main(["review", "--mark"]) == 0
    assert main(["plan", "set", "utilization.current", "0.88"]) == 0

    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("3")
        await pilot.pause()
        text = card_text(app, "utilization")
        line = next(ln for ln in text.splitlines() if ln.startswith("History"))
        assert "current 70.0% → 88.0% now · break-even 85.0% · 3 reviews" in line
        blocks = line.split()[1]
        assert len(blocks) == 4 and blocks[0] == "▁" and blocks[-1] == "█"
        # A gate no review has recorded yet has no history line.
        assert "History" not in card_text(app, "unit_economics")

    run_app(config_dir, body)
