"""The peers panel from the keyboard: sort, select, chart, switch groups, and data never markup."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from capexwatch.core.figures import observations
from capexwatch.core.peers import sheet as peer_sheet
from capexwatch.core.snapshot import picture as snapshot
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.watchlist import model as watchlist
from capexwatch.core.watchlist.model import Company, PeerGroup
from capexwatch.tui.peers import rows
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.widgets.chart import HistoryChart
from tests.app.conftest import MakeApp
from tests.frames import obs, quarter

HOSTILE = "[bold]x[/] [@click=app.quit]y[/]"


def sample_snapshot(tmp_path: Path, hostile: bool = False) -> Snapshot:
    path = tmp_path / "watchlist.toml"
    watchlist.ensure_exists(path)
    data = observations.load(None)
    loaded = watchlist.load(path, set(data.get_column("metric").unique().to_list()))
    if hostile:
        companies = dict(loaded.companies)
        companies["BABA"] = Company("BABA", HOSTILE, "CNY")
        companies[HOSTILE] = Company(HOSTILE, HOSTILE, "USD")  # an id no TOML key would allow
        cloud = PeerGroup("cloud", "Cloud majors", ("AMZN", "MSFT", "BABA", HOSTILE))
        loaded = dataclasses.replace(
            loaded, companies=companies, peers={**loaded.peers, "cloud": cloud}
        )
    return snapshot.build(loaded, data)


class PeersApp(App[None]):
    def __init__(self, snap: Snapshot) -> None:
        super().__init__()
        self.snap = snap

    def compose(self) -> ComposeResult:
        yield PeersPanel()

    def on_mount(self) -> None:
        self.query_one(PeersPanel).show(self.snap)


# No async test plugin is needed: each test runs its Pilot session with asyncio.run.
def chart_title(app: App[None]) -> str:
    return str(app.query_one("#peers-chart", HistoryChart).border_title)


def test_s_sorts_by_the_selected_column_and_again_reverses(tmp_path: Path) -> None:
    asyncio.run(_s_sorts_by_the_selected_column_and_again_reverses(tmp_path))


async def _s_sorts_by_the_selected_column_and_again_reverses(tmp_path: Path) -> None:
    app = PeersApp(sample_snapshot(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(PeersPanel)
        await pilot.pause()
        await pilot.press("right", "right", "right", "right", "right", "s")  # Op. margin
        await pilot.pause()
        assert panel.grid is not None
        assert panel.grid.order == ["MSFT", "TCEHY", "AMZN", "BABA", "BIDU"]
        assert "sorted by Op. margin" in str(app.query_one("#peers-title", Static).content)
        await pilot.press("s")  # lowest first; companies without a figure stay last
        await pilot.pause()
        assert panel.grid.order == ["BABA", "AMZN", "TCEHY", "MSFT", "BIDU"]
        assert panel.grid.get_row_at(4)[5] == "—"  # Baidu: no Q4 operating margin


def test_moving_the_selection_changes_the_chart(tmp_path: Path) -> None:
    asyncio.run(_moving_the_selection_changes_the_chart(tmp_path))


async def _moving_the_selection_changes_the_chart(tmp_path: Path) -> None:
    app = PeersApp(sample_snapshot(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l", "l")  # the Capex column, Alibaba's row
        await pilot.pause()
        assert chart_title(app) == "Capex · BABA · USD* converted"
        await pilot.press("j")  # Tencent
        await pilot.pause()
        assert chart_title(app) == "Capex · TCEHY · USD* converted"
        why = str(app.query_one("#peers-why", Static).content)
        assert why.startswith("TCEHY: balanced — no rule fired")
        assert "(FY2025Q3) < 0 ✗ · on FY2025Q3 · Sep 2025\n" in why  # the period it read
        await pilot.press("l", "l", "l", "l")  # Margin Δ charts the margin it is computed from
        await pilot.pause()
        assert chart_title(app) == "Operating margin · TCEHY"


def test_cells_show_marks_and_conversion_flags(tmp_path: Path) -> None:
    asyncio.run(_cells_show_marks_and_conversion_flags(tmp_path))


async def _cells_show_marks_and_conversion_flags(tmp_path: Path) -> None:
    app = PeersApp(sample_snapshot(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.query_one(PeersPanel).grid
        assert grid is not None
        row = grid.get_row_at(grid.order.index("TCEHY"))
        assert row[1] == "FY2025Q3 · Sep 2025"  # the row's period, in the fiscal and calendar
        assert row[2] == "↓ 1.8B*"  # lowest capex (neither better nor worse), converted
        assert row[-1] == "balanced"
        msft = grid.get_row_at(grid.order.index("MSFT"))
        assert msft[5] == "▲ 47.1%"  # best operating margin
        legend = str(app.query_one("#peers-legend", Static).content)
        assert "▲ best ▼ worst" in legend and "* in USD" in legend
        await pilot.press("j", "l", "l")  # Tencent's capex: the line names the rate used
        await pilot.pause()
        why = str(app.query_one("#peers-why", Static).content)
        # The quarter ended before the watchlist's rate: the ECB rate of its own end converts it.
        assert (
            "Capex: FY2025Q3, actual · 13.0B CNY at 1 CNY = 0.140458 USD as of 2025-09-30 "
            "(ECB reference rate)" in why
        )


def test_names_are_shown_literally_and_g_switches_groups(tmp_path: Path) -> None:
    asyncio.run(_names_are_shown_literally_and_g_switches_groups(tmp_path))


async def _names_are_shown_literally_and_g_switches_groups(tmp_path: Path) -> None:
    app = PeersApp(sample_snapshot(tmp_path, hostile=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.query_one(PeersPanel)
        assert panel.grid is not None
        assert panel.grid.get_row_at(0)[0] == f"BABA {HOSTILE}"
        await pilot.press("g")
        await pilot.pause()
        assert panel.grid.order == ["AMZN", "MSFT", "BABA", HOSTILE]
        assert "Cloud majors · 4 companies" in str(app.query_one("#peers-title", Static).content)
        await pilot.press("end", "right")
        await pilot.pause()
        chart = app.query_one("#peers-chart", HistoryChart)
        assert chart._border_title is not None
        assert chart._border_title.plain == f"Capex · {HOSTILE}"
        assert str(app.query_one("#peers-why", Static).content).startswith(f"{HOSTILE}: balanced")
        assert app.is_running  # the [@click=app.quit] in the name quit nothing


def test_help_states_the_playbook_rules() -> None:
    assert "discipline: Capex YoY < 0 and Margin Δ YoY > 0" in PeersPanel.HELP
    assert "all-in: FCF < 0 and Op. margin < 0" in PeersPanel.HELP


async def test_in_the_app_at_80x24_every_sample_company_and_the_chart_fit(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        panel = app.query_one(PeersPanel)
        assert panel.grid is not None
        assert panel.grid.region.height >= 6  # the header and all five companies
        assert app.query_one("#peers-chart", HistoryChart).region.height >= 5
        await pilot.resize_terminal(79, 23)  # smaller: the chart goes, the table stays
        await pilot.pause()
        assert app.query_one("#peers-chart", HistoryChart).region.height == 0
        assert panel.grid.region.height >= 4


async def test_the_first_switch_to_peers_puts_the_keys_on_the_grid(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the watchlist settled: the peers grid does not exist yet
        await pilot.press("2")
        await pilot.pause()
        panel = app.query_one(PeersPanel)
        assert panel.grid is not None and panel.grid.has_focus
        await pilot.press("l", "l", "s")  # the Capex column, highest first
        await pilot.pause()
        assert panel.grid.order[:2] == ["MSFT", "BABA"]


def test_an_estimate_is_flagged_and_the_legend_explains_it(tmp_path: Path) -> None:
    assert peer_sheet.cell_text(2e9, "USD", None, False, False, False, "estimate") == "  2.0B~"
    assert peer_sheet.cell_text(0.471, "ratio", "best", False, False, False) == "▲ 47.1%"
    sample = sample_snapshot(tmp_path).peers
    assert sample is not None and "~" not in rows.legend(sample.sheet())  # all actual
    forecast = obs(quarter("AMZN", "capex", "2025-10-01", "2025-12-31", 1.0, kind="estimate"))
    built = snapshot.build(sample_snapshot(tmp_path).watchlist, forecast)
    assert built.peers is not None and rows.legend(built.peers.sheet()).endswith("~ estimate")


def test_p_switches_the_period_mode_and_the_title_says_which(tmp_path: Path) -> None:
    asyncio.run(_p_switches_the_period_mode(tmp_path))


async def _p_switches_the_period_mode(tmp_path: Path) -> None:
    app = PeersApp(sample_snapshot(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.query_one(PeersPanel)
        title = app.query_one("#peers-title", Static)
        assert "period: latest (p)" in str(title.content)
        assert panel.grid is not None
        periods = [panel.grid.get_row_at(i)[1] for i in range(5)]
        assert periods[2] == "FY2025Q4 · Dec 2025"  # Baidu's latest quarter
        await pilot.press("p")
        await pilot.pause()
        assert "period: same quarter (p)" in str(title.content)
        assert panel.grid is not None and panel.grid.has_focus
        periods = [panel.grid.get_row_at(i)[1] for i in range(5)]
        assert all(p.endswith("Sep 2025") for p in periods), periods
        assert periods[0] == "FY2026Q2 · Sep 2025" and periods[4] == "FY2026Q1 · Sep 2025"
        await pilot.press("p")
        await pilot.pause()
        assert "period: TTM (p)" in str(title.content)
        await pilot.press("p")
        await pilot.pause()
        assert "period: latest (p)" in str(title.content)
