"""`capexwatch data list|remove|show`: what the user brought in, and taking it out again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.tui.cli import main

HEADER = "company,metric,period,freq,period_start,period_end,value,unit,kind,published,source,note"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        f"{HEADER}\n"
        "BABA,capex,FY2026Q3,Q,2025-10-01,2025-12-31,41B,CNY,actual,2026-02-20,sheet A,\n"
        "BIDU,capex,FY2025Q4,Q,2025-10-01,2025-12-31,3.1B,CNY,actual,2026-02-18,sheet A,\n"
        "BIDU,capex,FY2025Q3,Q,2025-07-01,2025-09-30,2.9B,CNY,estimate,,sheet B,\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", str(path))[0] == 0


def test_list_shows_sources_with_rows_companies_and_periods(
    two_sources: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "data", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ROWS", "COMPANIES", "PERIODS", "SOURCE"]
    assert lines[1].split() == ["2", "BABA,BIDU", "2025-12-31..2025-12-31", "sheet", "A"]
    assert lines[2].split() == ["1", "BIDU", "2025-09-30..2025-09-30", "sheet", "B"]


def test_remove_takes_one_source_out(two_sources: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "remove", "sheet A")
    assert code == 0 and "removed 2 rows of 'sheet A'" in out
    _, out, _ = run(capsys, "data", "list")
    assert "sheet A" not in out and "sheet B" in out
    code, _, err = run(capsys, "data", "remove", "sheet")
    assert code == 2 and "1 source starts with it (add --prefix" in err
    code, out, _ = run(capsys, "data", "remove", "sheet", "--prefix")
    # What went, by name: not only the prefix that was asked for.
    assert code == 0 and out.splitlines() == ["removed 1 row", "  sheet B: 1 row"]


def test_list_when_nothing_was_imported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "list")
    assert code == 0 and "no imported or recorded data yet" in out
    assert not resolve().imported.exists()


def test_show_merges_the_sample_with_imported_rows(
    two_sources: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "data", "show", "BIDU", "--metric", "capex", "--json")
    assert code == 0
    rows = {r["period"]: r for r in json.loads(out)["observations"]}
    assert rows["FY2025Q4"]["value"] == 3.1e9 and rows["FY2025Q4"]["source"] == "sheet A"
    assert rows["FY2025Q3"]["kind"] == "estimate" and rows["FY2025Q3"]["published"] is None
    code, out, _ = run(capsys, "data", "show", "BABA", "--metric", "free_cash_flow")
    assert code == 0
    assert "FY2026Q2" in out and "-21.8B CNY" in out and "(derived)" not in out.split("\n")[0]


def test_show_names_unknown_companies_and_metrics(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "data", "show", "BAB")
    assert code == 2 and "no figures for company 'BAB'; did you mean 'BABA'?" in err
    code, _, err = run(capsys, "data", "show", "BABA", "--metric", "capx")
    assert code == 2 and "unknown metric 'capx'; did you mean 'capex'?" in err
