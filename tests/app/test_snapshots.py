"""How each panel looks at 120×40 and 80×24 (and the watchlist in the light theme).

The peers and pressure-test panels change as their work lands: after a deliberate change to a
panel, look at the new picture and accept it with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import MakeApp

SIZES = [(120, 40), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
@pytest.mark.parametrize("panel", ["1", "2", "3"], ids=["watchlist", "peers", "pressure"])
def test_panel(snap_compare: Any, make_app: MakeApp, panel: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=[panel, "_"], terminal_size=size)


def test_watchlist_light_theme(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(theme="capexwatch-light"), press=["_"], terminal_size=(120, 40))


async def _open_form_without_blinking(pilot: Pilot[Any]) -> None:
    await pilot.press("a")
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture depend on timing


def test_add_form_at_80x24(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(), press=["_"], terminal_size=(80, 24), run_before=_open_form_without_blinking
    )


def test_help_at_80x24(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), press=["question_mark", "_"], terminal_size=(80, 24))
