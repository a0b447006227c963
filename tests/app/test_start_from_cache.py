"""A start on the last run's stored view shows what was computed, then fills in the details."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from textual.widgets import Static

from capexwatch.core.snapshot import recipe as daily
from capexwatch.tui.launch import build_app
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.watchlist.panel import WatchlistPanel

SIZE = (120, 40)
READING = "reading the data"


def rows_of(app: object) -> list[str]:
    table = app.query_one(WatchlistPanel).table  # type: ignore[attr-defined]
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def detail_of(app: object) -> str:
    return str(app.query_one("#detail-text", Static).render())  # type: ignore[attr-defined]


async def test_a_start_from_the_stored_view_then_shows_the_computed_details() -> None:
    build_app(None)  # the first start writes the default files
    first = build_app(None)  # computes the view, stored once its first frame is drawn
    assert not first.from_cache
    assert build_app(None).unstored is not None  # not stored yet: this one computes too
    first.store_view()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        computed_rows, computed_detail = rows_of(first), detail_of(first)
        computed_header = str(first.query_one("#header").render())

    again = build_app(None)
    assert again.from_cache
    async with again.run_test(size=SIZE) as pilot:
        assert rows_of(again) == computed_rows  # the first frame: the same signals, same order
        assert str(again.query_one("#header").render()) == computed_header
        for _ in range(50):  # the data is read in a worker, then the details follow
            await pilot.pause(0.05)
            if READING not in detail_of(again):
                break
        assert detail_of(again) == computed_detail
        assert "Sources" in computed_detail
        await pilot.press("2")
        await pilot.pause()
        grid = again.query_one(PeersPanel).grid
        assert grid is not None and grid.row_count == 5  # the stored peer table


async def test_a_changed_watchlist_is_computed_not_taken_from_the_cache() -> None:
    build_app(None)
    build_app(None).store_view()
    stored = build_app(None)
    assert stored.from_cache
    path = stored.workspace.locations.watchlist
    text = path.read_text()
    assert 'title = "Cloud growth beyond 34%"' in text
    path.write_text(text.replace('"Cloud growth beyond', '"Edited: Cloud growth beyond'))
    fresh = build_app(None)
    assert not fresh.from_cache
    async with fresh.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("Edited: " in row for row in rows_of(fresh))


async def test_a_computed_start_stores_its_view_once_its_first_frame_is_drawn() -> None:
    build_app(None)
    first = build_app(None)
    assert first.unstored is not None
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await first.workers.wait_for_complete()
        assert first.unstored is None
    assert build_app(None).from_cache  # the next start draws the stored view


async def test_the_first_start_of_a_day_draws_yesterdays_view_marked_then_todays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-19")
    build_app(None)  # the first start writes the default files
    build_app(None).store_view()  # yesterday's run stored its view
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-20")
    morning = build_app(None)
    assert morning.from_cache  # drawn at once, without computing: it does not grow with data
    assert str(morning.snapshot.today) == "2026-01-19"
    async with morning.run_test(size=SIZE) as pilot:
        first = str(morning.query_one("#header").render())
        assert "yesterday's view, updating" in first  # the first frame says whose view it is
        for _ in range(100):  # today's view is computed in a worker, then replaces it
            await pilot.pause(0.05)
            if str(morning.snapshot.today) == "2026-01-20":
                break
        await morning.workers.wait_for_complete()
        await pilot.pause()
        assert str(morning.snapshot.today) == "2026-01-20"
        assert "updating" not in str(morning.query_one("#header").render())
    again = build_app(None)  # today's view was stored for the next start
    assert again.from_cache and str(again.snapshot.today) == "2026-01-20"


async def test_yesterdays_view_is_not_recorded_as_todays_review(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-19")
    build_app(None)
    build_app(None).store_view()
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-20")
    computing = threading.Event()
    build = daily.build

    def held(*args: object, **kwargs: object) -> object:
        computing.wait(30)  # today's view is still being computed while `r` is pressed
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(daily, "build", held)
    morning = build_app(None)
    log = morning.workspace.locations.review_log
    async with morning.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert morning.screen is morning.screen_stack[0]  # no note asked for
        assert not log.exists()  # nothing recorded from yesterday's statuses
        computing.set()
        await morning.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")  # today's view: the note, then the review is recorded
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert log.exists()


async def test_files_are_polled_only_once_the_first_frame_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-19")
    build_app(None)
    build_app(None).store_view()
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-20")  # a new day: yesterday's view
    monkeypatch.setenv("CAPEXWATCH_EXIT_AFTER_FIRST_FRAME", "1")  # as the benchmarks run it
    app = build_app(None)
    painted: list[bool] = []
    paint = app._display

    def display(screen: object, renderable: object) -> None:
        paint(screen, renderable)  # type: ignore[arg-type]
        painted.append(renderable is not None)

    monkeypatch.setattr(app, "_display", display)
    start, poll = FileWatch.on_mount, FileWatch.poll

    def slow_start(self: FileWatch) -> None:
        start(self)
        time.sleep(0.5)  # a slow machine: the first frame comes after a poll's interval

    polled_after_paint: list[bool] = []

    def noted(self: FileWatch) -> None:
        polled_after_paint.append(any(painted))
        poll(self)

    monkeypatch.setattr(FileWatch, "on_mount", slow_start)
    monkeypatch.setattr(FileWatch, "poll", noted)
    async with app.run_test(size=SIZE):
        await asyncio.sleep(1.0)
    # A poll before it, or between it and the exit, started computing today's view, which
    # the exit then waited for: exiting after the first frame, nothing is polled at all.
    assert any(painted) and not polled_after_paint
