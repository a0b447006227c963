"""Keep every test away from the real user's files, and pin the clock."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2026-01-20"  # a few weeks after the sample data's last quarter, so most of it is fresh


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, data, state and cache directories under tmp_path; the date fixed."""
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        monkeypatch.setenv(f"CAPEXWATCH_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.setenv("CAPEXWATCH_TODAY", TODAY)
    return tmp_path


@pytest.fixture
def config_dir(isolated_dirs: Path) -> Path:
    return isolated_dirs / "config"
