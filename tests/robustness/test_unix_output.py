"""The installed command as a Unix tool: a reader that goes away, a full disk, a narrow locale,
an empty `--config`, and `config` validating both files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.terminal import installed_command

COMMANDS = [["check"], ["check", "--json"], ["export"], ["data", "list"], ["data", "show"]]
COMMANDS += [["config"], ["review"]]


def _run(
    *args: str, stdout: int | None = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [installed_command(), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def _some_data() -> None:
    # `data list` and `data show` need figures of the user's own to print.
    assert _run("data", "add", "BABA", "capex", "FY2026Q1", "1000", "--source", "t").returncode == 0


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_went_away_ends_the_command_quietly(
    config_dir: Path, args: list[str]
) -> None:
    _some_data()
    args = [*args, "BABA"] if args == ["data", "show"] else args
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head -1` once head has its line
    try:
        done = _run(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 141, done.stderr  # what a shell reports for SIGPIPE, never 1
    assert done.stderr == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["check"], ["export"]], ids=" ".join)
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = _run(*args, stdout=full.fileno())
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        "capexwatch: cannot write the output: No space left on device"
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_narrow_locale_gets_plain_symbols(config_dir: Path, encoding: str) -> None:
    done = _run("check", PYTHONIOENCODING=encoding)
    assert done.returncode == 1, done.stderr  # the sample data triggers signals
    assert b"Traceback" not in done.stderr
    assert b"^ TRIGGERED" in done.stdout
    done = _run("export", PYTHONIOENCODING=encoding)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("where", [["--config", ""], ["check", "--config", ""]], ids=str)
def test_an_empty_config_directory_is_refused(where: list[str]) -> None:
    args = where if "check" in where else [*where, "check"]
    done = _run(*args)
    assert done.returncode == 2
    assert b"--config: an empty directory name" in done.stderr


def test_config_validates_the_plan_too(config_dir: Path) -> None:
    assert _run("config").returncode == 0
    (config_dir / "plan.toml").write_text("[payback\nanswer = 1\n", encoding="utf-8")
    done = _run("config")
    assert done.returncode == 2
    assert f"{config_dir / 'plan.toml'}:1:".encode() in done.stderr
    assert b"plan ok" not in done.stdout


def test_config_paths_from_the_environment_are_cleaned(tmp_path: Path) -> None:
    odd = tmp_path / "odd\x1b]0;pwned\x07dir"
    done = _run("config", CAPEXWATCH_CONFIG_DIR=str(odd))
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout
    assert "odd␛]0;pwned␇dir".encode() in done.stdout


def test_nothing_a_command_prints_carries_a_control(config_dir: Path, tmp_path: Path) -> None:
    from tests.robustness.conftest import DANGEROUS_BYTES
    from tests.robustness.hostile_files import write_hostile_csv, write_hostile_workspace

    write_hostile_workspace(config_dir)
    hostile_csv = write_hostile_csv(tmp_path / "\x1b]0;pwned\x07.csv")
    runs = [
        _run("import", str(hostile_csv), "--skip-bad-rows"),  # warnings quote the bad cells
        _run("import", str(hostile_csv)),  # the error lists them
        _run("check"),
        _run("data", "list"),
        _run("review"),
        _run("event", "list"),
    ]
    for done in runs:
        assert b"Traceback" not in done.stderr, done.stderr
        for sequence in DANGEROUS_BYTES:
            assert sequence not in done.stdout + done.stderr, (sequence, done.args)
