"""The header keeps its counts readable at any width: the wording shortens, nothing is cut."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from rich.style import Style

from capexwatch.tui import header
from capexwatch.tui.header import AppHeader
from tests.app.conftest import MakeApp

COUNTS = ("triggered", "near", "ok", "no data")


async def test_at_80_columns_the_review_part_and_every_count_show(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.query_one(AppHeader).render())
        assert shown.rstrip().endswith("· not reviewed"), shown
        assert all(f" {word}" in shown for word in COUNTS), shown
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = str(pilot.app.query_one(AppHeader).render())
        # The nearest report (AMZN's Q4, from its cadence) counts more than the long wording.
        assert shown.startswith("capexwatch"), shown
        assert shown.rstrip().endswith("· not reviewed (r) · AMZN reports in ~12d"), shown
        assert all(f" {word}" in shown for word in COUNTS), shown


async def test_many_changes_since_review_fit_in_80_columns(make_app: MakeApp) -> None:
    app = make_app()
    review = SimpleNamespace(since="yesterday", changes=tuple(range(12)))
    # No report due (the calendar's own test is below): only the review part's wording.
    snapshot = replace(app.snapshot, review=review, calendar=())  # type: ignore[arg-type]
    for width, expected in (
        (78, "· 12 changed"),
        (118, "· 12 changes since review (c lists them)"),
    ):
        text = header.fitted(snapshot, width, lambda _name: Style())
        assert text.cell_len <= width
        assert text.plain.endswith(expected), text.plain
        assert all(f" {word}" in text.plain for word in COUNTS), text.plain
    # Narrower still the words go; the figures stay.
    tiny = header.fitted(snapshot, 40, lambda _name: Style()).plain
    assert "12" in tiny and "▲" in tiny


async def test_the_title_is_the_same_at_every_width(make_app: MakeApp) -> None:
    app = make_app()
    for width in (118, 160, 240):
        snapshot = replace(app.snapshot, calendar=())  # with a report due, see below
        text = header.fitted(snapshot, width, lambda _name: Style()).plain
        # One name: a wider screen used to say "capexwatch · daily review", read as news.
        assert text.startswith("capexwatch  data to"), text


def test_the_header_names_the_nearest_report_when_there_is_room(make_app: MakeApp) -> None:
    snapshot = make_app().snapshot
    assert "AMZN reports in ~12d" in header.fitted(snapshot, 160, lambda _n: Style()).plain
    assert "reports" not in header.fitted(snapshot, 78, lambda _n: Style()).plain
    without = replace(snapshot, calendar=())
    assert "reports" not in header.fitted(without, 160, lambda _n: Style()).plain
