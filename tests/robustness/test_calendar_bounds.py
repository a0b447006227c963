"""Every value outside the calendar or the machine is a located error, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from textual.widgets import Input, Static

from capexwatch.core.base.locations import resolve
from capexwatch.core.ingest import sec_http
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from capexwatch.tui.forms.record import RecordForm
from tests.conftest import FIXTURES
from tests.core.ingest.sec_server import SecServer
from tests.core.ingest.test_fetch_edgar import AGENT
from tests.terminal import installed_command


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [installed_command(), *args],
        capture_output=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "period", ["FY9999", "FY0001Q1", "TTM to 2025-02-30", "TTM to 2025-13-01", "FY1066"]
)
def test_a_period_outside_the_calendar_is_a_located_error(period: str) -> None:
    done = _run("data", "add", "BABA", "capex", period, "1", "--source", "x")
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert f"'{period}'".encode() in done.stderr


def test_a_pinned_date_that_is_not_a_date_is_named() -> None:
    done = _run("check", CAPEXWATCH_TODAY="tomorrow")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        b"$CAPEXWATCH_TODAY: 'tomorrow' is not a date (YYYY-MM-DD, as 2026-01-20)"
    )


def test_superscript_digits_are_not_a_cik() -> None:
    done = _run("fetch", "edgar", "\u00b2", "--user-agent", "A Person a@example.com")
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr


# Dates past 9999 (Arrow holds them, Python's dates cannot) and years outside 1900..2999, from
# every reader: a Parquet or CSV import, a companyfacts fact, a form.

BIG_DAYS = 4_000_000  # days after 1970-01-01: in the year 12921


def _parquet_row(**columns: pl.Series) -> pl.DataFrame:
    frame = pl.DataFrame(
        {"company": ["BABA"], "metric": ["capex"], "period": ["FY2026Q3"], "freq": ["Q"],
         "period_start": [dt.date(2025, 10, 1)], "period_end": [dt.date(2025, 12, 31)],
         "value": [1e9], "unit": ["CNY"], "kind": ["actual"], "published": [dt.date(2026, 1, 5)],
         "source": ["test"]}
    )  # fmt: skip
    return frame.with_columns(v.alias(k) for k, v in columns.items())


FAR = {
    "date": pl.Series([BIG_DAYS], dtype=pl.Int32).cast(pl.Date),
    "timestamp": pl.Series([BIG_DAYS * 86_400_000_000], dtype=pl.Int64).cast(pl.Datetime("us")),
}


@pytest.mark.parametrize("column", ["period_end", "period_start", "published"])
@pytest.mark.parametrize("kind", list(FAR))
def test_a_parquet_date_past_9999_names_its_row_and_column(
    column: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "far.parquet"
    _parquet_row(**{column: FAR[kind]}).write_parquet(path)
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: row 1, column {column}: '+12921-08-18" in err, err
    assert "outside the years 1900 to 2999" in err or "is not a date" in err, err
    assert "Traceback" not in err


def test_a_parquet_timestamp_at_midnight_is_its_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pandas.parquet"
    _parquet_row(published=pl.Series([dt.datetime(2026, 1, 5)])).write_parquet(path)
    assert main(["import", str(path)]) == 0, capsys.readouterr().err


def test_a_parquet_column_of_lists_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lists.parquet"
    dates = pl.Series([[dt.date(2025, 12, 31)]])
    _parquet_row(period_end=dates).write_parquet(path)
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"{path}: column period_end holds List(Date), not one value per row"


@pytest.mark.parametrize("end", ["9999-12-31", "3000-01-01", "1899-12-31"])
def test_a_csv_date_outside_the_years_is_located(
    end: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "far.csv"
    path.write_text(
        f"company,metric,period,period_end,value,unit,source\nBABA,capex,FY2026Q3,{end},1e9,CNY,x\n"
    )
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:2:21: column period_end: '{end}': outside the years"), err


SNOW = FIXTURES / "CIK0001640147_SNOW_companyfacts.json"
SNOW_TOML = (
    '\n[company.SNOW]\nname = "Snowflake"\ncurrency = "USD"\n'
    "fiscal_year_end_month = 1\ncik = 1640147\n"
)
CAPEX = "PaymentsToAcquirePropertyPlantAndEquipment"


def _watch_snow() -> None:
    path = resolve().watchlist
    watchlist.ensure_exists(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(SNOW_TOML)


@pytest.mark.parametrize(
    ("field", "bad"),
    [("end", "9999-12-31"), ("end", "0000-01-01"), ("end", "2025-02-30"), ("start", "3000-02-01"),
     ("filed", "9999-12-31")],
)  # fmt: skip
def test_a_companyfacts_fact_outside_the_calendar_is_named_and_left_out(
    field: str, bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _watch_snow()
    document = json.loads(SNOW.read_bytes())
    entries = document["facts"]["us-gaap"][CAPEX]["units"]["USD"]
    entries.append({**entries[-1], field: bad, "accn": "0001640147-99-000001"})
    path = tmp_path / "snow.json"
    path.write_text(json.dumps(document))
    assert main(["import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "1 fact could not be read" in out, out
    number = len(entries)
    assert (
        f"warning: {path}: left out us-gaap:{CAPEX} USD fact {number} "
        f"('0001640147-99-000001'): {field} '{bad}' is not a date from 1900 to 2999"
    ) in err, err


HUGE = b'{"cik": 1640147, "entityName": "x", "facts": {"n": ' + b"7" * 5001 + b"}}"


def test_a_json_integer_of_5001_digits_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.json"
    path.write_bytes(HUGE)
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"{path}:1:52: not a readable JSON file (an integer of 5,001 digits; at most 4,300 "
        "are read)"
    )


def test_fetch_names_a_downloaded_integer_of_5001_digits(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sec_http, "_sleep", lambda _seconds: None)
    _watch_snow()
    server = SecServer()
    monkeypatch.setattr(server, "body", lambda _path: HUGE)
    try:
        code = main(["fetch", "edgar", "SNOW", "--user-agent", AGENT, "--base-url", server.url])
    finally:
        server.close()
    err = capsys.readouterr().err
    assert code == 2, err
    url = f"{server.url}api/xbrl/companyfacts/CIK0001640147.json"
    assert (
        f"SNOW: {url}:1:52: the answer is not JSON (an integer of 5,001 digits; at most 4,300 "
        "are read); nothing was changed"
    ) in err.splitlines(), err
    assert not (resolve().cache_dir / "edgar" / "CIK0001640147.json").exists()


async def test_the_record_form_shows_a_period_past_the_years(
    start_app: Callable[[], CapexwatchApp],
) -> None:
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = RecordForm(app.workspace.locations, app.workspace.watchlist.companies, "BABA")
        await app.push_screen(form)
        await pilot.pause()
        for key, value in {"metric": "capex", "period": "FY9999", "value": "1B",
                           "source": "x"}.items():  # fmt: skip
            form.query_one(f"#{key}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen is form
        shown = form.query_one("#record-error-period", Static)
        assert "'FY9999': outside the years 1900 to 2999" in str(shown.render())
    assert not resolve().imported.exists()
