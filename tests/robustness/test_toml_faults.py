"""A broken watchlist.toml or plan.toml: a located message, the last good state, the file untouched.

Each fault is applied to both files. The loader must raise one ConfigError whose first problem
reads `PATH:LINE:COL: ...` and points at the line the fault is on; the running app must keep
showing what it showed, say where the mistake is, and never write over the file.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.plan import model as plan
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.widgets.banner import ErrorBanner
from tests.robustness.toml_cases import (
    FAULTS,
    KINDS,
    Fault,
    assert_located,
    default_text,
    load,
    peek,
    refuse_creating,
    refuse_reading,
    write_faulty,
)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_loader_locates_the_fault(kind: str, fault: Fault, config_dir: Path) -> None:
    path, raw, line = write_faulty(kind, config_dir, fault)
    with pytest.raises(ConfigError) as caught:
        load(kind, path)
    assert_located(caught.value, path, line, fault.phrase)
    assert path.read_bytes() == raw


@pytest.mark.parametrize("kind", KINDS)
def test_a_bom_is_accepted_and_kept_when_the_app_rewrites(kind: str, config_dir: Path) -> None:
    from capexwatch.core.plan import edit as plan_edit
    from capexwatch.core.watchlist import edit as watchlist_edit

    config_dir.mkdir(parents=True)
    path = config_dir / f"{kind}.toml"
    path.write_bytes(b"\xef\xbb\xbf" + default_text(kind).encode())
    loaded = load(kind, path)
    if isinstance(loaded, watchlist.Watchlist):
        editable = watchlist_edit.open_for_edit(loaded)
        watchlist_edit.set_muted(editable, loaded.signals[0].id, True)
        watchlist_edit.save(editable, frozenset())
        assert b"muted = true" in path.read_bytes()
    else:
        assert isinstance(loaded, plan.Plan)
        plan_edit.save_section(loaded, "utilization", {"owner": "CFO"}, frozenset(), frozenset())
        assert b'owner = "CFO"' in path.read_bytes()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert path.read_bytes().count(b"\xef\xbb\xbf") == 1
    load(kind, path)


# The running app: every fault arrives by a reload, and the last good state stays on screen.
Breaker = Callable[[pytest.MonkeyPatch, Path], int | None]


def _faulty(fault: Fault) -> Callable[[str], Breaker]:
    def for_kind(kind: str) -> Breaker:
        def brk(monkeypatch: pytest.MonkeyPatch, path: Path) -> int | None:
            raw, line = fault.apply(kind, default_text(kind))
            path.write_bytes(raw)
            return line

        return brk

    return for_kind


def _unreadable(kind: str) -> Breaker:
    def brk(monkeypatch: pytest.MonkeyPatch, path: Path) -> int | None:
        refuse_reading(monkeypatch, path)
        return 1

    return brk


def _gone_in_read_only_dir(kind: str) -> Breaker:
    def brk(monkeypatch: pytest.MonkeyPatch, path: Path) -> int | None:
        path.unlink(missing_ok=True)
        refuse_creating(monkeypatch, path.parent)
        return 1

    return brk


APP_FAULTS = {
    **{f.name: _faulty(f) for f in FAULTS},
    "unreadable": _unreadable,
    "missing in a read-only dir": _gone_in_read_only_dir,
}


async def reloaded(app: CapexwatchApp, pilot: Pilot[int]) -> None:
    """Wait until no reload runs: a newer reload (a key's save) cancels an older one, which is
    how the app keeps only the latest, so a cancelled one is not a failure here."""
    while any(w.group == "reload" and w.is_running for w in app.workers):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("kind", KINDS)
async def test_the_app_keeps_the_last_good_state(
    kind: str,
    start_app: Callable[[], CapexwatchApp],
    config_dir: Path,
    faults: pytest.MonkeyPatch,
) -> None:
    app = start_app()
    path = config_dir / f"{kind}.toml"
    good = path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(FileWatch).paused = True  # only the test's reloads: no poll racing them
        shown = app.snapshot
        banner = app.query_one(ErrorBanner)
        for name, make in APP_FAULTS.items():
            line = make(kind)(faults, path)
            on_disk = peek(path)
            app.reload()
            await reloaded(app, pilot)
            assert app.is_running, name
            assert app.snapshot is shown, f"{name}: the last good state was replaced"
            message = str(banner.render())
            assert banner.display, f"{name}: no error on screen"
            assert re.search(rf"{re.escape(str(path))}:{line}:\d+: ", message), (name, message)
            if kind == "watchlist":
                await pilot.press("m")  # an edit now must not write over the broken file
                await pilot.pause()
            faults.undo()
            assert peek(path) == on_disk, f"{name}: the file was changed"
            app.query_one(ErrorBanner).clear()  # the next fault must put up its own message
        path.write_bytes(good)
        app.reload()
        await reloaded(app, pilot)
        assert not banner.display, "the error stayed after the fix"
        assert app.snapshot is not shown


@pytest.mark.parametrize("kind", KINDS)
def test_starting_on_a_broken_file_says_where_and_exits_2(
    kind: str, config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from capexwatch.tui.cli import main

    if kind == "plan":
        load("watchlist", config_dir / "watchlist.toml")
    path, raw, line = write_faulty(kind, config_dir, FAULTS[0])
    assert main([]) == 2  # the app does not open on a file it cannot read
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:{line}:") and "Traceback" not in err
    assert path.read_bytes() == raw


@pytest.mark.parametrize(("bad", "name"), [(b"\xff", "not valid UTF-8"), (b"\x00", "NUL byte")])
def test_a_bad_byte_is_located_by_character_column(bad: bytes, name: str, tmp_path: Path) -> None:
    path = tmp_path / "watchlist.toml"
    path.write_bytes(b'[ui]\ntheme = "caf\xc3\xa9 \xe2\x82\xac' + bad + b'"\n')
    with pytest.raises(ConfigError) as caught:
        watchlist.load(path)
    assert_located(caught.value, path, 2, name)
    assert caught.value.problems[0].col == 16  # `theme = "café €` is 15 characters (19 bytes)
