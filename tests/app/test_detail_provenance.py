"""The detail pane traces every figure: recorded events, revisions, and derived values' inputs."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from capexwatch.tui.cli import main
from capexwatch.tui.watchlist.panel import WatchlistPanel
from tests.app.conftest import MakeApp


async def detail_of(make_app: MakeApp, signal_id: str) -> str:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        app.query_one(WatchlistPanel).select(signal_id)
        await pilot.pause()
        return str(app.query_one("#detail-text", Static).render())


async def test_an_event_signal_lists_its_recorded_events(
    make_app: MakeApp, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["event", "add", "BABA", "utilization_disclosure", "GPU fleet fully used",
                 "--source", "FY2026Q2 call", "--date", "2025-11-25"]) == 0  # fmt: skip
    assert main(["event", "add", "BABA", "capacity_commentary", "More capacity soon",
                 "--source", "press", "--date", "2025-12-01"]) == 0  # fmt: skip
    capsys.readouterr()
    shown = await detail_of(make_app, "baba-gpu-utilization-disclosed")
    assert "Recorded events" in shown
    assert "2025-11-25  utilization_disclosure: GPU fleet fully used · FY2026Q2 call" in shown
    assert "More capacity soon" not in shown  # another kind: not what this signal watches
    assert "No figure yet" not in shown  # an event signal has events, not figures


async def test_a_revision_signal_shows_old_and_new_with_both_dates_and_sources(
    make_app: MakeApp, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["data", "add", "BABA", "capex_plan", "FY2026-FY2028", "350B", "--kind",
                 "guidance", "--freq", "FY", "--start", "2025-04-01", "--end", "2028-03-31",
                 "--source", "FY2026Q3 call"]) == 0  # fmt: skip
    capsys.readouterr()
    shown = await detail_of(make_app, "baba-capex-guidance-cut")
    assert "Revisions, latest first" in shown
    assert "FY2026-FY2028  380.0B CNY → 350.0B CNY" in shown
    assert "revised 2026-01-20 · FY2026Q3 call" in shown
    assert "was published " in shown


async def test_a_derived_value_names_its_inputs_sources_and_dates(make_app: MakeApp) -> None:
    shown = await detail_of(make_app, "msft-capex-intensity")
    assert "FY2026Q2  computed: capex / revenue, from" in shown
    assert "    Capex FY2026Q2 = 37.5B USD" in shown
    source = "article: https://convergedigest.com/microsoft-tokens-per-watt-per-dollar/"
    assert f"      {source}" in shown
    assert "    Revenue FY2026Q2 = 81.3B USD" in shown


async def test_without_history_the_words_take_the_whole_pane(make_app: MakeApp) -> None:
    from capexwatch.tui.widgets.chart import HistoryChart

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(WatchlistPanel)
        panel.select("baba-gpu-utilization-disclosed")  # an event: nothing to chart
        await pilot.pause()
        assert not app.query_one("#detail-chart", HistoryChart).display
        assert app.query_one("#detail-scroll").size.width >= 70
        panel.select("msft-capex-intensity")
        await pilot.pause()
        assert app.query_one("#detail-chart", HistoryChart).display
