"""Start the full-screen app: resolve files in `core`, then hand plain values to the App."""

from __future__ import annotations

from pathlib import Path

from core import daily
from core.workspace import open_workspace


def run(config_dir: str | Path | None) -> int:
    workspace = open_workspace(config_dir)
    from tui.app import CapexwatchApp

    app = CapexwatchApp(workspace, daily.build(workspace))
    # CAPEXWATCH_EXIT_AFTER_FIRST_FRAME=1 (benchmarks): no terminal needed, exit after one frame.
    app.run(headless=app.exit_after_first_frame)
    return app.return_code or 0
