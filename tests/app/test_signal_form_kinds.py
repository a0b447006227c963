"""The signal form adds event and revision signals, and turns one kind into another."""

from __future__ import annotations

from pathlib import Path

from capexwatch.tui.watchlist.form import SignalForm
from capexwatch.tui.watchlist.panel import WatchlistPanel
from tests.app.conftest import MakeApp
from tests.app.test_watchlist_flows import _fill, settle


def entry(text: str, signal_id: str) -> str:
    return text.split(f'id = "{signal_id}"')[1].split("[[signal]]")[0]


async def test_add_an_event_signal_and_a_revision_signal(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await _fill(app, id="tcehy-capacity", title="Tencent capacity comment", kind="event")
        await pilot.pause()
        await _fill(app, company="TCEHY", event="capacity_commentary", within_days="30")
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, SignalForm)
        await pilot.press("a")
        await _fill(app, id="msft-capex-revised", title="Microsoft capex revised down")
        await _fill(app, kind="revision")
        await pilot.pause()
        await _fill(app, company="MSFT", metric="capex", op="<", threshold="-5%")
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, SignalForm)
        ids = [r.signal.id for r in app.query_one(WatchlistPanel).table.results]
        assert {"tcehy-capacity", "msft-capex-revised"} <= set(ids)
    text = watchlist_path.read_text()
    event = entry(text, "tcehy-capacity")
    assert 'event = "capacity_commentary"' in event and "within_days = 30" in event
    assert "metric" not in event and "threshold" not in event
    revision = entry(text, "msft-capex-revised")
    assert 'change = "revision"' in revision and "threshold = -0.05" in revision
    assert 'op = "<"' in revision and "event" not in revision


async def test_a_rule_turned_into_an_event_signal_loses_its_rule(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(WatchlistPanel).select("baba-gpu-utilization")
        await pilot.press("e")
        await _fill(app, kind="event")
        await pilot.pause()
        await _fill(app, event="utilization_disclosure", within_days="60")
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, SignalForm), "the form stayed open"
        result = next(r for r in app.snapshot.results if r.signal.id == "baba-gpu-utilization")
        assert result.signal.event == "utilization_disclosure" and result.signal.metric is None
    changed = entry(watchlist_path.read_text(), "baba-gpu-utilization")
    assert "metric" not in changed and "threshold" not in changed and "near" not in changed
