"""Start the full-screen app: resolve files in `core`, then hand plain values to the App."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core import daily, locations
from core.errors import CapexwatchError
from core.workspace import open_workspace
from tui import failure

if TYPE_CHECKING:
    from tui.app import CapexwatchApp


def build_app(config_dir: str | Path | None) -> CapexwatchApp:
    """The App exactly as `capexwatch` opens it (the benchmark's probe starts from here too)."""
    workspace = open_workspace(config_dir)
    from tui.app import CapexwatchApp

    return CapexwatchApp(workspace, daily.build(workspace))


def run(config_dir: str | Path | None) -> int:
    try:
        app = build_app(config_dir)
    except CapexwatchError as error:
        # The located problems first (as a compiler prints them), then which file and what next.
        advice = failure.launch_advice(error, locations.resolve(config_dir))
        raise CapexwatchError(f"{error}\n{advice}") from error
    # CAPEXWATCH_EXIT_AFTER_FIRST_FRAME=1 (benchmarks): no terminal needed, exit after one frame.
    app.run(headless=app.exit_after_first_frame)
    return app.return_code or 0
