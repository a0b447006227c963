"""`--config DIR` with a mistyped path says so instead of silently starting a new config."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.tui.cli import main


@pytest.mark.parametrize("where", [["--config", "{}", "check"], ["check", "--config", "{}"]])
def test_a_config_dir_that_does_not_exist_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: list[str]
) -> None:
    typo = tmp_path / "cofnig"
    code = main([w.format(typo) for w in where])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{typo}: no such config directory" in err and "--init" in err
    assert not typo.exists()  # nothing was created


def test_init_creates_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    assert main(["config", "--config", str(fresh), "--init"]) == 0
    assert (fresh / "watchlist.toml").is_file()
    assert main(["config", "--config", str(fresh)]) == 0  # there now: no --init needed
    capsys.readouterr()


def test_the_default_and_environment_dirs_are_still_created_on_first_run(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    assert not config_dir.exists()
    assert main(["config"]) == 0
    assert (config_dir / "watchlist.toml").is_file()
    capsys.readouterr()
