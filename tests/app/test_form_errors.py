"""Forms: a new failed save replaces the old error texts; Cancel and Save in the same order."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Static

from capexwatch.tui.app import CapexwatchApp
from tests.app.conftest import MakeApp


def shown_errors(app: CapexwatchApp) -> dict[str, str]:
    found = {}
    for widget in app.screen.query(Static):
        wid = widget.id or ""
        if "error" in wid and widget.display and str(widget.render()).strip():
            found[wid] = str(widget.render())
    return found


async def test_signal_form_errors_follow_each_save(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#id", Input).value = "new-one"
        form.query_one("#metric", Input).value = "cloud_revnue_yoy"
        form.query_one("#threshold", Input).value = "1"
        await pilot.press("ctrl+s")
        assert "error-metric" in shown_errors(app)
        form.query_one("#metric", Input).value = "cloud_revenue_yoy"
        form.query_one("#threshold", Input).value = ""
        await pilot.press("ctrl+s")
        errors = shown_errors(app)
        assert "error-metric" not in errors and "error-threshold" in errors, errors


async def test_record_form_errors_follow_each_save(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        for key in ("period", "value", "source"):
            form.query_one(f"#{key}", Input).value = ""
        form.query_one("#value", Input).value = "lots"
        await pilot.press("ctrl+s")
        first = shown_errors(app)
        assert first, "a failed save shows why"
        form.query_one("#value", Input).value = "12B"
        await pilot.press("ctrl+s")
        again = shown_errors(app)
        assert not any("lots" in text for text in again.values()), again


async def test_every_form_puts_cancel_before_save(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in (["a"], ["n"], ["i"], ["3", "enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            labels = [str(b.label) for b in app.screen.query(Button)]
            assert labels[0].startswith("Cancel"), (keys, labels)
            await pilot.press("escape")
            await pilot.press("1")


async def test_the_tripwire_form_chooses_company_and_comparison(make_app: MakeApp) -> None:
    from textual.widgets import Select

    from capexwatch.tui.pressure.form import PlanForm, input_label

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        panel = app.query_one("#pressure-panel")
        card = panel.query_one("#card-tripwire")
        card.focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PlanForm)
        company = form.query_one("#field-company", Select)
        op = form.query_one("#field-op", Select)
        assert "BABA" in [value for _, value in company._options]
        company.value, op.value = "BABA", "<"
        assert form.values()["company"] == "BABA" and form.values()["op"] == "<"
    assert input_label("threshold", "threshold") == "Threshold"
    assert input_label("gate", "gate utilization") == "Gate utilization (gate)"


async def test_the_tripwire_card_reads_its_threshold_like_its_gate(
    make_app: MakeApp, config_dir: Path
) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "plan.toml").write_text(
        '[tripwire]\ncompany = "MSFT"\nmetric = "capex_intensity"\nop = ">"\n'
        'threshold = 0.25\ndecision = "Pause the next GPU order."\n',
        "utf-8",
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = str(app.query_one("#card-tripwire").render())
        assert "threshold 25.0%" in text and "threshold 0.25" not in text, text


async def test_the_import_form_names_its_own_controls(make_app: MakeApp, config_dir: Path) -> None:
    bad = config_dir / "bad.csv"
    config_dir.mkdir(parents=True, exist_ok=True)
    bad.write_text(
        "company,metric,period,freq,period_start,period_end,value,unit,kind,source\n"
        "BABA,capex,FY2026Q2,Q,2025-07-01,2025-09-30,31.4e9,CNY,actual,\n"
        "BABA,capex,FY2026Q1,Q,2025-04-01,2025-06-30,oops,CNY,actual,s\n"
        "BABA,capex,FY2025Q4,Q,2025-01-01,2025-03-31,24.0e9,CNY,actual,s\n",
        "utf-8",
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(bad)
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = str(app.screen.query_one("#import-problems-text", Static).render())
        assert "skip bad rows" in shown and "--skip-bad-rows" not in shown, shown
        assert "--source" not in shown
