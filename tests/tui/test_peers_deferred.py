"""The peers grid is built when the Peers tab is first shown, not before the first frame."""

from __future__ import annotations

from tests.tui.conftest import MakeApp
from tui.peers.panel import PeersPanel


async def test_the_grid_waits_for_the_peers_tab(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.query_one(PeersPanel)
        assert panel.grid is None  # the watchlist is on screen; nothing spent on peers yet
        await pilot.press("2")
        await pilot.pause()
        assert panel.grid is not None
        assert panel.grid.row_count == 5  # every sample company
        app.apply_snapshot(app.snapshot)  # a refresh while peers is visible redraws at once
        await pilot.pause()
        assert panel.grid is not None and panel.grid.row_count == 5
