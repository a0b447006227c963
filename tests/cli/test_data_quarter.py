"""`capexwatch data add COMPANY PERIOD METRIC=VALUE …`: a quarter's figures in one write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def shown(capsys: pytest.CaptureFixture[str], metric: str) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "data", "show", "BABA", "--metric", metric, "--json")
    assert code == 0
    rows = json.loads(out)["observations"]
    return [r for r in rows if r["period"] == "FY2027Q1"]


def test_several_figures_of_one_quarter_are_recorded_at_once(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, out, err = run(
        capsys, "data", "add", "BABA", "FY2027Q1", "revenue=250.1B", "capex=38.6B",
        "cloud_revenue=45.2B", "free_cash_flow=-21.8B", "--source", "Q1 release",
    )  # fmt: skip
    assert code == 0, err
    assert "recorded 4 figures in one write" in out
    assert shown(capsys, "capex")[0]["value"] == 38.6e9
    fcf = shown(capsys, "free_cash_flow")
    assert [r["value"] for r in fcf] == [-21.8e9] and fcf[0]["source"] == "Q1 release"
    # The same again changes nothing.
    again = run(capsys, "data", "add", "BABA", "FY2027Q1", "capex=38.6B", "--source", "Q1 release")
    assert "recorded 0 figures in one write (1 already recorded)" in again[1]


def test_one_bad_figure_records_none_and_names_each_problem(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    imported = resolve(str(config_dir)).imported
    code, _, err = run(
        capsys, "data", "add", "BABA", "FY2027Q1", "revenue=250.1B", "capx=38.6B",
        "cloud_revenue=lots", "--source", "Q1 release",
    )  # fmt: skip
    assert code == 2
    assert "capx: column metric:" in err and "did you mean 'capex'" in err
    assert "cloud_revenue: column value:" in err
    assert not imported.exists()  # revenue was fine, but nothing is half recorded


def test_a_shared_problem_is_said_once_and_bad_words_are_named(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, _, err = run(
        capsys, "data", "add", "BABA", "FY2027Q9", "revenue=1B", "capex=2B", "--source", "x"
    )
    assert code == 2 and err.count("column period") == 1
    code, _, err = run(capsys, "data", "add", "BABA", "FY2027Q1", "capex", "revenue=1B",
                       "--source", "x")  # fmt: skip
    assert code == 2 and "'capex': expected METRIC=VALUE" in err
    code, _, err = run(capsys, "data", "add", "BABA", "FY2027Q1", "capex=1B", "capex=2B",
                       "--source", "x")  # fmt: skip
    assert code == 2 and "capex: given twice" in err


def test_the_single_figure_form_stays(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    code, out, _ = run(
        capsys, "data", "add", "BABA", "free_cash_flow", "FY2027Q1", "-21.8B", "--source", "x"
    )
    assert code == 0 and out.startswith("recorded BABA free_cash_flow FY2027Q1")
    code, _, err = run(capsys, "data", "add", "BABA", "capex", "FY2027Q1", "--source", "x")
    assert code == 2 and "COMPANY METRIC PERIOD VALUE" in err
