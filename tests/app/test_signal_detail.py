"""The details pane says why a signal has no status, and charts what the value is judged by."""

from __future__ import annotations

from textual.widgets import Static

from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.watchlist.panel import WatchlistPanel
from capexwatch.tui.widgets.chart import HistoryChart
from tests.app.conftest import MakeApp


async def _select(app: CapexwatchApp, signal_id: str) -> str:
    await app.workers.wait_for_complete()
    app.query_one(WatchlistPanel).select(signal_id)
    return str(app.query_one("#detail-text", Static).render())


async def test_no_data_says_why_in_the_details(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        text = await _select(app, "baba-opex-outpaces-revenue")
        await pilot.pause()
        # A figure (18.8%) but nothing to judge it by: the pane says what is missing, in words.
        assert "No status: no Revenue YoY for FY2026Q2 to compare with." in text


async def test_a_metric_threshold_is_drawn_as_its_history(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _select(app, "amzn-capex-outpaces-revenue")
        await pilot.pause()
        figure = app.query_one("#detail-chart", HistoryChart)._figure
        assert figure.against is not None
        label, line = figure.against
        assert label == "Revenue YoY"
        # One value per period of the history, and not all the same (not a flat latest level).
        assert len(line) == len(figure.values)
        assert len({v for v in line if v is not None}) > 1
