"""A watchlist or plan deleted while the app runs is reported, never replaced with defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from capexwatch.tui.app import CapexwatchApp
from tests.app.test_review_loop import run_app
from tests.waiting import wait_for


@pytest.mark.parametrize("name", ["watchlist.toml", "plan.toml"])
def test_a_deleted_file_keeps_the_last_good_state_and_is_not_recreated(
    config_dir: Path, name: str
) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        path = config_dir / name
        kept = path.read_bytes()
        signals = len(app.snapshot.results)
        path.unlink()
        banner = app.query_one("#error-banner")
        await wait_for(pilot, lambda: "-visible" in banner.classes)
        assert "the file is gone" in str(banner.render())
        assert not path.exists()  # the defaults were not written over the user's intent
        assert len(app.snapshot.results) == signals
        path.write_bytes(kept)  # put back: the app picks it up and the banner goes
        await wait_for(pilot, lambda: "-visible" not in banner.classes)

    run_app(config_dir, body)
