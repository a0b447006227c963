"""Run inside a fresh process: open the app on the current data, go to Peers, press keys.

Prints one JSON object: wall-clock instants (time.time(), so the parent can subtract the moment
it started this process) and key latencies in seconds. Each instant is taken when Textual paints
the frame that shows the result, not when a handler returns: the app's `_display` is wrapped,
and a condition on the widgets says which frame counts.

    python -m bench.probe   # with CAPEXWATCH_*_DIR pointing at a generated market
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

SIZE = (160, 48)


class FrameClock:
    """Notes the wall-clock time of the first painted frame for which a condition holds."""

    def __init__(self, app: Any) -> None:
        self.condition: Callable[[], bool] | None = None
        self.painted: asyncio.Future[float] | None = None
        paint = app._display

        def display(screen: Any, renderable: Any) -> None:
            paint(screen, renderable)
            waiting = self.painted is not None and not self.painted.done()
            if waiting and renderable is not None and self.condition and self.condition():
                assert self.painted is not None
                self.painted.set_result(time.time())

        app._display = display

    def expect(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
        self.condition = condition
        self.painted = asyncio.get_running_loop().create_future()
        return self.painted


async def _measure(app: Any, companies: int) -> dict[str, float]:
    from capexwatch.tui.peers.panel import PeersPanel

    clock = FrameClock(app)
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(PeersPanel)

        def peers_shown() -> bool:
            grid = panel.grid
            return (
                grid is not None
                and grid.row_count == companies
                and grid.region.height > 0
                and app.query_one("#panels").active == "peers"
            )

        painted = clock.expect(peers_shown)
        await pilot.press("2")
        figures["peers_frame_at"] = await asyncio.wait_for(painted, 120)
        grid = panel.grid
        assert grid is not None
        grid.focus()
        await pilot.pause()

        def at_end() -> bool:
            return grid.cursor_row == companies - 1 and grid.scroll_y >= grid.max_scroll_y - 1

        figures["key_end"] = await _key(pilot, clock, "end", at_end)
        await pilot.press("right")  # onto a figure column: sorting reorders all companies
        await pilot.pause()

        def resorted() -> bool:
            shown = panel.grid
            return panel.sorted and shown is not None and shown.region.height > 0

        figures["key_sort"] = await _key(pilot, clock, "s", resorted)
    return figures


async def _key(pilot: Any, clock: FrameClock, key: str, done: Callable[[], bool]) -> float:
    painted = clock.expect(done)
    start = time.time()
    await pilot.press(key)
    return await asyncio.wait_for(painted, 60) - start


def main() -> None:
    started = time.time()
    from capexwatch.tui.launch import build_app

    app = build_app(None)  # exactly what `capexwatch` opens
    peers = app.snapshot.peers
    # From the watchlist's groups, not peers.table(): that would read the stored tables
    # (and import polars) before the app runs, which capexwatch itself does not do.
    from capexwatch.core.peers.table import groups_of

    companies = len(groups_of(app.snapshot.watchlist)[peers.default].companies) if peers else 0
    figures = asyncio.run(_measure(app, companies))
    print(json.dumps({"started_at": started, "companies": companies, **figures}))


if __name__ == "__main__":
    main()
