"""`capexwatch plan set PATH VALUE`: inputs and rows from the command line, comments kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.tui.cli import main

MARKETS = """\
# my payback notes
[payback]
max_months = 18   # the board's limit

[[payback.market]]
name = "SEA"   # Southeast Asia
investment = 120000000
monthly_contribution = 5000000

[[payback.market]]
name = "EU"
investment = 80000000
monthly_contribution = 4000000
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_input_is_set_keeping_the_files_comments(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, _, err = run(capsys, "plan", "set", "utilization.current", "0.81")
    assert code == 0, err
    plan = (config_dir / "plan.toml").read_text("utf-8")
    assert "current = 0.81" in plan and "# utilization now" in plan
    assert run(capsys, "plan", "set", "utilization.threshold", "85%")[0] == 0
    gates = run(capsys, "check", "--json", "--fail-on", "never")[1]
    assert '"id": "utilization",\n      "status": "fail"' in gates  # 81% < 85%


def test_a_row_is_set_by_name_or_index(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "plan.toml").write_text(MARKETS, "utf-8")
    code, _, err = run(capsys, "plan", "set", "payback.market[SEA].monthly_contribution", "7.5M")
    assert code == 0, err
    assert run(capsys, "plan", "set", "payback.market[1].investment", "90M")[0] == 0
    text = (config_dir / "plan.toml").read_text("utf-8")
    assert "monthly_contribution = 7500000" in text and "investment = 90000000" in text
    assert "# my payback notes" in text and "# the board's limit" in text
    code, _, err = run(capsys, "plan", "set", "payback.market[APAC].investment", "1")
    assert code == 2 and "no row named 'APAC' (rows: SEA, EU)" in err
    code, _, err = run(capsys, "plan", "set", "payback.market[5].investment", "1")
    assert code == 2 and "there are 2 rows" in err


def test_mistakes_are_named_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    run(capsys, "plan", "set", "utilization.current", "0.81")
    plan = config_dir / "plan.toml"
    before = plan.read_bytes()
    for args, said in (
        (("utilizaton.current", "1"), "did you mean 'utilization'"),
        (("utilization.curent", "1"), "did you mean 'current'"),
        (("utilization.current", "lots"), "utilization.current: 'lots' is not a number"),
        (("utilization", "1"), "expected SECTION.KEY"),
        (("payback.workload[0].rank", "1"), "[payback] has payback.market[…]"),
    ):
        code, _, err = run(capsys, "plan", "set", *args)
        assert code == 2 and said in err, err
    assert plan.read_bytes() == before


def test_a_broken_plan_is_refused_with_its_location(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    plan = config_dir / "plan.toml"
    plan.write_text("[utilization]\ncurrent = \n", "utf-8")
    code, _, err = run(capsys, "plan", "set", "utilization.current", "0.81")
    assert code == 2 and f"{plan}:2:" in err
    assert plan.read_text("utf-8") == "[utilization]\ncurrent = \n"
