"""Entry checks, the same on every way in: `data add`, CSV, Parquet, companyfacts, events."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import events, store
from capexwatch.core.ingest import importer
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.cli import main

HEADER = "company,metric,period,freq,period_start,period_end,value,unit,kind,published,source,note"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored() -> pl.DataFrame:
    return store.read(resolve().imported)


def test_a_negative_amount_is_typed_as_people_write_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "data", "add", "BABA", "free_cash_flow", "FY2026Q2", "-21.8B", "--source", "10-Q"
    )
    assert code == 0, err
    assert "= -21.8B CNY" in out
    assert stored().get_column("value").to_list() == [-21.8e9]
    code, _, err = run(capsys, "data", "add", "BABA", "operating_margin", "FY2026Q2", "-3%",
                       "--source", "10-Q")  # fmt: skip
    assert code == 0, err


def test_a_ratio_typed_as_a_percentage_number_is_rejected(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys, "data", "add", "BABA", "cloud_revenue_yoy", "FY2026Q4", "135", "--source", "x"
    )
    assert code == 2
    assert "write 135% or 1.35" in err
    # Stored as a ratio when written either way, never as 135 CNY.
    for typed in ("135%", "1.35"):
        assert run(capsys, "data", "add", "BABA", "cloud_revenue_yoy", "FY2026Q4", typed,
                   "--source", f"s{typed}")[0] == 0  # fmt: skip
    assert set(stored().get_column("unit").to_list()) == {"ratio"}
    assert stored().get_column("value").to_list() == [1.35, 1.35]
    code, _, err = run(capsys, "data", "add", "BABA", "operating_margin", "FY2026Q4", "12",
                       "--unit", "CNY", "--source", "x")  # fmt: skip
    assert code == 2 and "operating_margin is a ratio: write it as 34% or 0.34" in err


def test_unknown_company_and_metric_get_a_did_you_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "data", "add", "BABX", "capex", "FY2026Q2", "1B", "--freq", "Q",
                       "--start", "2025-07-01", "--end", "2025-09-30", "--source", "x")  # fmt: skip
    assert code == 2 and "'BABX' is not a company in the watchlist; did you mean 'BABA'?" in err
    assert "column unit" not in err  # no second complaint caused by the first
    code, _, err = run(capsys, "data", "add", "BABA", "captex", "FY2026Q2", "1B", "--source", "x")
    assert code == 2 and "'captex' is not a metric capexwatch knows; did you mean 'capex'?" in err
    assert "--allow-new-metric" in err
    assert not resolve().imported.exists()
    code, _, err = run(capsys, "data", "add", "BABA", "captex", "FY2026Q2", "1B", "--source", "x",
                       "--allow-new-metric")  # fmt: skip
    assert code == 0, err
    # Once in the user's data, the metric is known: no flag needed the next time.
    assert run(capsys, "data", "add", "BABA", "captex", "FY2026Q3", "2B", "--source", "x")[0] == 0


def test_an_amount_in_another_currency_is_kept_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "data", "add", "BABA", "capex", "FY2026Q2", "4.4B", "--unit", "USD",
                       "--source", "x")  # fmt: skip
    assert code == 0
    assert "warning: BABA reports in CNY; capex FY2026Q2 is in USD" in err


def test_csv_and_parquet_rows_pass_the_same_checks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = [
        "BABA,cloud_revenue_yoy,FY2026Q4,,,,135,,actual,2026-01-02,sheet,",
        "BABX,capex,FY2026Q2,Q,2025-07-01,2025-09-30,1B,CNY,actual,2026-01-02,sheet,",
        "BABA,captex,FY2026Q2,,,,1B,,actual,2026-01-02,sheet,",
        "BABA,capex,FY2026Q2,,,,4.4B,USD,actual,2026-01-02,sheet,",
    ]
    path = tmp_path / "rows.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert "rows.csv:2:" in err and "write 135% or 1.35" in err
    assert "rows.csv:3:1: column company: 'BABX' is not a company" in err
    assert "rows.csv:4:6: column metric: 'captex' is not a metric" in err
    assert "3 bad rows; nothing imported" in err
    frame = pl.read_csv(path, infer_schema_length=0).with_columns(pl.col(pl.String).fill_null(""))
    parquet = tmp_path / "rows.parquet"
    frame.write_parquet(parquet)
    code, _, err = run(capsys, "import", str(parquet), "--skip-bad-rows")
    assert code == 0
    assert "row 1, column value: 135 is beyond ±10" in err
    assert "warning: BABA reports in CNY; capex FY2026Q2 is in USD" in err
    assert stored().get_column("unit").to_list() == ["USD"]


def test_companyfacts_rows_pass_the_same_checks(tmp_path: Path) -> None:
    document = {
        "cik": 1640147,
        "entityName": "Snowflake",
        "facts": {
            "us-gaap": {
                "Revenues": {
                    "units": {
                        "EUR": [
                            {"start": "2024-02-01", "end": "2024-04-30", "val": 5,
                             "accn": "a", "form": "10-Q", "filed": "2024-05-30"},
                        ]
                    }
                }
            }
        },
    }  # fmt: skip
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    config = tmp_path / "config"
    workspace = open_workspace(config)
    toml = workspace.watchlist.path.read_text(encoding="utf-8")
    workspace.watchlist.path.write_text(
        toml + '\n[company.SNOW]\nname = "Snowflake"\ncurrency = "USD"\n'
        "fiscal_year_end_month = 1\ncik = 1640147\n",
        encoding="utf-8",
    )
    report = importer.import_file(
        path, workspace.locations.imported, open_workspace(config).watchlist
    )
    assert report.warnings == ("SNOW reports in USD; revenue FY2025Q1 is in EUR "
                               "(kept in EUR; converted only where [[fx]] allows)",)  # fmt: skip


def test_event_kinds_and_dates_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "event", "add", "BABA", "utilisation_disclosure", "full",
                       "--source", "call")  # fmt: skip
    assert code == 2 and "did you mean 'utilization_disclosure'?" in err
    code, _, err = run(capsys, "event", "add", "BABA", "utilization_disclosure", "full",
                       "--source", "call", "--date", "2026-02-01")  # fmt: skip
    assert code == 2 and "2026-02-01 is in the future (today is 2026-01-20)" in err
    assert not resolve().events.exists()
    code, _, err = run(capsys, "event", "add", "BABA", "chip_export_rule", "new rule",
                       "--source", "release", "--new-kind")  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, "event", "add", "BABA", "chip_export_rule", "another",
                       "--source", "release")  # fmt: skip
    assert code == 0, err  # a kind already recorded is known
    assert events.load(resolve().events).height == 2


def test_a_metric_of_ones_own_keeps_its_unit_but_a_ratio_stays_a_ratio(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "data", "add", "BABA", "quick_commerce_orders", "FY2026Q2", "1.2B",
                       "--unit", "count", "--source", "x", "--allow-new-metric")  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, "data", "add", "BABA", "orders_attach_rate", "FY2026Q2", "135",
                       "--unit", "ratio", "--source", "x", "--allow-new-metric")  # fmt: skip
    assert code == 2 and "write 135% or 1.35" in err
    code, _, err = run(capsys, "data", "add", "BABA", "orders_attach_rate", "FY2026Q2", "135",
                       "--source", "x", "--allow-new-metric")  # fmt: skip
    assert code == 2 and "write 135% or 1.35" in err  # no unit: a ratio by its name
