"""The footer shows the focused panel's keys and is rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from capexwatch.tui.widgets.footer import AppFooter
from tests.app.conftest import MakeApp
from tests.waiting import wait_for


def shown(app: object) -> list[str]:
    footer = app.query_one(AppFooter)  # type: ignore[attr-defined]
    return [key.description for key in footer.query(FooterKey) if key.description]


async def test_switching_panels_rebuilds_the_footer_once_with_the_new_keys(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: "Mute" in shown(app))  # the start's footer is built
        await pilot.pause()
        footer = app.query_one(AppFooter)
        rebuilds = 0
        recompose = footer.recompose

        async def counted() -> None:
            nonlocal rebuilds
            rebuilds += 1
            await recompose()

        footer.recompose = counted  # type: ignore[method-assign]
        await pilot.press("2")
        await wait_for(pilot, lambda: "Group" in shown(app))  # the Peers panel's keys
        await pilot.pause()
        assert rebuilds == 1  # Textual's own footer rebuilt seven times here
        await pilot.press("down")  # a move inside the grid: same keys, no rebuild
        await pilot.pause()
        assert rebuilds == 1
