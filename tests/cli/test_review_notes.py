"""`capexwatch review --mark --note TEXT`: what the user concluded, kept and shown again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capexwatch.tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_note_is_recorded_with_the_review_and_shown_by_history(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    run(capsys, "review", "--mark")
    code, out, _ = run(capsys, "review", "--mark", "--note", "Cloud near the line; wait for Q4")
    assert code == 0 and "Review recorded" in out
    history = json.loads(run(capsys, "review", "--history", "--json")[1])
    assert [h["note"] for h in history] == ["", "Cloud near the line; wait for Q4"]
    text = run(capsys, "review", "--history")[1]
    assert "note: Cloud near the line; wait for Q4" in text
    assert text.index("note: Cloud") < text.index("UTC", text.index("UTC") + 1)  # newest first


def test_mark_json_returns_the_note(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    out = run(capsys, "review", "--mark", "--json", "--note", "ok")[1]
    assert json.loads(out)["note"] == "ok"


def test_a_note_without_mark_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, _, err = run(capsys, "review", "--note", "forgot --mark")
    assert code == 2 and "--note goes with --mark" in err


def test_review_json_carries_each_changes_details(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    run(capsys, "review", "--mark")
    watchlist = config_dir / "watchlist.toml"
    text = watchlist.read_text("utf-8").replace("threshold = 0.34", "threshold = 0.30", 1)
    watchlist.write_text(text, "utf-8")
    changes = json.loads(run(capsys, "review", "--json")[1])["changes"]
    crossed = next(c for c in changes if c["kind"] == "crossed")
    assert crossed["company"] == "BABA" and crossed["target"] == "signal"
    assert " → " not in crossed["old"] and crossed["old"].endswith("NEAR")
    assert crossed["new"].endswith("TRIGGERED") and crossed["period"]
