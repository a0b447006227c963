"""The Changes view (`c`): what moved since the review, jumping to it, and `r` with a note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, TabbedContent

from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.pressure.card import GateCard
from capexwatch.tui.review.changes import ChangesScreen
from capexwatch.tui.review.note import NoteScreen
from tests.app.test_review_loop import header, run_app
from tests.waiting import wait_for


def listed(app: CapexwatchApp) -> list[str]:
    options = app.screen.query_one("#changes-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_changes(pilot: Pilot[int]) -> None:
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChangesScreen))


def test_c_lists_the_changes_with_details_and_enter_goes_to_the_signal(
    config_dir: Path,
) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("r", "enter")
        await wait_for(pilot, lambda: "0 changes since review" in header(app))
        watchlist = config_dir / "watchlist.toml"
        text = watchlist.read_text("utf-8").replace("threshold = 0.34", "threshold = 0.30", 1)
        watchlist.write_text(text, "utf-8")
        await wait_for(pilot, lambda: "2 changes since review (c" in header(app))
        await open_changes(pilot)
        lines = listed(app)
        assert lines[0] == "Threshold crossings (1)"
        crossing = lines[1]
        # company · metric · period, old → new, source, then the change in words
        assert crossing.startswith("BABA · cloud_revenue_yoy · FY")
        assert "NEAR → " in crossing and "TRIGGERED" in crossing and "source: " in crossing
        assert "Cloud growth" in crossing or "crossed its line" in crossing
        assert "Edited rules (1)" in lines
        await pilot.press("enter")  # on the first change: the crossing
        await wait_for(pilot, lambda: not isinstance(app.screen, ChangesScreen))
        assert app.query_one(TabbedContent).active == "watchlist"
        table = app.query_one("SignalsTable")
        assert table.selected.signal.id == "baba-cloud-growth"  # type: ignore[attr-defined]

    run_app(config_dir, body)


def test_r_in_the_changes_view_records_a_note_that_history_returns(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("r", "enter")
        plan = config_dir / "plan.toml"
        plan.write_text(
            plan.read_text("utf-8")
            .replace("# threshold = 0.25   # the attach", "threshold = 0.25   # the attach")
            .replace("# current = 0.18", "current = 0.18"),
            "utf-8",
        )
        await wait_for(pilot, lambda: "1 change since review" in header(app))
        await open_changes(pilot)
        assert "Gate moves (1)" in listed(app)
        await pilot.press("r")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"attach too low: hold")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "0 changes since review" in header(app))
        await pilot.press("R")
        shown = str(app.screen.query_one("#history-text").render())
        assert "note: attach too low: hold" in shown

    run_app(config_dir, body)
    capsys.readouterr()
    assert main(["review", "--history", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert history[-1]["note"] == "attach too low: hold"
    assert history[-1]["changes"] and "attach_rate" in history[-1]["changes"][0]


def test_enter_on_a_gate_goes_to_its_card_and_a_new_figure_to_its_peer_cell(
    config_dir: Path,
) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("r", "enter")
        plan = config_dir / "plan.toml"
        plan.write_text(
            plan.read_text("utf-8")
            .replace("# threshold = 0.25   # the attach", "threshold = 0.25   # the attach")
            .replace("# current = 0.18", "current = 0.18"),
            "utf-8",
        )
        code = main(["data", "add", "BIDU", "capex", "FY2027Q1", "9.1B", "--source", "Q1 call"])
        assert code == 0
        await wait_for(pilot, lambda: "2 changes since review" in header(app))
        await open_changes(pilot)
        lines = listed(app)
        new = next(i for i, line in enumerate(lines) if line.startswith("BIDU · capex"))
        assert "source: Q1 call" in lines[new] and "FY2027Q1" in lines[new]
        await pilot.press("enter")  # the gate, listed first
        await wait_for(pilot, lambda: not isinstance(app.screen, ChangesScreen))
        assert app.query_one(TabbedContent).active == "pressure"
        assert isinstance(app.focused, GateCard) and app.focused.id == "card-attach_rate"
        await open_changes(pilot)
        options = app.screen.query_one("#changes-list", OptionList)
        options.highlighted = new
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.query_one(TabbedContent).active == "peers")
        await pilot.pause()
        grid = app.query_one(PeersPanel).grid
        assert grid is not None and (grid.company, grid.key) == ("BIDU", "capex")

    run_app(config_dir, body)


def test_escape_in_the_note_records_nothing(config_dir: Path) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await open_changes(pilot)
        empty = str(app.screen.query_one("#changes-empty").render())
        assert "No review recorded yet" in empty
        await pilot.press("r", "escape")
        assert isinstance(app.screen, ChangesScreen)  # back to the view
        await pilot.press("escape")
        assert not app.workspace.locations.review_log.exists()

    run_app(config_dir, body)
