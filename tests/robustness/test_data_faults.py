"""Damaged data files (the imported figures, the recorded events): a message naming the file,
exit code 2 on the command line, the last good state in the app, the file left as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import events, store
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.widgets.banner import ErrorBanner

TARGETS = ("imported", "events")


def _good(target: str, config_dir: Path) -> Path:
    where = resolve(config_dir)
    if target == "events":
        row = {"company": "BABA", "kind": "utilization_disclosure", "date": dt.date(2026, 1, 2),
               "text": "utilization above 90%", "source": "call"}  # fmt: skip
        events.add(where.events, row)
        return where.events
    row = {"company": "BABA", "metric": "capex", "period": "FY2026Q3", "freq": "Q",
           "period_end": dt.date(2025, 12, 31), "value": 1e9, "unit": "CNY", "kind": "actual",
           "published": dt.date(2026, 1, 5), "source": "test"}  # fmt: skip
    store.add(where.imported, store.to_frame([row]))
    return where.imported


def _damaged(good: bytes) -> dict[str, bytes]:
    return {"empty": b"", "garbage": b"\x00\xffnot parquet", "truncated": good[: len(good) // 2]}


@pytest.mark.parametrize("target", TARGETS)
def test_the_command_line_names_the_damaged_file(
    target: str, config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _good(target, config_dir)
    for name, junk in _damaged(path.read_bytes()).items():
        path.write_bytes(junk)
        assert main(["check"]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith(f"{path}: cannot read"), (name, err)
        assert "Traceback" not in err
        assert path.read_bytes() == junk


@pytest.mark.parametrize("target", TARGETS)
async def test_the_app_keeps_the_last_good_state(
    target: str, config_dir: Path, start_app: Callable[[], CapexwatchApp]
) -> None:
    path = _good(target, config_dir)
    good = path.read_bytes()
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(FileWatch).paused = True  # only the test's reloads: no poll racing them
        shown = app.snapshot
        for name, junk in _damaged(good).items():
            path.write_bytes(junk)
            app.reload()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running and app.snapshot is shown, name
            banner = app.query_one(ErrorBanner)
            assert banner.display and f"{path}: cannot read" in str(banner.render()), name
            assert path.read_bytes() == junk
        path.write_bytes(good)
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.query_one(ErrorBanner).display


DEEP_JSON = b'{"cik": 1, "entityName": "x", "facts": ' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001


def test_deeply_nested_json_is_a_data_error(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capexwatch.core.base.errors import DataError
    from capexwatch.core.ingest import fetch as edgarfetch
    from capexwatch.core.ingest import importer
    from capexwatch.core.watchlist import model as watchlist

    config_dir.mkdir(parents=True)
    (config_dir / "watchlist.toml").write_text(watchlist.default_text(), "utf-8")
    companies = watchlist.load(config_dir / "watchlist.toml")
    path = config_dir.parent / "facts.json"
    path.write_bytes(DEEP_JSON)
    with pytest.raises(DataError, match="nested too deeply"):
        importer.read_any(path, companies)
    from capexwatch.core.ingest import sec_http

    monkeypatch.setattr(sec_http, "_get", lambda url, agent, validators: (DEEP_JSON, {}))
    with pytest.raises(DataError, match="not JSON"):
        edgarfetch.fetch_companyfacts(1, "Jane Doe jane@example.com", config_dir.parent / "c")


def test_a_damaged_review_log_keeps_its_good_lines(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--mark"]) == 0
    log = resolve(config_dir).review_log
    good = log.read_bytes()
    log.write_bytes(good + b"[" * 100_000 + b"\n\x00\xff garbage\n{}\n" + good)
    capsys.readouterr()
    assert main(["review", "--history"]) == 0
    out = capsys.readouterr().out
    assert out.count("UTC") == 2, out  # both good reviews, none of the damage


@pytest.mark.parametrize("damage", ["view garbage", "view wrong shape", "peers garbage"])
async def test_a_damaged_view_cache_is_no_cache(damage: str, config_dir: Path) -> None:
    import pickle

    from capexwatch.core.snapshot import stored as viewcache
    from capexwatch.tui import launch

    config_dir.mkdir(parents=True)
    launch.build_app(config_dir).store_view()  # computes, and stores the view for the next start
    cache = resolve(config_dir).cache_dir
    name = viewcache.PEERS_FILE if damage.startswith("peers") else viewcache.VIEW_FILE
    stored_key = (cache / name).read_bytes().partition(b"\n")[0]
    body = pickle.dumps((1, 2, 3)) if "shape" in damage else b"\x80\x05garbage"
    (cache / name).write_bytes(stored_key + b"\n" + body)
    app = launch.build_app(config_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "j")  # the peers grid, from stored tables or computed afresh
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.is_running and len(app.snapshot.results) > 5
