"""Recording the day's figure from where one looks at it, and seeing its signal move."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from capexwatch.tui.forms.import_file import ImportForm
from capexwatch.tui.forms.record import RecordForm
from capexwatch.tui.header import AppHeader
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.watchlist.panel import WatchlistPanel
from tests.app.conftest import MakeApp

GPU = "baba-gpu-utilization"


def status_cell(app: object, signal_id: str) -> str:
    table = app.query_one(WatchlistPanel).table  # type: ignore[attr-defined]
    return str(table.get_row(signal_id)[0])


async def test_record_the_days_figure_and_the_signal_moves(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert "TRIGGERED" not in status_cell(app, GPU)
        app.query_one(WatchlistPanel).select(GPU)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        # Preset to the selected signal: only the period, the figure and the source are typed.
        assert form.query_one("#company", Select).value == "BABA"
        assert form.query_one("#metric", Input).value == "gpu_utilization"
        assert form.focused is form.query_one("#period", Input)
        # Period, value and source in a row: tab goes straight from the figure to its source.
        await pilot.press(*"FY2026Q3", "tab", *"72%", "tab", *"Q3 call", "enter")
        await pilot.pause()
        assert app.screen is not form
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "TRIGGERED" in status_cell(app, GPU)
        notes = [str(n.message) for n in app._notifications]
        assert any("recorded BABA gpu_utilization FY2026Q3 = 72.0%" in m for m in notes), notes
        assert not any("changed on disk" in m for m in notes)


async def test_record_from_peers_presets_company_and_column_metric(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        grid = app.query_one(PeersPanel).grid
        assert grid is not None
        grid.move_cursor(row=1, column=2)  # second company, the capex column (after Period)
        await pilot.pause()
        company = grid.company
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#company", Select).value == company
        assert form.query_one("#metric", Input).value == "capex"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)


async def test_import_opens_from_the_app_and_the_palette_lists_both(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportForm)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"record a")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)


TRIPWIRE_PLAN = """
[tripwire]
company = "BABA"
metric = "cloud_revenue_yoy"
op = "<"
threshold = 0.50
decision = "Pause the next GPU order"
"""


async def test_the_plan_tripwire_is_a_row_that_points_to_plan_toml(
    make_app: MakeApp, config_dir: Path
) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "plan.toml").write_text(TRIPWIRE_PLAN, encoding="utf-8")
    app = make_app()
    watchlist_before = (config_dir / "watchlist.toml").read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(WatchlistPanel)
        assert app.snapshot.tripwire is not None
        row = [str(c) for c in panel.table.get_row("plan-tripwire")]
        assert row[1].startswith("plan.toml tripwire: Pause"), row
        # Counted as core counts it (the CLI's check and the memo too): not among the signals.
        header = str(app.query_one(AppHeader).render())
        triggered = app.snapshot.counts()["triggered"]
        assert f"▲ {triggered} triggered" in header
        assert len(app.snapshot.results) + 1 == len(panel.table.results)
        panel.select("plan-tripwire")
        await pilot.pause()
        detail = str(app.query_one("#detail-text", Static).render())
        assert "plan.toml [tripwire]" in detail and "Pressure test panel" in detail
        for key in ("e", "d", "m"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.screen_stack[0], key  # no form, no confirmation
        notes = [str(n.message) for n in app._notifications]
        assert len([m for m in notes if "lives in" in m and "Pressure test panel" in m]) == 3
    assert (config_dir / "watchlist.toml").read_bytes() == watchlist_before


def test_the_form_starts_on_the_metric_one_records() -> None:
    from capexwatch.tui.forms.actions import recordable

    assert recordable("cloud_revenue_yoy") == "cloud_revenue"  # a change: its figure
    assert recordable("operating_margin_yoy") is None  # a change of a formula: two inputs
    assert recordable("capex_intensity") is None
    assert recordable("gpu_utilization") == "gpu_utilization"
    assert recordable("a_users_own_metric") == "a_users_own_metric"


async def test_the_footer_at_120_columns_shows_record(make_app: MakeApp) -> None:
    from textual.widgets import Footer

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = [str(k.key_display) for k in app.query_one(Footer).query("FooterKey")]
        assert "n" in keys and "1" not in keys  # the tabs already say 1 2 3
        record = next(k for k in app.query_one(Footer).query("FooterKey") if k.key == "n")
        assert record.region.right <= 120 - len("^p palette")  # on screen, not cut


async def test_record_from_an_event_signal_records_that_event(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(WatchlistPanel).select("baba-gpu-utilization-disclosed")
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#what", Select).value == "event"
        assert form.query_one("#event_kind", Input).value == "utilization_disclosure"
        assert form.focused is form.query_one("#text", Input)
        await pilot.press(*"GPUs sold out", "tab", "tab", *"Q3 call", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "TRIGGERED" in status_cell(app, "baba-gpu-utilization-disclosed")
