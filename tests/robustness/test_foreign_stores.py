"""capexwatch's own data files written by another program (wrong column types, a column
missing, every row null): the file and the column are named, exit 2 on the command line, the
last good state and a banner in the app, the file left as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import observations
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.widgets.banner import ErrorBanner
from tests.robustness.test_data_faults import _good


def _rewritten(good: Path, column: str, values: pl.Series | None) -> bytes:
    """The good file with one column replaced (or dropped), as another program would write it."""
    frame = pl.read_parquet(good)
    frame = frame.drop(column) if values is None else frame.with_columns(values.alias(column))
    path = good.with_suffix(".other")
    frame.write_parquet(path)
    return path.read_bytes()


# A date past 9999 (Arrow holds it, Python's dates do not): 4,000,000 days after 1970.
FAR = pl.Series([4_000_000], dtype=pl.Int32).cast(pl.Date)
FAR_WORDS = "holds +12921-08-18, outside the years 2 to 9998"
# (target, column, replacement, the words naming it)
FOREIGN = [
    ("imported", "period_end", FAR, f"column period_end {FAR_WORDS}"),
    ("imported", "published", FAR, f"column published {FAR_WORDS}"),
    ("imported", "period_start", FAR, f"column period_start {FAR_WORDS}"),
    ("events", "date", FAR, f"column date {FAR_WORDS}"),
    ("imported", "value", pl.Series(["1e9"]), "column value is String, expected Float64"),
    ("imported", "value", pl.Series([[1.0, 2.0]]), "column value is List(Float64)"),
    ("imported", "period_end", pl.Series([20251231]), "column period_end is Int64, expected Date"),
    ("imported", "published", pl.Series([True]), "column published is Boolean"),
    ("imported", "unit", None, "no unit column"),
    ("events", "date", pl.Series(["2026-01-02"]), "column date is String, expected Date"),
    ("events", "kind", pl.Series([[1]]), "column kind is List(Int64), expected String"),
    ("events", "text", None, "no text column"),
]
IDS = [f"{t}-{c}-{'missing' if v is None else v.dtype}" for t, c, v, _ in FOREIGN]


@pytest.mark.parametrize(("target", "column", "values", "words"), FOREIGN, ids=IDS)
def test_every_command_names_the_file_and_the_column(
    target: str,
    column: str,
    values: pl.Series | None,
    words: str,
    config_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _good(target, config_dir)
    foreign = _rewritten(path, column, values)
    path.write_bytes(foreign)
    for command in (["check"], ["export"], ["data", "list"], ["data", "show", "BABA"]):
        if target == "events" and command[0] == "data":
            continue  # the data commands read no events
        capsys.readouterr()
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.startswith(f"{path}: "), (command, err)
        assert words in err and "restore it or move it away" in err, (command, err)
        assert "Traceback" not in err
    assert path.read_bytes() == foreign


def test_a_store_of_nulls_lists_and_checks(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = resolve(config_dir)
    where.imported.parent.mkdir(parents=True, exist_ok=True)
    # Written without capexwatch's types (every column Null) and with them.
    for frame in (
        pl.DataFrame({c: [None, None] for c in observations.COLUMNS}),
        pl.DataFrame({c: [None] for c in observations.COLUMNS}, schema=observations.schema()),
    ):
        frame.write_parquet(where.imported)
        capsys.readouterr()
        assert main(["data", "list"]) == 0
        assert main(["check"]) in (0, 1)
        assert main(["export"]) == 0
        assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("target", ["imported", "events"])
async def test_the_app_shows_the_column_and_keeps_the_last_good_state(
    target: str, config_dir: Path, start_app: Callable[[], CapexwatchApp]
) -> None:
    path = _good(target, config_dir)
    good = path.read_bytes()
    column = "value" if target == "imported" else "date"
    foreign = _rewritten(path, column, pl.Series(["1e9" if column == "value" else "2026-01-02"]))
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(FileWatch).paused = True  # only the test's reloads
        shown = app.snapshot
        path.write_bytes(foreign)
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.snapshot is shown
        banner = app.query_one(ErrorBanner)
        assert banner.display
        text = str(banner.render())
        assert f"column {column} is String" in text, text
        assert path.read_bytes() == foreign
        path.write_bytes(good)
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.query_one(ErrorBanner).display
