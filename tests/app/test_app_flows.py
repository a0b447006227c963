"""The frame around the panels: switching, help, themes, errors, hostile text, small sizes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TabbedContent

from capexwatch.core.watchlist import model as wl
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.header import AppHeader
from capexwatch.tui.watchlist.form import SignalForm
from capexwatch.tui.watchlist.table import SignalsTable
from capexwatch.tui.widgets.banner import ErrorBanner
from capexwatch.tui.widgets.help import HelpScreen
from tests.app.conftest import MakeApp

HOSTILE = "[bold]x[/] [@click=app.quit]y[/]"


def visible_text(app: CapexwatchApp) -> str:
    """What the screen shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_1_2_3_switch_panels(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        tabs = app.query_one(TabbedContent)
        assert tabs.active == "watchlist"
        await pilot.press("2")
        assert tabs.active == "peers"
        await pilot.press("3")
        assert tabs.active == "pressure"
        await pilot.press("1")
        assert tabs.active == "watchlist"
        assert isinstance(app.focused, SignalsTable)


async def test_question_mark_shows_help_for_the_panel(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.text)
        assert "Help · Watchlist" in text and "▲ TRIGGERED" in text
        assert "a         Add a signal to watchlist.toml" in text  # the panel's keys, from commands
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("2", "question_mark")
        assert "Help · Peers" in str(app.screen.text)


async def test_t_switches_theme_and_it_persists(make_app: MakeApp, watchlist_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "capexwatch-dark"
        await pilot.press("t")
        await app.workers.wait_for_complete()
        assert app.theme == "capexwatch-light"
        assert 'theme = "capexwatch-light"' in watchlist_path.read_text()
        assert "# capexwatch watchlist" in watchlist_path.read_text()
    assert wl.load(watchlist_path, {"capex_yoy"}).ui.theme == "capexwatch-light"


async def test_palette_runs_commands(make_app: MakeApp, watchlist_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"high contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.theme == "capexwatch-contrast"
        assert 'theme = "capexwatch-contrast"' in watchlist_path.read_text()
        await pilot.press("ctrl+p", *"add signal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SignalForm)


async def test_text_from_data_is_never_markup(make_app: MakeApp) -> None:
    text = wl.default_text().replace('"Cloud growth beyond 34%"', repr(HOSTILE).replace("'", '"'))
    text = text.replace('name = "Alibaba Group"', 'name = "[red]Ali[/red]"')
    app = make_app(text)
    async with app.run_test(size=(150, 40)) as pilot:
        app.query_one("#watchlist-panel").select("baba-cloud-growth")  # type: ignore[attr-defined]
        await pilot.pause()
        screen = visible_text(app)
        assert HOSTILE in screen
        assert "[red]Ali[/red]" in screen
        await pilot.click(SignalsTable, offset=(30, 4))
        await pilot.click("#detail-text", offset=(2, 0))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_a_broken_file_keeps_the_last_good_view(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        rows = len(app.query_one(SignalsTable).results)
        watchlist_path.write_text(
            watchlist_path.read_text().replace('\nop = "<"', '\nop = "=<"', 1)
        )
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        banner = app.query_one(ErrorBanner)
        assert banner.display
        message = str(banner.render())
        assert f"{watchlist_path}:" in message and "op must be one of" in message
        assert len(app.query_one(SignalsTable).results) == rows
        await pilot.press("m")  # an edit now would write over a broken file: refused
        await pilot.pause()
        assert 'op = "=<"' in watchlist_path.read_text()
        assert "muted" not in watchlist_path.read_text()
        watchlist_path.write_text(watchlist_path.read_text().replace('\nop = "=<"', '\nop = "<"'))
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not banner.display


async def test_smaller_sheds_the_detail_then_asks_for_more_room(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        detail = app.query_one("#signal-detail")
        too_small = app.query_one("#too-small", Static)
        assert detail.region.height > 0 and not too_small.region.height
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert detail.region.height == 0 and app.query_one(SignalsTable).region.height > 0
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        assert too_small.region.height > 0
        assert "at least 60×15" in visible_text(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert detail.region.height > 0
        assert isinstance(app.focused, SignalsTable)  # the keys work again at once


async def test_resizing_with_a_dialog_open_never_crashes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("a", "question_mark", "d", "ctrl+p"):
            await pilot.press(key)
            for size in ((20, 5), (80, 24)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
            assert app.is_running
            await pilot.press("escape")
        assert app.query_one(AppHeader).region.width == 80


async def test_app_keys_do_nothing_while_a_dialog_is_open(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, SignalForm)
        app.screen.query_one("#muted").focus()  # a checkbox: it takes no letters
        await pilot.pause()
        await pilot.press("q", "2", "t")
        assert app.is_running and isinstance(app.screen, SignalForm)
        assert app.theme == "capexwatch-dark"
        assert app.query_one(TabbedContent).active == "watchlist"
        await pilot.press("escape", "2")
        assert app.query_one(TabbedContent).active == "peers"


async def test_very_wide_puts_the_details_beside_the_table(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(180, 40)) as pilot:
        await pilot.pause()
        table, detail = app.query_one(SignalsTable), app.query_one("#signal-detail")
        assert detail.region.x >= table.region.right - 1
        assert detail.region.y == table.region.y
