"""A pipe, a device or a sparse giant in place of any file capexwatch reads: a clear message,
never a hang or a MemoryError (the installed command, bounded by a timeout), and the running app
stays responsive while its file poll meets one."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.widgets.banner import ErrorBanner
from tests.terminal import installed_command

FILES = {
    "watchlist.toml": "config",
    "plan.toml": "config",
    "reviews.jsonl": "state",
    "observations.parquet": "data",
    "events.parquet": "data",
    "view.pickle": "cache",
}


def _make(kind: str, path: Path) -> None:
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "sparse":
        with path.open("wb") as handle:
            handle.truncate(30 * 2**30)  # 30 GiB, no disk used
    else:
        path.symlink_to(kind)


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [installed_command(), *args], input=stdin, capture_output=True, timeout=120, check=False
    )


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom", "sparse"])
@pytest.mark.parametrize("name", list(FILES))
def test_a_special_file_never_hangs_a_command(isolated_dirs: Path, name: str, kind: str) -> None:
    assert _run("check").returncode in (0, 1)  # every file in place, the view stored
    path = isolated_dirs / FILES[name] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    _make(kind, path)
    for command in ("check", "export", "review", "config"):
        done = _run(command)  # a hang fails on the timeout
        assert b"Traceback" not in done.stderr, done.stderr
        assert b"MemoryError" not in done.stderr
        if done.returncode == 2:
            assert str(path).encode() in done.stderr, done.stderr  # named
        else:
            assert done.returncode in (0, 1), done.stderr  # not read (a cache is only a cache)


def test_import_reads_its_file_once(tmp_path: Path) -> None:
    ok = tmp_path / "ok.csv"
    ok.write_text(
        "company,metric,period,value,unit,source\nBABA,capex,FY2026Q1,1000,CNY,me\n",
        encoding="utf-8",
    )
    done = _run("import", "-", stdin=ok.read_bytes())
    assert done.returncode == 0, done.stderr
    assert b"1 new row" in done.stdout
    done = _run("import", "/dev/stdin", stdin=ok.read_bytes())  # a pipe, read once
    assert done.returncode == 0, done.stderr
    assert b"1 already there" in done.stdout


@pytest.mark.parametrize("kind", ["/dev/zero", "/dev/urandom", "directory"])
def test_import_refuses_a_device_or_a_directory(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "odd.csv"
    if kind == "directory":
        path.mkdir()
    else:
        _make(kind, path)
    done = _run("import", str(path))
    assert done.returncode == 2
    assert f"{path}: cannot read".encode() in done.stderr


def test_import_names_a_file_with_escapes_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;x\x07.csv"
    path.write_text(
        "company,metric,period,value,unit,source\nBABA,capex,FY2026Q1,1000,CNY,me\n",
        encoding="utf-8",
    )
    done = _run("import", str(path))
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout
    assert b"\x07" not in done.stdout
    assert "␛]0;x␇.csv".encode() in done.stdout


async def test_the_file_poll_meets_a_pipe_and_the_app_stays_up(
    config_dir: Path, start_app: Callable[[], CapexwatchApp]
) -> None:
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        watchlist = config_dir / "watchlist.toml"
        _make("fifo", watchlist)
        app.query_one(FileWatch).poll()  # would block the screen forever on open()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        banner = app.query_one(ErrorBanner)
        assert banner.display
        assert f"{watchlist}:1:1:" in str(banner.render())
        assert "not a regular file" in str(banner.render())
        await pilot.press("q")
    assert app.return_code in (0, None)


def test_import_from_the_app_refuses_a_pipe(tmp_path: Path) -> None:
    from capexwatch.core.base.errors import DataError
    from capexwatch.core.ingest import importer
    from capexwatch.core.watchlist import model as watchlist

    fifo = tmp_path / "figures.csv"
    os.mkfifo(fifo)  # nobody writes: reading it would block the app forever
    (tmp_path / "watchlist.toml").write_text(watchlist.default_text(), encoding="utf-8")
    loaded = watchlist.load(tmp_path / "watchlist.toml")
    with pytest.raises(DataError, match="not a regular file"):
        importer.import_file(fifo, tmp_path / "obs.parquet", loaded)
