"""Fits a shell: completion and the manual page generated from the parser, CSV output."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from capexwatch.tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("shell", ["bash", "zsh", "tcsh"])
def test_completion_covers_every_command_and_option(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    for word in ("check", "review", "plan", "completion"):
        assert word in out, (shell, word)
    if shell != "tcsh":  # shtab's tcsh script completes commands only
        assert "--notify" in out and "--fail-on" in out


def test_completion_and_man_install_under_the_users_data_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    code, out, _ = run(capsys, "completion", "bash", "--install")
    target = tmp_path / "share" / "bash-completion" / "completions" / "capexwatch"
    assert code == 0 and str(target) in out and "_shtab_capexwatch" in target.read_text()
    code, out, _ = run(capsys, "man", "--install")
    page = tmp_path / "share" / "man" / "man1" / "capexwatch.1"
    assert code == 0 and page.read_text().startswith(".TH CAPEXWATCH")


def test_the_man_page_documents_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "man")
    assert code == 0 and out.startswith(".TH CAPEXWATCH")
    assert "capexwatch plan set" in out and "\\-\\-notify" in out and "%%" not in out


def test_data_show_csv(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    code, out, _ = run(
        capsys, "data", "show", "BABA", "--metric", "free_cash_flow", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    q2 = next(r for r in rows if r["period"] == "FY2026Q2" and r["kind"] == "actual")
    assert float(q2["value"]) == pytest.approx(-21.8e9) and q2["unit"] == "CNY"
    assert q2["derived"] in ("true", "false") and q2["period_end"] == "2025-09-30"
