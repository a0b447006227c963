"""The daily review in the app: cards, editing the plan, live reload, `r`, and the history."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from capexwatch.tui.pressure.card import GateCard
from capexwatch.tui.pressure.form import PlanForm
from capexwatch.tui.review.history import HistoryScreen
from capexwatch.tui.review.watcher import FileWatch
from tests.waiting import wait_for

Body = Callable[[CapexwatchApp, Pilot[int]], Awaitable[None]]


def run_app(config_dir: Path, body: Body, size: tuple[int, int] = (120, 40)) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    workspace = open_workspace(config_dir)
    app = CapexwatchApp(workspace, daily.build(workspace))

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await body(app, pilot)

    asyncio.run(main())


def header(app: CapexwatchApp) -> str:
    return str(app.query_one("#header").render())


def card_text(app: CapexwatchApp, gate_id: str) -> str:
    return str(app.query_one(f"#card-{gate_id}", GateCard).render())


def test_cards_show_status_arithmetic_and_break_even(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "plan.toml").write_text(
        '[utilization]\nanswer = "Above 85% for a month"\nowner = "VP Infra"\n'
        "threshold = 0.85\ncurrent = 0.78\n",
        "utf-8",
    )

    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("3")
        text = card_text(app, "utilization")
        assert "✘ FAIL" in text
        assert "Above 85% for a month" in text and "VP Infra" in text
        assert "threshold 85.0% · current 78.0%" in text
        assert "78.0% is 7.0pp below the 85.0% threshold" in text
        assert "flips at a utilization of 85.0%" in text
        assert "○ OPEN" in card_text(app, "payback")
        assert "-fail" in app.query_one("#card-utilization").classes

    run_app(config_dir, body)


def test_editing_a_card_saves_plan_toml_keeping_comments(config_dir: Path) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("3")
        await pilot.press("enter")  # the first card: utilization
        assert isinstance(app.screen, PlanForm)
        app.screen.query_one("#field-threshold").value = "85"  # type: ignore[attr-defined]
        app.screen.query_one("#field-current").value = "90%"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PlanForm)  # 85 is not a fraction: refused, form kept
        assert app.screen.query_one("#error-threshold").display
        error = str(app.screen.query_one("#error-threshold").render())
        assert "a fraction: write 85% as 0.85" in error
        app.screen.query_one("#field-threshold").value = "85%"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, PlanForm)
        await wait_for(pilot, lambda: "✔ PASS" in card_text(app, "utilization"))

    run_app(config_dir, body)
    text = (config_dir / "plan.toml").read_text("utf-8")
    assert "threshold = 0.85   # the utilization that greenlights new capacity" in text
    assert "# ── 2. Do AI features cover inference" in text  # comments kept


def test_an_edit_on_disk_is_picked_up(config_dir: Path) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("r", "enter")  # mark reviewed: nothing has changed since
        await wait_for(pilot, lambda: "0 changes since review" in header(app))
        watchlist = config_dir / "watchlist.toml"
        text = watchlist.read_text("utf-8")
        watchlist.write_text(text.replace("threshold = 0.34", "threshold = 0.30", 1), "utf-8")
        await wait_for(pilot, lambda: "2 changes since review" in header(app))
        growth = next(r for r in app.snapshot.results if r.signal.id == "baba-cloud-growth")
        assert growth.status == "triggered"
        # A broken edit keeps the last good state under a located error banner.
        watchlist.write_text(text + "\n[[signal]]\nid = 3\n", "utf-8")
        banner = app.query_one("#error-banner")
        await wait_for(pilot, lambda: "-visible" in banner.classes)
        assert f"{watchlist}:" in str(banner.render())
        assert app.snapshot.watchlist.signal("baba-cloud-growth") is not None
        # Fixed again: the banner goes away.
        watchlist.write_text(text, "utf-8")
        await wait_for(pilot, lambda: "-visible" not in banner.classes)
        await wait_for(pilot, lambda: "0 changes since review" in header(app))

    run_app(config_dir, body)


def test_a_poll_or_a_worker_answer_while_the_app_closes_does_nothing(config_dir: Path) -> None:
    # The once-a-second poll can fire after the screen's widgets are gone on exit; it used
    # to raise NoMatches there (seen once in CI).
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await app.query_one("#error-banner").remove()
        assert app.closing
        (config_dir / "watchlist.toml").write_text("broken = [", "utf-8")
        app.query_one(FileWatch).poll()
        await pilot.pause()
        assert not any(w.group == "reload" for w in app.workers)
        # A worker's answer arriving then is dropped too, not a NoMatches from a thread.
        app._data_read(app.snapshot)
        app._reloaded(app.workspace, app.snapshot, None)
        app.show_error("title", "message")

    run_app(config_dir, body)


def test_plan_edit_on_disk_moves_a_gate_and_history_lists_reviews(config_dir: Path) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("r", "enter")  # mark reviewed, no note
        plan = config_dir / "plan.toml"
        plan.write_text(
            plan.read_text("utf-8")
            .replace("# threshold = 0.25   # the attach", "threshold = 0.25   # the attach")
            .replace("# current = 0.18", "current = 0.18"),
            "utf-8",
        )  # fmt: skip
        await wait_for(pilot, lambda: "1 change since review" in header(app))
        await pilot.press("3")
        assert "✘ FAIL" in card_text(app, "attach_rate")
        await pilot.press("r", "enter")  # mark reviewed, no note
        await pilot.press("R")
        assert isinstance(app.screen, HistoryScreen)
        shown = str(app.screen.query_one("#history-text").render())
        assert "gate attach_rate: OPEN → FAIL" in shown
        assert shown.count("UTC") == 2
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)
        # A review marked from the command line is picked up too (the header recounts).
        plan.write_text(plan.read_text("utf-8").replace("current = 0.18", "current = 0.30"))
        await wait_for(pilot, lambda: "1 change since review" in header(app))
        assert main(["review", "--mark"]) == 0
        await wait_for(pilot, lambda: "0 changes since review" in header(app))

    run_app(config_dir, body)


def test_markets_are_edited_as_rows_in_the_form(config_dir: Path) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("3")
        app.query_one("#card-payback", GateCard).focus()
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, PlanForm)
        values = {
            "#field-max_months": "12",
            "#row-0-name": "North",
            "#row-0-investment": "120",
            "#row-0-monthly_contribution": "20",
            "#row-1-name": "South",
            "#row-1-investment": "120",
            "#row-1-monthly_contribution": "five",
        }
        for selector, value in values.items():
            form.query_one(selector).value = value  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert app.screen is form  # a bad row keeps the form open, the error under the row
        row_error = form.query_one("#error-row-1")
        assert "'five' is not a number" in str(row_error.render())
        assert row_error.display and row_error.has_class("-shown")  # visible, not just set
        form.query_one("#row-1-monthly_contribution").value = "5"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert app.screen is not form
        await wait_for(pilot, lambda: "✘ FAIL" in card_text(app, "payback"))
        text = card_text(app, "payback")
        assert "✘ FAIL South: 120 ÷ 5 a month = 24.0 months, past the 12-month limit" in text
        assert "candidates to pause subsidies or capacity: South" in text

    run_app(config_dir, body)
    loaded = (config_dir / "plan.toml").read_text("utf-8")
    assert (
        '[[payback.market]]\nname = "North"\ninvestment = 120\nmonthly_contribution = 20\n'
        in loaded
    )


def test_imported_data_is_picked_up_and_counted_as_new(config_dir: Path) -> None:
    async def body(app: CapexwatchApp, pilot: Pilot[int]) -> None:
        await pilot.press("r", "enter")
        await wait_for(pilot, lambda: "0 changes since review" in header(app))
        # Another terminal (another process) records Alibaba's December-quarter cloud growth.
        done = subprocess.run(
            [sys.executable, "-m", "capexwatch", "data", "add", "BABA", "cloud_revenue_yoy",
             "FY2026Q3", "36%", "--source", "company release"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        await wait_for(
            pilot, lambda: "changes since review" in header(app) and "0 changes" not in header(app)
        )
        texts = [c.text for c in app.snapshot.review.changes]  # type: ignore[union-attr]
        assert any("crossed its line" in t and "36.0%" in t for t in texts)
        assert "BABA cloud_revenue_yoy: new figures for FY2026Q3" in texts

    run_app(config_dir, body)
