"""Importing from the app: the same all-or-nothing checks as `capexwatch import`."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Input, Static

from capexwatch.core.figures import store
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.forms.import_file import ImportForm

HEADER = "company,metric,period,value,unit,source"


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.workspace = open_workspace()
        self.form = ImportForm(self.workspace.locations, self.workspace.watchlist)
        self.results: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def problems(form: ImportForm) -> str:
    return str(form.query_one("#import-problems-text", Static).render())


async def test_a_bad_row_keeps_the_form_open_and_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(f"{HEADER}\nBABA,capex,FY2026Q3,41B,CNY,a\nBABA,capex,FY2026Q2,N/A,CNY,a\n")
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.form.query_one("#path", Input).value = str(path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.form
        assert f"{path}:3:" in problems(app.form) and "'N/A' is not a number" in problems(app.form)
        assert not app.workspace.locations.imported.exists()
        app.form.query_one("#skip", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["imported 1 new row(s) from CSV; skipped 1 problem"]
    assert store.read(app.workspace.locations.imported).get_column("value").to_list() == [41e9]


async def test_a_missing_file_is_named() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.form.query_one("#path", Input).value = "~/no-such-file.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert "no-such-file.csv: cannot read" in problems(app.form)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_a_metric_of_the_users_own_data_is_a_known_one(tmp_path: Path) -> None:
    workspace = open_workspace()
    mine = {"company": "BABA", "metric": "quick_commerce_orders", "period": "FY2026Q2",
            "value": 1e9, "unit": "count", "source": "recorded"}  # fmt: skip
    store.add(workspace.locations.imported, store.to_frame([mine]))
    path = tmp_path / "more.csv"
    path.write_text(f"{HEADER}\nBABA,quick_commerce_orders,FY2026Q3,1.2B,count,sheet\n")
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.form.query_one("#path", Input).value = str(path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results and app.results[0] is not None, problems(app.form)
    assert store.read(app.workspace.locations.imported).height == 2
