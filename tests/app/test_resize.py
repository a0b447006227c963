"""After a live resize the screen is laid out for the new size, and the footer is never cut."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from capexwatch.tui.app import CapexwatchApp
from tests.app.conftest import MakeApp


def last_line(app: CapexwatchApp) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def whole(app: CapexwatchApp) -> None:
    """Every key the footer holds is on screen in full, before the palette ("? Hel" is cut)."""
    line = last_line(app)
    keys = line.split("▏")[0]
    assert "? Help" in keys, line
    for key in app.query_one(Footer).children:
        display = getattr(key, "key_display", "")
        description = getattr(key, "description", "")
        if description and not key.has_class("-command-palette"):
            assert f"{display} {description}" in keys, f"{display} {description} cut: {line!r}"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_footer_keeps_whole_keys(make_app: MakeApp, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        whole(app)
        for keys in (["2"], ["3"], ["1", "slash"]):  # every panel, and the filter's keys
            await pilot.press(*keys)
            await settle(pilot)
            whole(app)


async def test_a_live_resize_relays_out_the_footer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one(Footer).compact
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert not app.query_one(Footer).compact  # it read the size before the resize
        whole(app)
        assert "n Record" in last_line(app)  # room for more at 120
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.query_one(Footer).compact
        whole(app)
