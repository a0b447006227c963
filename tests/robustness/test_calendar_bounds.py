"""Every value outside the calendar or the machine is a located error, never a traceback."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.terminal import installed_command


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [installed_command(), *args],
        capture_output=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "period", ["FY9999", "FY0001Q1", "TTM to 2025-02-30", "TTM to 2025-13-01", "FY1066"]
)
def test_a_period_outside_the_calendar_is_a_located_error(period: str) -> None:
    done = _run("data", "add", "BABA", "capex", period, "1", "--source", "x")
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert f"'{period}'".encode() in done.stderr


def test_a_pinned_date_that_is_not_a_date_is_named() -> None:
    done = _run("check", CAPEXWATCH_TODAY="tomorrow")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        b"$CAPEXWATCH_TODAY: 'tomorrow' is not a date (YYYY-MM-DD, as 2026-01-20)"
    )


def test_superscript_digits_are_not_a_cik() -> None:
    done = _run("fetch", "edgar", "\u00b2", "--user-agent", "A Person a@example.com")
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
