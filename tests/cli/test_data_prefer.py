"""`data show` lists every side of a disputed figure; `data prefer` settles it, undoably."""

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


def baidu_q3(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, x in enumerate(lines) if "FY2025Q3" in x and x.startswith("operating_m"))
    return lines[start : start + 3]


def test_show_lists_both_sides_and_prefer_makes_the_derivation_current(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, out, _ = run(capsys, "data", "show", "BIDU", "--metric", "operating_margin")
    assert code == 0
    row, reported, derived = baidu_q3(out)
    assert "-61.0%" in row and "(conflict)" in row
    assert reported.startswith("    · -61.0% · article: ") and reported.endswith("· current")
    assert derived == "    · -48.4% · derived: operating_income / revenue · no publication date"
    code, out, _ = run(capsys, "data", "show", "BIDU", "--metric", "operating_margin", "--json")
    q3 = next(o for o in json.loads(out)["observations"] if o["period"] == "FY2025Q3")
    assert [(s["value"], s["current"], s["derived"]) for s in q3["sides"]] == [
        (-0.61, True, False),
        (pytest.approx(-0.484, abs=1e-3), False, True),
    ]
    code, out, _ = run(capsys, "data", "prefer", "BIDU", "operating_margin", "FY2025Q3",
                       "--source", "derived")  # fmt: skip
    assert code == 0 and "preferred by you" in out
    assert (resolve(None).data_dir / "preferences.json").exists()
    code, out, _ = run(capsys, "data", "show", "BIDU", "--metric", "operating_margin")
    row, reported, derived = baidu_q3(out)
    assert "-48.4%" in row
    assert derived.endswith("· current, preferred by you") and "current" not in reported
    code, out, _ = run(capsys, "data", "prefer", "BIDU", "operating_margin", "FY2025Q3",
                       "--clear")  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "data", "show", "BIDU", "--metric", "operating_margin")
    assert "-61.0%" in baidu_q3(out)[0]


def test_prefer_names_the_sources_when_none_matches(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, _, err = run(capsys, "data", "prefer", "TCEHY", "capex", "FY2025Q3", "--source", "xyz")
    assert code == 2 and "no source of that figure contains 'xyz'; its sources: article:" in err
    code, _, err = run(capsys, "data", "prefer", "TCEHY", "capex", "FY2025Q9", "--source", "x")
    assert code == 2 and "no capex figures of TCEHY for 'FY2025Q9'" in err


def test_check_json_gives_every_side_of_a_disputed_latest_figure(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    _code, out, _ = run(capsys, "check", "--json")
    by_id = {s["id"]: s for s in json.loads(out)["signals"]}
    sides = by_id["baba-fcf-negative"]["sides"]
    assert [s["derived"] for s in sides] == [False, True]
    assert sides[0]["value"] == pytest.approx(-21.8e9) and sides[0]["current"]
    assert sides[1]["value"] == pytest.approx(-21.4e9)  # operating cash flow minus capex
    assert by_id["msft-capex-intensity"]["sides"] == []  # not disputed
