"""A forecast driving a signal is marked in the watchlist row and the details."""

from __future__ import annotations

from textual.widgets import Static

from capexwatch.tui.watchlist.panel import WatchlistPanel
from capexwatch.tui.watchlist.table import SignalsTable
from tests.app.conftest import MakeApp


async def test_the_row_and_the_details_say_estimate(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        panel = app.query_one(WatchlistPanel)
        panel.select("baba-cmr-growth")
        await pilot.pause()
        table = app.query_one(SignalsTable)
        row = [str(c) for c in table.get_row_at(table.cursor_row)]
        assert any(c.endswith("· ~ estimate") for c in row), row
        assert "~10.0%" in row
        shown = str(app.query_one("#detail-text", Static).render())
        assert "Latest 10.0% ~ estimate (FY2026" in shown
        assert "The latest figure is estimate, not a reported actual." in shown
        panel.select("baba-fcf-negative")
        await pilot.pause()
        row = [str(c) for c in table.get_row_at(table.cursor_row)]
        assert not any("~" in c for c in row), row
