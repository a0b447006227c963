"""Data at its extremes: a company with no data, a metric with one point, 10,000 signals, 5,000
companies. Each must load, evaluate and draw (completion is asserted, not a time)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import store
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.watchlist.table import SignalsTable

SAMPLE = ("BABA", "TCEHY", "BIDU", "AMZN", "MSFT")
METRICS = ("capex", "capex_yoy", "cloud_revenue_yoy", "operating_margin", "free_cash_flow")


def _company(cid: str, name: str, currency: str = "USD") -> str:
    return f'[company.{cid}]\nname = "{name}"\ncurrency = "{currency}"\n'


def _signal(index: int, company: str, metric: str) -> str:
    return (
        f'[[signal]]\nid = "s{index:05d}"\ntitle = "Signal {index}"\ncompany = "{company}"\n'
        f'metric = "{metric}"\nop = ">"\nthreshold = {index % 7 / 10}\n'
    )


def _figures(companies: list[str], metric: str, quarters: int) -> pl.DataFrame:
    rows = []
    for cid in companies:
        for q in range(quarters):
            end = dt.date(2025, 3 * (q % 4) + 1, 1) + dt.timedelta(days=89)
            rows.append(
                {
                    "company": cid,
                    "metric": metric,
                    "period": f"FY2025Q{q + 1}",
                    "freq": "Q",
                    "period_end": end.replace(year=2025 - q // 4),
                    "value": 1e9 + q * 1e8 + len(cid),
                    "unit": "USD",
                    "kind": "actual",
                    "published": dt.date(2025, 12, 1),
                    "source": "generated",
                }
            )
    return store.to_frame(rows)


async def test_a_company_without_data_and_a_metric_with_one_point(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    where = resolve(config_dir)
    text = _company("EMPTY", "No figures at all") + _company("ONE", "A single figure")
    text += '[peers.all]\ntitle = "Extremes"\ncompanies = ["EMPTY", "ONE", "BABA"]\n'
    text += _company("BABA", "Alibaba", "CNY")
    text += (
        _signal(1, "EMPTY", "capex") + _signal(2, "ONE", "capex") + _signal(3, "ONE", "capex_yoy")
    )
    where.watchlist.write_text(text, encoding="utf-8")
    store.add(where.imported, _figures(["ONE"], "capex", 1))
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        statuses = {r.signal.id: r.status for r in app.snapshot.results}
        assert statuses == {"s00001": "no_data", "s00002": "triggered", "s00003": "no_data"}
        for _ in range(3):
            await pilot.press("j")  # each signal's detail and chart
            await pilot.pause()
        await pilot.press("2")
        for _ in range(3):
            await pilot.press("j")  # each company's chart, one of them with one point
            await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert app.is_running


def test_ten_thousand_signals_check(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_dir.mkdir(parents=True)
    text = "".join(_company(c, c) for c in SAMPLE)
    text += "".join(_signal(i, SAMPLE[i % 5], METRICS[i % 5]) for i in range(10_000))
    (config_dir / "watchlist.toml").write_text(text, encoding="utf-8")
    assert main(["check"]) in (0, 1)
    out = capsys.readouterr().out
    assert out.count("\n") >= 10_000


async def test_ten_thousand_signals_first_frame(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    text = "".join(_company(c, c) for c in SAMPLE)
    text += "".join(_signal(i, SAMPLE[i % 5], METRICS[i % 5]) for i in range(10_000))
    (config_dir / "watchlist.toml").write_text(text, encoding="utf-8")
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.query_one(SignalsTable).row_count == 10_000
        await pilot.press("end", "k")
        await pilot.pause()
        assert app.is_running


async def test_five_thousand_companies_in_the_peers_table(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    where = resolve(config_dir)
    ids = [f"C{n:04d}" for n in range(5_000)]
    text = "".join(_company(c, f"Company {c}") for c in ids)
    text += f'[peers.all]\ntitle = "Everyone"\ncompanies = {ids!r}\n'.replace("'", '"')
    where.watchlist.write_text(text, encoding="utf-8")
    store.add(where.imported, pl.concat([_figures(ids, m, 2) for m in ("capex", "revenue")]))
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        peers = app.query_one(PeersPanel)
        for _ in range(100):  # the grid is built after the tab's first frame
            if "5000 companies" in str(peers.query_one("#peers-title").render()):
                break
            await pilot.pause(0.1)
        assert peers.grid is not None and peers.grid.row_count == 5_000
        await pilot.press("end", "s", "l", "s", "home")
        await pilot.pause()
        assert app.is_running


EDGE = (
    "company,metric,period,value,unit,source\n"
    "BABA,capex,FY2026Q3,1.7e308,CNY,x\nBABA,operating_cash_flow,FY2026Q3,-1.7e308,CNY,x\n"
    "BABA,cloud_revenue,FY2026Q3,1.7e308,CNY,x\nBABA,cloud_revenue,FY2025Q3,-1.7e308,CNY,x\n"
    "BABA,revenue,FY2026Q3,1e-300,CNY,x\nBABA,operating_income,FY2026Q3,1,CNY,x\n"
)


def _import_edge_figures(config_dir: Path) -> None:
    csv = config_dir.parent / "edge.csv"
    csv.write_text(EDGE, encoding="utf-8")
    assert main(["import", str(csv)]) == 0  # each figure is finite; sums of them overflow


async def test_figures_at_the_edge_of_the_float_range_draw(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    _import_edge_figures(config_dir)
    app = start_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press(*"jjjjjjjj")  # each signal's detail and chart
        await pilot.pause()
        await pilot.press("2", *"llll", "s")  # peers columns and their charts, sorted
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert app.is_running


def test_figures_at_the_edge_of_the_float_range_never_print_infinity(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import_edge_figures(config_dir)
    from capexwatch.core.plan import model as plan

    text = plan.default_text().replace(
        "[payback]\n",
        "[payback]\ncapex = 1.7e308\nmonthly_contribution = 1e-300\nmax_months = 24\n",
    )
    (config_dir / "plan.toml").write_text(text, encoding="utf-8")  # a payback that overflows

    def strict(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")  # not JSON: jq and browsers refuse it

    for argv in (
        ["check", "--json"],
        ["export", "--format", "json"],
        ["data", "show", "BABA", "--json"],
    ):
        capsys.readouterr()
        assert main(argv) in (0, 1), argv
        json.loads(capsys.readouterr().out, parse_constant=strict)
    main(["data", "show", "BABA"])
    shown = capsys.readouterr().out
    assert "1e+302%" in shown  # an operating margin over a next-to-zero revenue
    assert not re.search(r"\d{20}", shown), "a number printed with hundreds of digits"
    main(["export"])
    memo = capsys.readouterr().out
    assert not re.search(r"\b(inf|nan)\b", memo, re.IGNORECASE)
    assert not re.search(r"\d{20}", memo), "a number printed with hundreds of digits"
    assert "1.7e+308 ÷ 0.00 a month = never" in memo
