"""Build the App directly from a workspace in the isolated config dir (no terminal needed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.app import CapexwatchApp

MakeApp = Callable[..., CapexwatchApp]


@pytest.fixture
def watchlist_path(config_dir: Path) -> Path:
    return config_dir / "watchlist.toml"


@pytest.fixture
def make_app(config_dir: Path) -> MakeApp:
    """`make_app(text=None, theme=None)`: an App on the default watchlist, or on `text`."""

    def make(text: str | None = None, theme: str | None = None) -> CapexwatchApp:
        config_dir.mkdir(parents=True, exist_ok=True)
        path = config_dir / "watchlist.toml"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        workspace = open_workspace(config_dir)
        if theme is not None:
            path.write_text(path.read_text().replace("capexwatch-dark", theme))
            workspace = open_workspace(config_dir)
        return CapexwatchApp(workspace, daily.build(workspace))

    return make
