"""`check --notify`: the [notify] command runs once per change, with the JSON on stdin, and not
at all when nothing changed; a failing or hanging command is reported and loses nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from capexwatch.tui.cli import main

RECORDER = """\
import json, sys
from pathlib import Path
calls = Path(sys.argv[1])
lines = calls.read_text().splitlines() if calls.exists() else []
lines.append(json.dumps({"summary": sys.argv[-1], "stdin": json.load(sys.stdin)}))
calls.write_text("\\n".join(lines) + "\\n")
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def set_command(config_dir: Path, command: list[str], timeout: float = 20) -> None:
    watchlist = config_dir / "watchlist.toml"
    text = watchlist.read_text("utf-8").split("\n[notify]")[0]  # one [notify] table
    words = ", ".join(json.dumps(w) for w in command)
    watchlist.write_text(f"{text}\n[notify]\ncommand = [{words}]\ntimeout = {timeout}\n", "utf-8")


def calls(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def recorder(tmp_path: Path, config_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    run(capsys, "config")  # writes the default watchlist
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER, "utf-8")
    log = tmp_path / "calls.jsonl"
    set_command(config_dir, [sys.executable, str(script), str(log)])
    return log


def test_first_run_notifies_every_triggered_signal_then_only_changes(
    recorder: Path, config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", "--notify", "--fail-on", "never")
    assert code == 0 and "notified:" in err
    (first,) = calls(recorder)
    sent = first["stdin"]
    assert sent["first_run"] is True  # type: ignore[index]
    assert {c["to"] for c in sent["changes"]} == {"triggered"}  # type: ignore[index]
    assert "baba-fcf-negative" in {c["id"] for c in sent["changes"]}  # type: ignore[index]
    assert str(first["summary"]).startswith(f"capexwatch: {sent['count']} change")  # type: ignore[index]
    # Nothing changed: the command is not run again.
    assert run(capsys, "check", "--notify", "--fail-on", "never")[0] == 0
    assert len(calls(recorder)) == 1
    # A threshold edit moves Cloud growth from NEAR to TRIGGERED: one more run, that change only.
    watchlist = config_dir / "watchlist.toml"
    text = watchlist.read_text("utf-8").replace("threshold = 0.34", "threshold = 0.30", 1)
    watchlist.write_text(text, "utf-8")
    run(capsys, "check", "--notify", "--fail-on", "never")
    second = calls(recorder)[1]["stdin"]
    assert [(c["id"], c["from"], c["to"]) for c in second["changes"]] == [  # type: ignore[index]
        ("baba-cloud-growth", "near", "triggered")
    ]
    assert not (config_dir / "notified.json").exists()  # state lives in the state directory


def test_a_failing_command_is_reported_and_the_changes_are_sent_again(
    recorder: Path, config_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = (config_dir / "watchlist.toml").read_text("utf-8")
    failing = [
        sys.executable,
        "-c",
        "import sys; print('no display', file=sys.stderr); sys.exit(4)",
    ]
    set_command(config_dir, failing)
    code, _, err = run(capsys, "check", "--notify", "--fail-on", "never")
    assert code == 3
    assert "failed with exit code 4: no display" in err and "sent again" in err
    (config_dir / "watchlist.toml").write_text(saved, "utf-8")  # the recorder again
    run(capsys, "check", "--notify", "--fail-on", "never")
    assert calls(recorder)[0]["stdin"]["first_run"] is True  # type: ignore[index]


def test_a_hanging_command_is_stopped_and_reported(
    recorder: Path, config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_command(config_dir, [sys.executable, "-c", "import time; time.sleep(60)"], timeout=0.5)
    code, _, err = run(capsys, "check", "--notify", "--fail-on", "never")
    assert code == 3 and "did not finish within 0.5 s" in err


def test_a_missing_program_and_a_missing_table_are_said(
    recorder: Path, config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_command(config_dir, ["/nonexistent/notifier"])
    code, _, err = run(capsys, "check", "--notify")
    assert code == 3 and "cannot run '/nonexistent/notifier'" in err


def test_notify_settings_are_validated(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "config")
    watchlist = config_dir / "watchlist.toml"
    text = watchlist.read_text("utf-8")
    watchlist.write_text(text + '\n[notify]\ncommand = "notify-send"\ntimeot = 3\n', "utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert "notify.command' must be" in err and "timeot" in err and "did you mean" in err
    watchlist.write_text(text, "utf-8")
    code, _, err = run(capsys, "check", "--notify")
    assert code == 2 and "[notify]" in err


def test_check_csv_has_a_header_and_one_row_per_signal(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    code, out, _ = run(capsys, "check", "--format", "csv", "--fail-on", "never")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(json.loads(run(capsys, "check", "--json")[1])["signals"])
    fcf = next(r for r in rows if r["id"] == "baba-fcf-negative")
    assert fcf["status"] == "triggered" and float(fcf["value"]) == pytest.approx(-21.8e9)
    assert fcf["period"] == "FY2026Q2" and fcf["muted"] == "false"
