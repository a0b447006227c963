"""`[ui.keys]` in watchlist.toml remaps any command by its binding id; a mistake is located."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui import commands
from capexwatch.tui.cli import main
from tests.app.conftest import MakeApp
from tests.waiting import wait_for


def with_keys(default: str, keys: str) -> str:
    """The default watchlist with `keys` as its [ui.keys] table (after the [ui] table)."""
    return default.replace("[ui]\n", f"[ui.keys]\n{keys}\n\n[ui]\n", 1)


def default_watchlist(config_dir: Path) -> str:
    config_dir.mkdir(parents=True, exist_ok=True)
    watchlist.ensure_exists(config_dir / "watchlist.toml")
    return (config_dir / "watchlist.toml").read_text("utf-8")


async def test_a_remapped_key_runs_its_command_and_the_old_one_does_not(
    make_app: MakeApp, config_dir: Path
) -> None:
    text = with_keys(default_watchlist(config_dir), '"watchlist.mute" = "u"')
    app = make_app(text)
    async with app.run_test(size=(120, 40)) as pilot:
        first = app.snapshot.sorted_results()[0].signal.id
        await pilot.press("m")  # no longer mute
        await pilot.pause()
        assert not app.snapshot.watchlist.signal(first).muted  # type: ignore[union-attr]
        await pilot.press("u")
        await wait_for(pilot, lambda: app.snapshot.watchlist.signal(first).muted)  # type: ignore[union-attr]


def test_an_unknown_command_id_is_located_with_a_suggestion(config_dir: Path) -> None:
    path = config_dir / "watchlist.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(with_keys(default_watchlist(config_dir), '"watchlist.mutе" = "u"'), "utf-8")
    loaded = watchlist.load(path)
    with pytest.raises(ConfigError) as raised:
        watchlist.check_binding_ids(loaded, commands.ids())
    message = str(raised.value)
    line = path.read_text("utf-8").splitlines().index('"watchlist.mutе" = "u"') + 1
    assert f"{path}:{line}:1:" in message
    assert "did you mean 'watchlist.mute'" in message


def test_config_reports_an_unknown_command_id(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_dir / "watchlist.toml"
    text = with_keys(default_watchlist(config_dir), '"no.such" = "u"')
    path.write_text(text, "utf-8")
    assert main(["--config", str(config_dir), "config"]) == 2
    assert "no command has the id 'no.such'" in capsys.readouterr().err


def test_a_key_that_is_no_key_name_is_located(config_dir: Path) -> None:
    path = config_dir / "watchlist.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(with_keys(default_watchlist(config_dir), '"watchlist.mute" = "m m"'), "utf-8")
    with pytest.raises(ConfigError) as raised:
        watchlist.load(path)
    assert "'ui.keys.watchlist.mute' must be key names" in str(raised.value)


def test_every_command_id_is_listed_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    section = readme.split("### Remapping keys", 1)[1].split("\n## ", 1)[0]
    missing = sorted(i for i in commands.ids() if f"`{i}`" not in section)
    assert not missing, f"README's 'Remapping keys' lacks {missing}"
