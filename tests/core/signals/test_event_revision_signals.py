"""Recording by hand moves signals: events (a GPU-utilization disclosure) and revisions (a cut in
capex guidance), through `data add`, `event add` and `check --json`."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import store
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def statuses(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    _code, out, err = run(capsys, "check", "--json")
    assert out, err
    return {s["id"]: s for s in json.loads(out)["signals"]}


def test_an_event_signal_triggers_while_the_event_is_recent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sid = "baba-gpu-utilization-disclosed"
    assert statuses(capsys)[sid]["status"] == "no_data"
    code, out, _ = run(
        capsys,
        "event",
        "add",
        "BABA",
        "utilization_disclosure",
        "GPU fleet fully utilized",
        "--source",
        "FY2026Q2 call",
        "--date",
        "2025-06-01",
    )
    assert code == 0 and "recorded BABA utilization_disclosure on 2025-06-01" in out
    old = statuses(capsys)[sid]  # today is pinned to 2026-01-20: 233 days ago
    assert old["status"] == "ok" and "outside 90 days" in str(old["reason"])
    run(
        capsys,
        "event",
        "add",
        "BABA",
        "utilization disclosure",
        "Still sold out",
        "--source",
        "FY2026Q3 call",
    )  # today; the kind is normalised
    new = statuses(capsys)[sid]
    assert new["status"] == "triggered"
    assert "Still sold out" in str(new["reason"]) and new["source"] == "FY2026Q3 call"


def test_event_add_validates_like_an_import(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "event", "add", "NOPE", "capacity", "", "--source", " ", "--date", "2026-02-30"
    )
    assert code == 2
    assert "company: 'NOPE' is not in the watchlist" in err
    assert "text: is empty" in err and "source: is empty" in err
    assert "date: '2026-02-30' is not a real date" in err
    assert not resolve().events.exists()


def test_a_lower_capex_guidance_published_later_is_a_cut(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sid = "baba-capex-guidance-cut"
    assert statuses(capsys)[sid]["status"] == "ok"  # the sample has one 380B plan, no revision
    code, out, err = run(
        capsys,
        "data",
        "add",
        "BABA",
        "capex_plan",
        "FY2026-FY2028",
        "350B",
        "--kind",
        "guidance",
        "--freq",
        "FY",
        "--start",
        "2025-04-01",
        "--end",
        "2028-03-31",
        "--source",
        "FY2026Q3 call",
    )
    assert code == 0, err
    assert "350.0B CNY guidance" in out
    cut = statuses(capsys)[sid]
    assert cut["status"] == "triggered"
    assert cut["value"] == pytest.approx((350 - 380) / 380)
    assert "revised from 3.8e+11 to 3.5e+11" in str(cut["reason"])
    # Both figures stay in the history: the sample's and the one recorded by hand.
    rows = store.read(resolve().imported).filter(pl.col("metric") == "capex_plan")
    assert rows.get_column("value").to_list() == [350e9]
    assert str(rows.get_column("published")[0]) == "2026-01-20"


def test_a_raised_guidance_is_not_a_cut(capsys: pytest.CaptureFixture[str]) -> None:
    run(
        capsys,
        "data",
        "add",
        "BABA",
        "capex_plan",
        "FY2026-FY2028",
        "480B",
        "--kind",
        "guidance",
        "--freq",
        "FY",
        "--start",
        "2025-04-01",
        "--end",
        "2028-03-31",
        "--source",
        "investor day",
    )
    raised = statuses(capsys)["baba-capex-guidance-cut"]
    assert raised["status"] == "ok" and raised["value"] == pytest.approx(100 / 380)


def test_data_add_infers_the_fiscal_period_and_reads_values_as_typed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "data", "add", "BABA", "cloud_revenue_yoy", "FY2026Q2", "34%", "--source", "x"
    )
    assert code == 0
    assert "FY2026Q2 (Q, 2025-07-01..2025-09-30) = 34.0% actual" in out
    code, out, _ = run(
        capsys, "data", "add", "BABA", "cloud_revenue_yoy", "FY2026Q2", "34%", "--source", "x"
    )
    assert "already recorded" in out
    code, _, err = run(capsys, "data", "add", "BABA", "capex", "FY2026Q9", "$39.8B", "--source", "")
    assert code == 2
    assert "column period: 'FY2026Q9': a fiscal year has Q1 to Q4" in err
    assert "column value: '$39.8B' has a currency '$'" in err
    assert "column source: is empty" in err


def write_signal(body: str) -> Path:
    path = resolve().watchlist
    watchlist.ensure_exists(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n[[signal]]\n" + body)
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'id = "e"\ncompany = "BABA"\nevent = "capacity"\nmetric = "capex"\n',
            "an event signal takes no 'metric'",
        ),
        (
            'id = "e"\ncompany = "BABA"\nevent = "Capacity!"\n',
            "event must be a kind such as utilization_disclosure",
        ),
        (
            'id = "r"\ncompany = "BABA"\nmetric = "capex"\nchange = "revise"\nop = "<"\n'
            "threshold = 0\n",
            "change must be one of revision",
        ),
        (
            'id = "r"\ncompany = "BABA"\nmetric = "capex"\nop = "<"\nthreshold = 0\n'
            "within_days = 9\n",
            'within_days applies to event signals and to change = "revision"',
        ),
    ],
)
def test_signal_grammar_mistakes_are_located(body: str, message: str) -> None:
    path = write_signal(body)
    with pytest.raises(ConfigError) as error:
        watchlist.load(path)
    assert message in str(error.value)
    assert f"{path}:" in str(error.value)


def test_data_add_records_a_new_metric_only_on_purpose(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "data", "add", "BABA", "captex", "FY2026Q3", "41B", "--source", "x")
    assert code == 2
    assert "'captex' is not a metric capexwatch knows" in err and "did you mean 'capex'?" in err
    code, _, err = run(capsys, "data", "add", "BABA", "captex", "FY2026Q3", "41B", "--source", "x",
                       "--allow-new-metric")  # fmt: skip
    assert (code, err) == (0, "")
    _, _, err = run(capsys, "data", "add", "BABA", "captex", "FY2026Q2", "40B", "--source", "x")
    assert err == ""  # now it is one of your own metrics
    _, _, err = run(
        capsys, "data", "add", "BABA", "gpu_utilization", "FY2026Q3", "85%", "--source", "x"
    )
    assert err == ""


def test_event_list_shows_the_newest_first(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "event", "list")
    assert "no events recorded" in out
    run(capsys, "event", "add", "BABA", "capacity", "old", "--source", "a", "--date", "2025-01-02",
        "--new-kind")  # fmt: skip
    run(capsys, "event", "add", "BIDU", "capacity", "new\x1b[2J", "--source", "b")
    _, out, _ = run(capsys, "event", "list")
    assert out.splitlines() == [
        "2026-01-20  BIDU  capacity  new␛[2J  [b]",
        "2025-01-02  BABA  capacity  old  [a]",
    ]
    _, out, _ = run(capsys, "event", "list", "BABA")
    assert len(out.splitlines()) == 1
