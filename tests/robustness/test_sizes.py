"""Tiny terminals: starting at 40×12, 20×5 or 1×1, and resizing with a dialog open, never crash."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from capexwatch.tui.app import CapexwatchApp

SIZES = [(40, 12), (20, 5), (1, 1)]
# Keys that open each dialog: the signal form, the delete question, the record and import forms,
# a plan card's form (help is resized with a dialog open in tests/tui/test_app_flows.py).
DIALOGS = {
    "add": ("1", "a"),
    "delete": ("d",),
    "record": ("n",),
    "import": ("i",),
    "plan form": ("3", "enter"),
}


# Below 60×15 the panels give way to a "make it larger" line; 60×15 draws them at their smallest.
STARTS = [*SIZES, (60, 15)]


@pytest.mark.parametrize("size", STARTS, ids=[f"{w}x{h}" for w, h in STARTS])
async def test_starting_tiny_every_panel_and_key_works(
    size: tuple[int, int], start_app: Callable[[], CapexwatchApp]
) -> None:
    app = start_app()
    async with app.run_test(size=size) as pilot:
        for keys in (("2", "j", "s"), ("3", "j"), ("1", "j", "slash", "escape")):
            await pilot.press(*keys)
            await pilot.pause()
            assert app.is_running
        if size == (1, 1):  # and back to a usable size: the panels return
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert app.query_one("#watchlist-panel").region.height > 0


async def test_resizing_with_each_dialog_open(start_app: Callable[[], CapexwatchApp]) -> None:
    app = start_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for turn, (name, keys) in enumerate(DIALOGS.items()):
            await pilot.press(*keys)
            await pilot.pause()
            dialog = app.screen
            assert dialog is not app.screen_stack[0], f"{name} did not open"
            for size in (SIZES[turn % len(SIZES)], (80, 24)):  # each tiny size, two dialogs
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert app.is_running, f"{name} at {size}"
            assert app.screen is dialog
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.screen_stack[0], f"{name} did not close"
