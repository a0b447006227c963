"""The peers grid is built when the Peers tab is first shown, not before the first frame."""

from __future__ import annotations

from capexwatch.tui.peers.panel import PeersPanel
from tests.app.conftest import MakeApp


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


async def test_a_sort_repaints_the_same_grid_in_the_new_order(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        panel = app.query_one(PeersPanel)
        grid = panel.grid
        assert grid is not None
        grid.focus()
        await pilot.press("right", "right", "s")  # Capex YoY, highest first
        await pilot.pause()
        assert panel.grid is grid  # reordered in place: focus and footer untouched
        assert grid.has_focus
        first_row = "".join(segment.text for segment in grid.render_line(1))
        names = {cid: c.name for cid, c in app.snapshot.watchlist.companies.items()}
        assert names[grid.order[0]][:8] in first_row
        assert grid.order[0] != "BABA"  # the watchlist's first company no longer leads
