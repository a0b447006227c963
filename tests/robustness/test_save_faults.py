"""Faults while saving: disk full, permission denied, a second instance, a failing worker.

The file on disk stays as it was, the edit stays in the open form, and the error is on screen.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from capexwatch.tui import app as app_module
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.pressure.form import PlanForm
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.watchlist.form import SignalForm
from tests.waiting import wait_for

FAULTS = {
    "disk full": (errno.ENOSPC, "No space left on device"),
    "permission denied": (errno.EACCES, "Permission denied"),
}


def break_writes(monkeypatch: pytest.MonkeyPatch, code: int, where: str) -> None:
    """Make the system refuse the save at `where`: the temp file, or the final rename."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    else:
        monkeypatch.setattr(os, "replace", refuse)


def notices(app: CapexwatchApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def form_error(screen: object) -> str:
    assert isinstance(screen, SignalForm | PlanForm)
    shown = [str(w.render()) for w in screen.query(Static) if w.id and "error" in w.id]
    return "\n".join(s for s in shown if s.strip())


# The temp file refused (no room for it), or the rename refused (no right to replace).
@pytest.mark.parametrize(
    ("fault", "where"), [("disk full", "mkstemp"), ("permission denied", "replace")]
)
async def test_a_refused_signal_save_keeps_file_and_edit(
    fault: str,
    where: str,
    start_app: Callable[[], CapexwatchApp],
    config_dir: Path,
    faults: pytest.MonkeyPatch,
) -> None:
    code, words = FAULTS[fault]
    app = start_app()
    path = config_dir / "watchlist.toml"
    before = path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        break_writes(faults, code, where)
        await pilot.press("m")  # mute: refused, said so
        await pilot.pause()
        assert words in notices(app) and "unchanged" in notices(app)
        await pilot.press("t")  # a theme change shows, but is not saved: said so
        await pilot.pause()
        assert app.theme != "capexwatch-dark" and "Theme not saved" in notices(app)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, SignalForm)
        form.query_one("#note", Input).value = "kept in the form"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form closed on a failed save"
        assert words in form_error(form)
        assert form.query_one("#note", Input).value == "kept in the form"
        assert path.read_bytes() == before
        assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        faults.undo()  # the disk has room again: the same form saves
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert "kept in the form" in path.read_text("utf-8")
        assert app.is_running


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_refused_plan_save_keeps_file_and_edit(
    fault: str,
    start_app: Callable[[], CapexwatchApp],
    config_dir: Path,
    faults: pytest.MonkeyPatch,
) -> None:
    code, words = FAULTS[fault]
    app = start_app()
    path = config_dir / "plan.toml"
    before = path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter")
        form = app.screen
        assert isinstance(form, PlanForm)
        form.query_one("#field-owner", Input).value = "CFO of the year"
        break_writes(faults, code, "replace")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert words in form_error(form)
        assert form.query_one("#field-owner", Input).value == "CFO of the year"
        assert path.read_bytes() == before
        faults.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert 'owner = "CFO of the year"' in path.read_text("utf-8")
        # Marking the review done: the log's append is refused too, and said so.
        log, real_open = app.workspace.locations.review_log, Path.open

        def refuse_log(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == log:
                raise OSError(code, words)
            return real_open(self, *args, **kwargs)

        faults.setattr(Path, "open", refuse_log)
        await pilot.press("r", "enter")  # mark reviewed, no note
        await wait_for(pilot, lambda: "Review not recorded" in notices(app))
        assert words in notices(app)
        assert app.is_running


async def test_two_instances_the_second_save_is_refused_with_a_reload_offer(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    first, second = start_app(), start_app()
    path = config_dir / "watchlist.toml"
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        second.query_one(FileWatch).paused = True  # no poll yet: both edit one version
        await two.press("e")
        form = second.screen
        assert isinstance(form, SignalForm)
        form.query_one("#note", Input).value = "the second instance's note"
        await one.press("m")  # the first instance saves first
        await one.pause()
        first_saved = path.read_bytes()
        assert b"muted = true" in first_saved
        await two.press("ctrl+s")
        await two.pause()
        assert second.screen is form, "the second edit was dropped"
        message = form_error(form)
        assert "changed on disk" in message and "reload" in message.lower()
        assert form.query_one("#note", Input).value == "the second instance's note"
        assert path.read_bytes() == first_saved  # the first instance's change is not lost
        # The two apps share this test's process, so the first one's save reads as this
        # process's own: a new modification time makes it what it is for a second capexwatch,
        # a change made elsewhere.
        later = path.stat().st_mtime_ns + 1_000_000
        os.utime(path, ns=(later, later))
        second.query_one(FileWatch).paused = False  # the poll notices the change and reloads
        deadline = time.monotonic() + 120  # only against a hang: a busy machine is slow
        while second.snapshot.watchlist.text != first_saved.decode():
            assert time.monotonic() < deadline, "the second instance did not reload the file"
            await two.pause(0.05)
        assert second.screen is form  # the edit is still in the open form
        await two.press("ctrl+s")  # and now saves on top of the other change
        await two.pause()
        assert second.screen is not form, form_error(form)
        text = path.read_text("utf-8")
        assert "muted = true" in text and "the second instance's note" in text


async def test_an_exception_in_a_worker_is_a_notification(
    start_app: Callable[[], CapexwatchApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = start_app()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug in a background worker")

    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(FileWatch).paused = True
        shown = app.snapshot
        monkeypatch.setattr(app_module.daily, "build", broken)
        app.reload()
        for _ in range(100):  # not workers.wait_for_complete(): it re-raises the worker's error
            await pilot.pause(0.02)
            if not any(w.is_running for w in app.workers):
                break
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert "simulated bug in a background worker" in notices(app)
        assert app.snapshot is shown
        monkeypatch.undo()
        await pilot.press("j", "2", "1")  # still taking keys
        assert app.is_running


async def test_a_plan_changed_elsewhere_is_not_overwritten(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    app = start_app()
    path = config_dir / "plan.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(
            FileWatch
        ).paused = True  # no poll in between: the other edit lands while the form is open
        await pilot.press("3", "enter")
        form = app.screen
        assert isinstance(form, PlanForm)
        form.query_one("#field-owner", Input).value = "typed in the app"
        elsewhere = path.read_text("utf-8").replace("[utilization]", '[utilization]\nanswer = "x"')
        path.write_text(elsewhere, "utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "changed on disk" in form_error(form)
        assert form.query_one("#field-owner", Input).value == "typed in the app"
        assert path.read_text("utf-8") == elsewhere
        app.reload()  # what the file watcher does within a second
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")  # the same form, saved again: on top of the other change
        await pilot.pause()
        assert app.screen is not form, form_error(form)
        text = path.read_text("utf-8")
        assert 'answer = "x"' in text and 'owner = "typed in the app"' in text


async def test_saving_a_card_keeps_what_the_form_did_not_change(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    from capexwatch.core.plan import model as plan

    answer = 'answer = """Two lines:\nthe second one."""\n'
    (config_dir / "plan.toml").write_text(
        plan.default_text().replace("[utilization]\n", "[utilization]\n" + answer), "utf-8"
    )
    app = start_app()
    path = config_dir / "plan.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter")
        form = app.screen
        assert isinstance(form, PlanForm)
        form.query_one("#field-owner", Input).value = "CFO"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form, form_error(form)
    text = path.read_text("utf-8")
    assert 'owner = "CFO"' in text
    assert answer in text, "the multi-line answer was rewritten by an edit of the owner"


async def test_editing_a_signal_keeps_a_multi_line_note(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    from capexwatch.core.watchlist import model as watchlist

    note = 'note = """Two lines:\nthe second one."""'
    text = watchlist.default_text()
    old = next(line for line in text.splitlines() if line.startswith("note = "))
    (config_dir / "watchlist.toml").write_text(text.replace(old, note, 1), "utf-8")
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#watchlist-panel").select("baba-cloud-growth")  # type: ignore[attr-defined]
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, SignalForm)
        form.query_one("#title", Input).value = "Cloud growth, renamed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form, form_error(form)
    saved = (config_dir / "watchlist.toml").read_text("utf-8")
    assert "Cloud growth, renamed" in saved
    assert note in saved, "the multi-line note was rewritten by an edit of the title"
