"""Run inside a fresh process: one wait a user meets in the app, from the act to its frame.

    python -m bench.waits record    # `n`: the key to the first frame showing the record form
    python -m bench.waits add       # `a`: the add-signal form
    python -m bench.waits palette   # ctrl+p: the command palette
    python -m bench.waits help      # `?`: help
    python -m bench.waits history   # `R`: the review history
    python -m bench.waits recorded  # ctrl+s in a filled record form to the row showing the figure
    python -m bench.waits edited    # watchlist.toml changed on disk to the row showing the edit

Each is the first of its kind in the process, as a user meets it after a start (what a first
open imports and builds is in the figure). Prints one JSON object: {"seconds": …}. The instant
is taken when Textual paints the frame that shows the result (bench.probe.FrameClock).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench.probe import FrameClock

SIZE = (120, 40)
SETTLE_SECONDS = 1.0
# The sample watchlist's signal the two data waits change (its figure, then its title).
SIGNAL = "baba-fcf-negative"
FIGURE = {"metric": "free_cash_flow", "period": "FY2026Q3", "value": "7B", "source": "bench"}
SHOWN_FIGURE = "7.0B"
EDITED_TITLE = "Edited in place"
# The screen each key opens, by class name (imported by the app when first asked for).
OPENS = {
    "record": ("n", "RecordForm"),
    "add": ("a", "SignalForm"),
    "palette": ("ctrl+p", "CommandPalette"),
    "help": ("question_mark", "HelpScreen"),
    "history": ("R", "HistoryScreen"),
}
WAITS = (*OPENS, "recorded", "edited")


def _row(app: Any) -> list[str]:
    from capexwatch.tui.watchlist.panel import WatchlistPanel

    table = app.query_one(WatchlistPanel).table
    try:
        return [str(cell) for cell in table.get_row(SIGNAL)]
    except Exception:  # the row is being rebuilt
        return []


async def _open(app: Any, pilot: Any, clock: FrameClock, what: str) -> float:
    key, screen = OPENS[what]
    painted = clock.expect(lambda: type(app.screen).__name__ == screen)
    start = time.time()
    await pilot.press(key)
    return await asyncio.wait_for(painted, 60) - start


async def _recorded(app: Any, pilot: Any, clock: FrameClock) -> float:
    from textual.widgets import Input, Select

    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    form.query_one("#company", Select).value = "BABA"
    for field, value in FIGURE.items():
        form.query_one(f"#{field}", Input).value = value
    await pilot.pause()
    painted = clock.expect(lambda: any(SHOWN_FIGURE in cell for cell in _row(app)))
    start = time.time()
    await pilot.press("ctrl+s")
    return await asyncio.wait_for(painted, 60) - start


async def _edited(app: Any, pilot: Any, clock: FrameClock) -> float:
    path = app.workspace.locations.watchlist
    text = path.read_text(encoding="utf-8")
    old = 'title = "Free cash flow still negative"'
    assert old in text, "the sample watchlist's BABA free-cash-flow signal is gone"
    painted = clock.expect(lambda: any(EDITED_TITLE in cell for cell in _row(app)))
    start = time.time()
    path.write_text(text.replace(old, f'title = "{EDITED_TITLE}"'), encoding="utf-8")
    return await asyncio.wait_for(painted, 60) - start


async def _measure(app: Any, what: str) -> float:
    clock = FrameClock(app)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the start's reading of the data is done
        await asyncio.sleep(SETTLE_SECONDS)  # and what follows it (the chart): a user reads first
        await pilot.pause()
        waits: dict[str, Callable[[], Awaitable[float]]] = {
            "recorded": lambda: _recorded(app, pilot, clock),
            "edited": lambda: _edited(app, pilot, clock),
        }
        run = waits.get(what) or (lambda: _open(app, pilot, clock, what))
        return await run()


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what not in WAITS:
        raise SystemExit(f"usage: python -m bench.waits {{{','.join(WAITS)}}}")
    from capexwatch.tui.launch import build_app

    app = build_app(None)  # exactly what `capexwatch` opens
    print(json.dumps({"seconds": asyncio.run(_measure(app, what))}))


if __name__ == "__main__":
    main()
