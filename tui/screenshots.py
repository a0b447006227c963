"""Write an SVG screenshot of each panel, from the bundled sample data: `make screenshots`.

Usage: `python -m capexwatch.tui.screenshots DIR`. Runs headless in throwaway directories (the
user's own files are never read), with the date pinned so the pictures change only with the app.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

SHOTS = (
    ("watchlist", "1", (120, 40), "capexwatch-dark"),
    ("peers", "2", (120, 40), "capexwatch-dark"),
    ("pressure", "3", (120, 40), "capexwatch-dark"),
    ("watchlist-light", "1", (120, 40), "capexwatch-light"),
)
PINNED_TODAY = "2026-01-20"  # a few weeks after the sample data's last quarter


async def _shoot(out: Path, name: str, key: str, size: tuple[int, int], theme: str) -> Path:
    from capexwatch.core.snapshot import recipe as daily
    from capexwatch.core.snapshot.workspace import open_workspace
    from capexwatch.tui.app import CapexwatchApp

    workspace = open_workspace(None)
    app = CapexwatchApp(workspace, daily.build(workspace))
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await pilot.press(key)
        await pilot.pause(0.2)
        target = out / f"{name}.svg"
        # The title says the date the picture was drawn at: every status depends on it.
        drawn = os.environ.get("CAPEXWATCH_TODAY", PINNED_TODAY)
        title = f"capexwatch · {name} · drawn as of {drawn}"
        target.write_text(app.export_screenshot(title=title), encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    """Write the screenshots into argv[0] (default `docs`)."""
    out = Path(argv[0] if argv else "docs")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="capexwatch-shots-") as scratch:
        for kind in ("CONFIG", "DATA", "STATE", "CACHE"):
            os.environ[f"CAPEXWATCH_{kind}_DIR"] = str(Path(scratch) / kind.lower())
        os.environ.setdefault("CAPEXWATCH_TODAY", PINNED_TODAY)
        for name, key, size, theme in SHOTS:
            print(asyncio.run(_shoot(out, name, key, size, theme)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
