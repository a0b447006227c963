"""The record and add-signal forms built ahead (tui.forms.spare) open as fresh ones would."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select

from capexwatch.tui.forms.record import RecordForm
from capexwatch.tui.watchlist.form import SignalForm
from capexwatch.tui.watchlist.panel import WatchlistPanel
from tests.app.conftest import MakeApp

GPU = "baba-gpu-utilization"
EVENT = "baba-gpu-utilization-disclosed"


async def spares_ready(app: Any, pilot: Pilot[Any]) -> dict[str, Any]:
    """Wait (by events, up to a generous bound) until both forms are built and mounted."""
    for _ in range(400):
        screens = dict(app.spares.screens)
        if len(screens) == 2 and all(s.is_mounted for s in screens.values()):
            await pilot.pause()
            return screens
        await pilot.pause(0.05)
    raise AssertionError(f"the spare forms were not built: {app.spares.screens}")


def shown_fields(form: RecordForm) -> set[str]:
    fields = form.query(".record-field")
    return {(w.id or "").removeprefix("record-field-") for w in fields if w.id and w.display}


async def test_the_record_form_built_ahead_is_preset_to_the_selection(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        spare = (await spares_ready(app, pilot))["record"]
        app.query_one(WatchlistPanel).select(GPU)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert form is spare and isinstance(form, RecordForm)
        assert form.query_one("#company", Select).value == "BABA"
        assert form.query_one("#metric", Input).value == "gpu_utilization"
        assert form.query_one("#published", Input).value == "2026-01-20"  # today (pinned)
        assert form.focused is form.query_one("#period", Input)
        assert "period" in shown_fields(form) and "text" not in shown_fields(form)
        await pilot.press(*"FY2026Q3", "tab", *"72%", "tab", *"Q3 call", "enter")
        await pilot.pause()
        assert app.screen is not form
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = app.query_one(WatchlistPanel).table.get_row(GPU)
        assert "TRIGGERED" in str(row[0])
        # Used once: another is built for the next open.
        again = (await spares_ready(app, pilot))["record"]
        assert again is not spare and not spare.is_attached


async def test_the_record_form_built_ahead_starts_on_an_event(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        spare = (await spares_ready(app, pilot))["record"]
        app.query_one(WatchlistPanel).select(EVENT)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert form is spare and isinstance(form, RecordForm)
        assert form.query_one("#what", Select).value == "event"
        assert form.query_one("#event_kind", Input).value == "utilization_disclosure"
        assert form.query_one("#date", Input).value == "2026-01-20"
        assert form.focused is form.query_one("#text", Input)
        assert "text" in shown_fields(form) and "period" not in shown_fields(form)


async def test_the_add_form_built_ahead_saves_a_signal(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        spare = (await spares_ready(app, pilot))["add"]
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert form is spare and isinstance(form, SignalForm)
        assert form.focused is form.query_one("#id", Input)
        form.query_one("#title", Input).value = "Spare"
        form.query_one("#metric", Input).value = "capex"
        form.query_one("#threshold", Input).value = "1"
        form.query_one("#company", Select).value = "BABA"
        await pilot.press(*"spare-signal", "ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.snapshot.watchlist.signal("spare-signal") is not None


async def test_a_spare_built_before_the_companies_changed_is_not_used(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        spare = (await spares_ready(app, pilot))["record"]
        path = app.workspace.watchlist.path
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text + '\n[company.NEWCO]\nname = "New Co"\ncurrency = "USD"\n',
            encoding="utf-8",
        )
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "NEWCO" in app.snapshot.watchlist.companies
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form is not spare
        assert "NEWCO" in form.companies
        assert not spare.is_attached
