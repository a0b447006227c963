"""The record form's quarter mode: a company's metrics listed with their last values, several
figures filled and recorded in one write, each problem under its metric, nothing half saved."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from capexwatch.core.figures import store
from capexwatch.core.peers.quarter import hints
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.forms.quarter import QuarterFields
from capexwatch.tui.forms.record import RecordForm


class Host(App[None]):
    """A bare app that opens the form with the quarter mode's hints."""

    def __init__(self) -> None:
        super().__init__()
        self.workspace = open_workspace()
        watchlist, observations = self.workspace.watchlist, self.workspace.observations
        self.form = RecordForm(
            self.workspace.locations,
            watchlist.companies,
            company="BABA",
            hints=lambda company: hints(watchlist, observations, company),
        )
        self.results: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait for `condition` (the list is rebuilt by a handler, after the change's event)."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the form did not update")


async def quarter_mode(app: Host, pilot: Pilot[None]) -> QuarterFields:
    app.form.query_one("#what", Select).value = "quarter"
    fields = app.form.query_one(QuarterFields)
    await until(pilot, lambda: bool(fields.metrics) and bool(app.form.query("#q-revenue")))
    return fields


async def fill_and_save(app: Host, pilot: Pilot[None], **figures: str) -> None:
    """Quarter mode, FY2027Q1 from the Q1 release, the given figures, ctrl+s."""
    await quarter_mode(app, pilot)
    for key, value in (("period", "FY2027Q1"), ("source", "Q1 release")):
        app.form.query_one(f"#{key}", Input).value = value
    for metric, value in figures.items():
        app.form.query_one(f"#q-{metric}", Input).value = value
    await pilot.press("ctrl+s")


async def test_the_quarter_lists_the_companys_metrics_with_their_last_values() -> None:
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        fields = await quarter_mode(app, pilot)
        assert fields.display and not app.form.query_one("#record-field-metric").display
        assert {"revenue", "capex", "cloud_revenue", "operating_cash_flow"} <= set(fields.metrics)
        revenue = app.form.query_one("#q-revenue", Input)
        assert revenue.placeholder == "last 247.8B CNY (FY2026Q2)"
        # Another company: its own metrics.
        app.form.query_one("#company", Select).value = "MSFT"
        await until(pilot, lambda: "USD" in app.form.query_one("#q-revenue", Input).placeholder)
        assert app.form.query_one("#q-revenue", Input).placeholder.endswith("USD (FY2026Q2)")


async def test_filled_figures_are_recorded_in_one_write() -> None:
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        await fill_and_save(app, pilot, revenue="250.1B", capex="38.6B")
        await until(pilot, lambda: bool(app.results))
        assert app.results and "recorded BABA FY2027Q1 in one write" in str(app.results[0])
    stored = store.read(app.workspace.locations.imported)
    assert sorted(stored.get_column("metric").to_list()) == ["capex", "revenue"]
    assert set(stored.get_column("source").to_list()) == {"Q1 release"}


async def test_a_bad_figure_is_named_under_its_line_and_nothing_is_written() -> None:
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        await fill_and_save(app, pilot, revenue="250.1B", capex="lots")
        await pilot.pause()
        assert app.screen is app.form and not app.results
        error = app.form.query_one("#q-error-capex", Static)
        assert error.display and "lots" in str(error.render())
        assert not app.form.query_one("#q-error-revenue", Static).display
    assert not app.workspace.locations.imported.exists()
