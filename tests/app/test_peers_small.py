"""Peers on small terminals: every sample company shows; the chart shrinks, then goes."""

from __future__ import annotations

from textual.widgets import Static

from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.widgets.chart import HistoryChart
from tests.app.conftest import MakeApp


async def test_at_80x24_all_five_companies_and_the_cells_source_show(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("j", "l", "l")  # Tencent's capex: a converted figure with a long source
        await pilot.pause(0.2)
        grid = app.query_one(PeersPanel).grid
        assert grid is not None and len(grid.order) == 5
        rows_shown = grid.scrollable_content_region.height - 1  # the header row
        assert rows_shown >= 5, rows_shown
        why = app.query_one("#peers-why", Static)
        assert why.size.height == 4  # the playbook's reason and the cell's source line
        assert "source:" in str(why.content)
        chart = app.query_one("#peers-chart", HistoryChart)
        assert chart.display and chart.outer_size.height <= 7


async def test_shorter_than_24_rows_the_chart_goes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        chart = app.query_one("#peers-chart", HistoryChart)
        assert not chart.display or chart.outer_size.height == 0
        grid = app.query_one(PeersPanel).grid
        assert grid is not None and grid.scrollable_content_region.height - 1 >= 5
