"""The in-app form that records a figure or an event: same checks as `data add` / `event add`."""

from __future__ import annotations

import polars as pl
from textual.app import App, ComposeResult
from textual.widgets import Input, Select, Static

from capexwatch.core.figures import events, store
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.forms.record import RecordForm


class Host(App[None]):
    """A bare app that opens the form and keeps what it dismissed with."""

    def __init__(self, company: str | None = "BABA") -> None:
        super().__init__()
        self.workspace = open_workspace()
        self.form = RecordForm(
            self.workspace.locations, self.workspace.watchlist.companies, company=company
        )
        self.results: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def fill(form: RecordForm, **values: str) -> None:
    for key, value in values.items():
        form.query_one(f"#{key}", Input).value = value


def error(form: RecordForm, key: str) -> str:
    widget = form.query_one(f"#record-error-{key}", Static)
    return str(widget.render()) if widget.display else ""


async def test_a_figure_typed_as_people_write_it_is_recorded() -> None:
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.form, metric="capex", period="FY2026Q3", value="41B", source="Q3 release")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["recorded BABA capex FY2026Q3 = 41.0B CNY"]
        assert app.screen is not app.form
    row = store.read(app.workspace.locations.imported).row(0, named=True)
    assert (row["value"], row["unit"], str(row["period_start"]), str(row["period_end"])) == (
        41e9,
        "CNY",
        "2025-10-01",
        "2025-12-31",
    )
    assert str(row["published"]) == "2026-01-20"  # today, pinned by the test set-up


async def test_problems_show_under_their_fields_and_nothing_is_written() -> None:
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        fill(app.form, metric="capex", period="FY2026Q3", value="N/A", source="")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.form
        assert "'N/A' is not a number" in error(app.form, "value")
        assert "is empty" in error(app.form, "source")
        assert error(app.form, "metric") == ""
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
    assert not app.workspace.locations.imported.exists()


async def test_an_event_is_recorded() -> None:
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        app.form.query_one("#what", Select).value = "event"
        await pilot.pause()
        assert not app.form.query_one("#record-field-value").display
        fill(
            app.form,
            event_kind="utilization_disclosure",
            text="GPU fleet fully utilized",
            source="FY2026Q3 call",
            date="2026-01-15",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["recorded BABA utilization_disclosure on 2026-01-15"]
    recorded = events.load(app.workspace.locations.events)
    assert recorded.filter(pl.col("kind") == "utilization_disclosure").height == 1


async def test_an_event_without_a_company_names_the_field() -> None:
    app = Host(company=None)
    async with app.run_test(size=(100, 40)) as pilot:
        app.form.query_one("#what", Select).value = "event"
        await pilot.pause()
        fill(app.form, event_kind="capacity", text="sold out", source="call")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a company id" in error(app.form, "company")
    assert not app.workspace.locations.events.exists()
