"""`capexwatch check` and `capexwatch config`, as cron and scripts use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from capexwatch.tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_on_an_empty_config_dir_uses_defaults_and_sample_data(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, out, _ = run(capsys, "check", "--json")
    data = json.loads(out)
    by_id = {s["id"]: s for s in data["signals"]}
    assert (config_dir / "watchlist.toml").exists()
    # Computed from the sample data: Alibaba's FCF of RMB −21.8B in the September quarter.
    assert by_id["baba-fcf-negative"]["status"] == "triggered"
    assert by_id["baba-fcf-negative"]["value"] == pytest.approx(-21.8e9)
    assert by_id["baba-fcf-negative"]["period"] == "FY2026Q2"
    assert by_id["baba-cloud-growth"]["status"] == "near"
    assert by_id["baba-gpu-utilization"]["status"] == "no_data"
    assert by_id["baba-gpu-utilization"]["value"] is None
    assert by_id["tcehy-capex-growth"]["status"] == "ok"
    keys = {
        "id",
        "title",
        "company",
        "metric",
        "status",
        "value",
        "threshold",
        "period",
        "as_of",
        "stale",
        "source",
    }
    assert all(keys <= set(s) for s in data["signals"])
    assert "generated_at" in data
    assert code == 1  # something is triggered


def test_check_says_each_values_unit_as_reported(capsys: pytest.CaptureFixture[str]) -> None:
    # Signals never convert: Alibaba's FCF is in CNY as reported, a margin is a ratio.
    _, out, _ = run(capsys, "check", "--json")
    by_id = {s["id"]: s for s in json.loads(out)["signals"]}
    assert by_id["baba-fcf-negative"]["unit"] == "CNY"
    assert by_id["baba-cloud-growth"]["unit"] == "ratio"
    _, out, _ = run(capsys, "check", "--format", "csv")
    header, *rows = out.splitlines()
    assert header.endswith(",kind,unit")
    fcf = next(row for row in rows if row.startswith("baba-fcf-negative,"))
    assert fcf.endswith(",CNY")


@pytest.mark.parametrize(("fail_on", "expected"), [("triggered", 1), ("near", 1), ("never", 0)])
def test_exit_code_follows_fail_on(
    capsys: pytest.CaptureFixture[str], fail_on: str, expected: int
) -> None:
    code, _, _ = run(capsys, "check", "--fail-on", fail_on)
    assert code == expected


def test_muted_signals_do_not_fail_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "watchlist.toml").write_text(
        '[company.BABA]\ncurrency = "CNY"\n\n[[signal]]\nid = "fcf"\ncompany = "BABA"\n'
        'metric = "free_cash_flow"\nop = "<"\nthreshold = 0\nmuted = true\n'
    )
    code, out, _ = run(capsys, "check", "--config", str(tmp_path / "w"))
    assert code == 0
    assert "TRIGGERED" in out and "(muted)" in out


def test_table_lists_every_signal_with_symbol_and_word(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check")
    assert "▲ TRIGGERED" in out and "○ NO DATA" in out and "◆ NEAR" in out
    assert "Free cash flow still negative" in out
    assert "-21.8B CNY" in out


def test_syntax_error_exits_2_with_location_and_leaves_file_alone(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    run(capsys, "config")  # writes the defaults
    path = config_dir / "watchlist.toml"
    text = path.read_text().replace('op = ">"', 'op = ">" oops', 1)
    path.write_text(text)
    before = path.read_bytes()
    line = text.splitlines().index('op = ">" oops') + 1
    code, _out, err = run(capsys, "check")
    assert code == 2
    assert err.startswith(f"{path}:{line}:10: ")
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_config_prints_paths_and_validates(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, out, _ = run(capsys, "config")
    assert code == 0
    assert str(config_dir / "watchlist.toml") in out
    assert "watchlist ok" in out


def test_installed_command_reports_version() -> None:
    exe = Path(sys.executable).parent / "capexwatch"
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("capexwatch ")


def test_check_answers_from_the_stored_view_until_an_input_changes(
    capsys: pytest.CaptureFixture[str], config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capexwatch.core.base import locations
    from capexwatch.core.snapshot import recipe as daily
    from capexwatch.core.snapshot import stored as viewcache
    from capexwatch.core.snapshot.workspace import open_workspace
    from capexwatch.tui.cli import check

    code, computed, _ = run(capsys, "check")
    where = locations.resolve(None)
    inputs = viewcache.key(where)
    viewcache.save(where, inputs, daily.build(open_workspace(None)))  # as the app does

    def no_compute(config: str | None) -> None:
        raise AssertionError("computed although nothing changed")

    with monkeypatch.context() as patched:
        patched.setattr(check, "compute", no_compute)
        assert run(capsys, "check") == (code, computed, "")  # the same answer, not recomputed
    # An edited watchlist is a different input (same size, likely the same clock tick: the key
    # holds its checksum too): the view is not used, the edit counts.
    watchlist = config_dir / "watchlist.toml"
    text = watchlist.read_text("utf-8")
    assert "threshold = 0.34" in text
    watchlist.write_text(text.replace("threshold = 0.34", "threshold = 0.30", 1), "utf-8")
    _, edited, _ = run(capsys, "check")
    assert edited != computed
    growth = next(line for line in edited.splitlines() if "Cloud growth" in line)
    assert "TRIGGERED" in growth


def test_check_marks_a_figure_that_is_an_estimate(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    # "CMR growth slows below 8%" is NEAR on a broker's estimate in the sample: it says so.
    _code, out, _ = run(capsys, "check")
    line = next(x for x in out.splitlines() if "CMR growth slows below 8%" in x)
    assert "10.0% ~ estimate" in line
    fcf = next(x for x in out.splitlines() if "Free cash flow still negative" in x)
    assert "~" not in fcf
    _code, out, _ = run(capsys, "check", "--json")
    by_id = {s["id"]: s for s in json.loads(out)["signals"]}
    assert by_id["baba-cmr-growth"]["kind"] == "estimate"
    assert by_id["baba-fcf-negative"]["kind"] == "actual"
    assert by_id["baba-gpu-utilization"]["kind"] is None  # no figure, no kind
