"""A disputed figure shows every side in the watchlist details and the peers line."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from capexwatch.tui.cli import main
from capexwatch.tui.peers.panel import PeersPanel
from tests.app.conftest import MakeApp
from tests.app.test_detail_provenance import detail_of


async def test_details_show_both_sides_and_the_users_preference(
    make_app: MakeApp, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = await detail_of(make_app, "baba-fcf-negative")
    assert "Sources disagree" in shown
    assert "  · -21.8B CNY · article: https://www.alpha-sense.com/earnings/baba" in shown
    assert "  · -21.4B CNY · derived: operating_cash_flow − capex · no publication date" in shown
    assert "Settle one: capexwatch data prefer BABA free_cash_flow PERIOD --source TEXT" in shown
    assert main(["data", "prefer", "BABA", "free_cash_flow", "FY2026Q2", "--source",
                 "derived"]) == 0  # fmt: skip
    capsys.readouterr()
    shown = await detail_of(make_app, "baba-fcf-negative")
    assert "Latest -21.4B CNY" in shown
    assert "derived: operating_cash_flow − capex · no publication date · current, preferred" in (
        shown.replace("\n", " ")
    )


async def test_the_peers_line_of_a_disputed_cell_lists_every_side(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        panel = app.query_one(PeersPanel)
        assert panel.grid is not None
        panel.grid.move_cursor(row=0, column=7)  # Alibaba's FCF (FY2026Q2), disputed
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        why = str(app.query_one("#peers-why", Static).content)
    assert "FCF: FY2026Q2" in why
    assert "disputed: -21.8B CNY · article:" in why and "-21.4B CNY · derived:" in why
