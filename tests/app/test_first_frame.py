"""What the first frame skips to be fast must still be right once the user gets there."""

from __future__ import annotations

import subprocess
import sys

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets import Static

from capexwatch.core.plan import model as plans
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.pressure.card import GateCard
from capexwatch.tui.watchlist.panel import FilterInput, WatchlistPanel
from capexwatch.tui.widgets.chart import HistoryChart
from tests.app.conftest import MakeApp
from tests.waiting import wait_for


class _Plain(App[None]):
    """Textual's own handling of the same breakpoints, for comparison."""

    HORIZONTAL_BREAKPOINTS = CapexwatchApp.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = CapexwatchApp.VERTICAL_BREAKPOINTS

    def compose(self) -> ComposeResult:
        yield Static("x")


def _size_classes(app: App[object]) -> set[str]:
    return {name for name in app.screen.classes if name.startswith("-")}


@pytest.mark.parametrize("size", [(50, 10), (80, 24), (120, 30), (170, 40)])
async def test_the_screen_starts_with_the_size_classes_textual_gives_it(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    plain = _Plain()
    async with plain.run_test(size=size):
        expected = _size_classes(plain)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        assert _size_classes(app) == expected
        # Made with them (a change on the first resize would restyle every widget).
        assert set(app.get_default_screen().classes) == expected
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        assert _size_classes(app) == {"-wide", "-short"}


async def test_no_frame_shows_the_pressure_panel_without_its_cards(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = _recorded_frames(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.query(GateCard)  # nothing built for the hidden panel
        await pilot.press("3")

        def shown() -> list[str]:
            return [f for f in frames if "last review" in f and "enter edits" in f]

        await wait_for(pilot, lambda: bool(shown()))
        assert all("Utilization" in f for f in shown())
        assert len(app.query(GateCard)) == len(plans.SECTIONS)
        # Later snapshots reach the cards; switching away and back keeps them.
        await pilot.press("1", "3")
        assert len(app.query(GateCard)) == len(plans.SECTIONS)


def _recorded_frames(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every frame drawn from now on, as plain text."""
    frames: list[str] = []
    draw = Screen._compositor_refresh

    def recorded(screen: Screen[object]) -> None:
        draw(screen)
        frames.append("\n".join(s.text for s in screen._compositor.render_strips()))

    monkeypatch.setattr(Screen, "_compositor_refresh", recorded)
    return frames


async def test_the_detail_chart_is_drawn_just_after_the_first_frame(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = _recorded_frames(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        chart = app.query_one("#detail-chart", HistoryChart)
        await wait_for(pilot, lambda: bool(frames) and "── threshold" in frames[-1])
        assert chart.display and not chart.waiting
        first = next(f for f in frames if "Signals (" in f)
        assert "── threshold" not in first  # the rows, the words; the chart follows
        assert "── threshold" in frames[-1]


def test_starting_the_app_imports_no_chart_editor_or_form() -> None:
    # Each is imported when first used; with the app they cost its first frame ~25 ms.
    later = [
        "plotext", "textual_plotext", "tomlkit", "tomli", "importlib.resources", "zipfile", "lxml",
        *(f"capexwatch.{name}" for name in (
            "core.plan.edit", "core.watchlist.edit", "core.signals.provenance",
            "tui.watchlist.form", "tui.pressure.form", "tui.review.history",
            "tui.widgets.help", "tui.widgets.confirm",
        )),
    ]  # fmt: skip
    code = (
        "import sys, capexwatch.tui.launch, capexwatch.tui.app\n"
        f"print([m for m in {later!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_the_filter_is_mounted_above_the_table_when_first_asked_for(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(WatchlistPanel)
        assert not panel.query(FilterInput)
        await pilot.press("slash", "x")
        field = panel.query_one(FilterInput)
        assert app.focused is field and field.value == "x"
        assert panel.children[0] is field  # above the table, as before
        await pilot.press("escape", "slash")
        assert len(panel.query(FilterInput)) == 1 and field.display and app.focused is field


def test_the_collector_is_off_for_the_first_frame_and_back_on_after_it() -> None:
    code = (
        "import gc, os\n"
        "from capexwatch.tui import launch\n"
        "from capexwatch.tui.app import CapexwatchApp\n"
        "seen = []\n"
        "drawn = CapexwatchApp._first_frame_drawn\n"
        "def first(app):\n"
        "    seen.append(gc.isenabled())\n"
        "    drawn(app)\n"
        "    seen.append(gc.isenabled())\n"
        "CapexwatchApp._first_frame_drawn = first\n"
        "os.environ['CAPEXWATCH_EXIT_AFTER_FIRST_FRAME'] = '1'\n"
        "print(launch.run(None), seen, gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 [False, True] True"


@pytest.mark.parametrize("theme", ["capexwatch-dark", "capexwatch-light"])
async def test_the_start_theme_is_set_in_full_without_a_second_css_parse(
    make_app: MakeApp, theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[object] = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda sheet: reparsed.append(reparse(sheet)))
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert reparsed == []
        dark = app.current_theme.dark
        assert app.theme == theme and dark == (theme == "capexwatch-dark")
        assert app.has_class(f"-theme-{theme}", "-dark-mode" if dark else "-light-mode")
        assert not app.has_class("-light-mode" if dark else "-dark-mode")
        background = app.current_theme.background
        assert background is not None
        assert app.screen.styles.background == Color.parse(background)
        await pilot.press("t")  # switching still refreshes everything
        await pilot.pause()
        assert app.theme != theme and app.has_class(f"-theme-{app.theme}")
