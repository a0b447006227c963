"""While watchlist.toml does not load, a key that would write it says so and does nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.widgets.banner import ErrorBanner
from tests.app.conftest import MakeApp


async def wait_for(pilot: Pilot[int], condition: Callable[[], bool], seconds: float = 20) -> None:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, "the app did not pick up the change in time"
        await pilot.pause(0.05)


def said(app: CapexwatchApp) -> list[str]:
    return [n.message for n in app._notifications]


def banner_up(app: CapexwatchApp) -> bool:
    return app.query_one(ErrorBanner).has_class("-visible")


async def break_it(app: CapexwatchApp, pilot: Pilot[int], path: Path) -> str:
    good = path.read_text("utf-8")
    path.write_text(good + "\nx = = broken\n", "utf-8")
    await wait_for(pilot, lambda: banner_up(app))  # the watcher noticed, the reload failed
    return good


async def test_keys_that_would_write_a_broken_file_do_nothing_and_say_so(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        good = await break_it(app, pilot, watchlist_path)
        broken = watchlist_path.read_bytes()
        assert not any("changed on disk: reloaded" in m for m in said(app))  # it did not load
        await pilot.press("t", "t", "m")
        await pilot.pause()
        assert app.theme == "capexwatch-dark"  # not even on screen
        refusals = [m for m in said(app) if "does not load, so" in m]
        assert len(refusals) == 3 and "nothing was changed" in refusals[0]
        assert watchlist_path.read_bytes() == broken
        # The fix: nothing pressed meanwhile is applied over it.
        watchlist_path.write_text(good, "utf-8")
        await wait_for(pilot, lambda: not banner_up(app))
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)  # a few polls: nothing queued turns up
        assert app.theme == "capexwatch-dark"
        assert watchlist_path.read_text("utf-8") == good
        assert any("changed on disk: reloaded" in m for m in said(app))
        await pilot.press("m")  # loads again: the key works
        await app.workers.wait_for_complete()
        assert "muted = true" in watchlist_path.read_text("utf-8")


async def test_the_apps_own_save_is_not_announced_as_a_change_on_disk(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("m")
            await pilot.pause(0.3)  # polls run between the save and the reload
            await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert not any("changed on disk" in m for m in said(app)), said(app)
