"""What a user does on the watchlist: move, sort, filter, add, edit, delete, mute — by keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from capexwatch.core.watchlist import model as wl
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.watchlist.form import SignalForm
from capexwatch.tui.watchlist.panel import WatchlistPanel
from capexwatch.tui.watchlist.table import SignalsTable
from capexwatch.tui.widgets.confirm import ConfirmDialog
from tests.app.conftest import MakeApp


def table(app: CapexwatchApp) -> SignalsTable:
    return app.query_one(SignalsTable)


def titles(app: CapexwatchApp) -> list[str]:
    return [r.signal.title for r in table(app).results]


async def settle(app: CapexwatchApp) -> None:
    await app.workers.wait_for_complete()
    await app.animator.wait_until_complete()


async def test_rows_sorted_by_severity_then_s_sorts_by_title(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        statuses = [r.status for r in table(app).results if not r.signal.muted]
        order = ["triggered", "near", "ok", "no_data"]
        assert [order.index(s) for s in statuses] == sorted(order.index(s) for s in statuses)
        assert statuses[0] == "triggered"
        await pilot.press("s")
        assert titles(app) == sorted(titles(app), key=str.casefold)
        assert "sorted by title" in str(table(app).border_title)
        await pilot.click(SignalsTable, offset=(3, 1))  # the Status header: back to severity
        assert "sorted by severity" in str(table(app).border_title)


async def test_j_and_k_move_and_the_detail_follows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first, second = titles(app)[:2]
        detail = app.query_one("#detail-text", Static)
        assert first in str(detail.render())
        await pilot.press("j")
        assert table(app).cursor_row == 1
        assert second in str(detail.render())
        await pilot.press("k")
        assert table(app).cursor_row == 0


async def test_slash_filters_and_escape_clears(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        everything = len(titles(app))
        await pilot.press("slash", *"tencent")
        assert titles(app) == ["Tencent returns to capex growth"]
        await pilot.press("enter")
        assert isinstance(app.focused, SignalsTable)
        await pilot.press("escape")  # from the table too
        assert len(titles(app)) == everything
        await pilot.press("slash", "escape")
        assert len(titles(app)) == everything
        await pilot.press("slash", *"[b]x")
        assert titles(app) == []
        shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "filter “[b]x”" in shown  # what was typed, never markup
        await pilot.press("escape")
        assert not app.query_one("#signal-filter", Input).display


async def _fill(app: CapexwatchApp, **values: str) -> None:
    form = app.screen
    assert isinstance(form, SignalForm)
    for key, value in values.items():
        widget = form.query_one(f"#{key}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


async def test_add_a_signal_and_find_it_in_the_file(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await _fill(
            app,
            id="baba-capex-growth",
            title="Alibaba capex growth above 50%",
            company="BABA",
            metric="capex_yoy",
            threshold="50%",
            note="from the form",
        )
        await pilot.press("ctrl+s")
        await settle(app)
        assert not isinstance(app.screen, SignalForm)
        text = watchlist_path.read_text()
        assert 'id = "baba-capex-growth"' in text and "threshold = 0.5\n" in text
        assert "# capexwatch watchlist" in text  # the comments stay
        assert "Alibaba capex growth above 50%" in titles(app)
        assert table(app).selected_id == "baba-capex-growth"


async def test_form_shows_the_loaders_problems_and_writes_nothing(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    before = watchlist_path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await _fill(app, id="new-one", company="BABA", metric="cloud_revnue_yoy", threshold="1")
        app.screen.query_one("#note").focus()
        await pilot.press("ctrl+s")
        form = app.screen
        assert isinstance(form, SignalForm)
        assert app.focused is form.query_one("#metric")  # the first field with a problem
        await _fill(app, id="baba-cloud-growth", threshold="")
        await pilot.press("ctrl+s")
        metric_error = str(form.query_one("#error-metric", Static).render())
        assert "did you mean 'cloud_revenue_yoy'" in metric_error
        assert "duplicate signal id" in str(form.query_one("#error-id", Static).render())
        assert "needs 'threshold'" in str(form.query_one("#error-threshold", Static).render())
        await pilot.press("escape")
        assert not isinstance(app.screen, SignalForm)
    assert watchlist_path.read_bytes() == before


async def test_edit_the_selected_signal(make_app: MakeApp, watchlist_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(WatchlistPanel).select("tcehy-capex-growth")
        await pilot.press("e")
        assert app.screen.query_one("#threshold", Input).value == "0"
        await _fill(app, title="Tencent capex grows again")
        await pilot.press("ctrl+s")
        await settle(app)
        assert "Tencent capex grows again" in titles(app)
    signal = wl.load(watchlist_path, {"capex_yoy"}).signal("tcehy-capex-growth")
    assert signal is not None and signal.title == "Tencent capex grows again"
    assert signal.threshold == 0 and signal.near == 0.05  # the rest is as it was


async def test_delete_asks_first(make_app: MakeApp, watchlist_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(WatchlistPanel).select("bidu-fcf-negative")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert 'id = "bidu-fcf-negative"' in watchlist_path.read_text()
        await pilot.press("d", "y")
        await settle(app)
        assert 'id = "bidu-fcf-negative"' not in watchlist_path.read_text()
        assert "Baidu free cash flow negative" not in titles(app)


async def test_mute_saves_and_leaves_the_counts(make_app: MakeApp, watchlist_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        triggered = app.snapshot.counts()["triggered"]
        first = table(app).results[0]
        assert first.status == "triggered"
        await pilot.press("m")
        await settle(app)
        assert "muted = true" in watchlist_path.read_text()
        assert app.snapshot.counts()["triggered"] == triggered - 1
        muted = next(r for r in table(app).results if r.signal.id == first.signal.id)
        assert muted.signal.muted and table(app).results[-1].signal.id == first.signal.id


async def test_the_cursor_follows_the_signal_through_mute_unmute_and_sorts(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = table(app).selected_id
        second = table(app).results[1].signal.id
        await pilot.press("m")
        await settle(app)
        # It sank to the bottom and the cursor went with it, not onto the next signal.
        assert table(app).selected_id == first
        assert table(app).cursor_row == len(table(app).results) - 1
        await pilot.press("m")  # undo: unmutes the same signal, never mutes another
        await settle(app)
        assert table(app).selected_id == first and table(app).cursor_row == 0
        assert "muted = true" not in watchlist_path.read_text()
        assert not next(r for r in table(app).results if r.signal.id == second).signal.muted
        for _ in range(4):  # every order, and back to severity
            await pilot.press("s")
            assert table(app).selected_id == first


async def test_two_quick_m_are_a_mute_and_an_undo(make_app: MakeApp, watchlist_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = table(app).selected_id
        await pilot.press("m", "m")  # the second before the reload of the first has finished
        await settle(app)
        assert table(app).selected_id == first
        assert "muted = true" not in watchlist_path.read_text()


async def test_editing_event_and_revision_signals_keeps_their_kind(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for signal_id in ("baba-capex-guidance-cut", "baba-gpu-utilization-disclosed"):
            app.query_one(WatchlistPanel).select(signal_id)
            await pilot.press("e")
            await _fill(app, title=f"renamed {signal_id}")
            await pilot.press("ctrl+s")
            await settle(app)
            assert not isinstance(app.screen, SignalForm)
    text = watchlist_path.read_text()
    revision = text.split('id = "baba-capex-guidance-cut"')[1].split("[[signal]]")[0]
    assert 'change = "revision"' in revision and 'title = "renamed baba-capex' in revision
    event = text.split('id = "baba-gpu-utilization-disclosed"')[1].split("[[signal]]")[0]
    assert 'event = "utilization_disclosure"' in event and "within_days = 90" in event


async def test_quick_edits_in_a_row_do_not_conflict(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # No waiting for the reloads in between: two signals muted, whether the first has
        # sunk to the bottom (the cursor with it) before k or not.
        await pilot.press("j", "m", "k", "m", "t")
        await settle(app)
        text = watchlist_path.read_text()
        assert text.count("muted = true") == 2
        assert 'theme = "capexwatch-light"' in text


async def test_enter_hides_and_shows_the_details(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = app.query_one("#signal-detail")
        assert detail.region.height > 0
        await pilot.press("enter")
        await pilot.pause()
        assert detail.region.height == 0
        await pilot.press("enter")
        await pilot.pause()
        assert detail.region.height > 0


async def test_a_problem_with_a_hidden_field_shows_on_top(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, SignalForm)
        placed = form._placed({"near": ["near must be 0 or more"], "id": ["duplicate"]})
        assert placed == {"near": ["near must be 0 or more"], "id": ["duplicate"]}
        await _fill(app, kind="event")
        await pilot.pause()
        placed = form._placed({"near": ["near must be 0 or more"], "all": ["x"]})
        assert placed == {"": ["near must be 0 or more", "x"]}  # near and signals are hidden


async def test_editing_a_signal_deleted_meanwhile_says_so(
    make_app: MakeApp, watchlist_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(WatchlistPanel).select("tcehy-capex-growth")
        await pilot.press("e")
        text = watchlist_path.read_text()
        start = text.index('[[signal]]\nid = "tcehy-capex-growth"')
        end = text.index("[[signal]]", start + 1)
        watchlist_path.write_text(text[:start] + text[end:])  # removed in another editor
        app.reload()
        await settle(app)
        await pilot.press("ctrl+s")
        form = app.screen
        assert isinstance(form, SignalForm)
        general = str(form.query_one("#error-", Static).render())
        assert "tcehy-capex-growth" in general and "no longer in" in general
