"""Keys a user tries first: the help and details scroll at once, the cursor jumps by page/end."""

from __future__ import annotations

from textual.widgets import Static

from capexwatch.tui.watchlist.table import SignalsTable
from capexwatch.tui.widgets.help import HelpScreen
from capexwatch.tui.widgets.scroll import TextScroll
from tests.app.conftest import MakeApp
from tests.waiting import wait_for


async def test_help_scrolls_without_a_tab_and_lists_the_panels_keys_first(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.text)
        # The panel's keys before the app's and before the panel's prose.
        assert text.index("a         Add a signal") < text.index("q         Leave capexwatch")
        assert text.index("q         Leave capexwatch") < text.index("Watchlist: one row per")
        body = app.screen.query_one(TextScroll)
        assert app.focused is body
        await pilot.press("j", "down")
        await wait_for(pilot, lambda: body.scroll_y == 2)
        await pilot.press("end")
        await wait_for(pilot, lambda: body.scroll_y == body.max_scroll_y > 2)
        await pilot.press("k")
        await wait_for(pilot, lambda: body.scroll_y == body.max_scroll_y - 1)


async def test_home_end_g_and_pages_move_the_watchlist_cursor(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(SignalsTable)
        last = table.row_count - 1
        for key, row in (("end", last), ("home", 0), ("G", last), ("pageup", 0)):
            await pilot.press(key)
            assert table.cursor_row == row, key
        await pilot.press("pagedown")
        assert table.cursor_row > 0


async def test_the_details_scroll_from_the_table(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        details = app.query_one("#detail-scroll", TextScroll)
        assert details.max_scroll_y > 0, str(app.query_one("#detail-text", Static).render())
        await pilot.press("J", "J", "shift+down")
        await pilot.pause()
        assert details.scroll_y == 3
        assert isinstance(app.focused, SignalsTable)  # the cursor keys still move the table
        await pilot.press("K")
        await pilot.pause()
        assert details.scroll_y == 2
