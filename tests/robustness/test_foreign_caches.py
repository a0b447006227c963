"""Files capexwatch keeps for itself (the filings record, the EDGAR cache) written by another
program: wrong types, dates past the calendar, huge integers, deep nesting are named with the
file, never a traceback; the file is left as it was."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.widgets.banner import ErrorBanner
from tests.core.ingest.sec_server import SecServer
from tests.core.ingest.test_fetch_edgar import AGENT, pauses, snow_in_watchlist

__all__ = ["pauses", "snow_in_watchlist"]  # fixtures

ENTRY = {"company": "BABA", "form": "20-F", "filed": "2025-06-01", "period": "2025-03-31",
         "accession": "0001104659-25-000001", "link": "",
         "seen": "2025-06-02T00:00:00+00:00"}  # fmt: skip
FILINGS = {
    "form a list": (json.dumps([{**ENTRY, "form": [1, 2]}]), "'form' is list, expected text"),
    "filed past the years": (
        json.dumps([{**ENTRY, "filed": "9999-12-31"}]),
        "'9999-12-31' is outside the years 1900 to 2999",
    ),
    "huge integer": ("[" + "7" * 5001 + "]", ":1:2: cannot read the filings record (an integer"),
    "deep": ("[" * 100_000, "cannot read the filings record (nested too deeply)"),
    "not a list": ('{"a": 1}', "the filings record is not a list"),
}


@pytest.mark.parametrize("case", list(FILINGS))
def test_a_foreign_filings_record_is_named(
    case: str, config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, words = FILINGS[case]
    path = resolve(config_dir).filings
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    for command in (["filings"], ["check"]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.startswith(str(path)) and words in err, err
        assert "Traceback" not in err
    assert path.read_text() == text


async def test_the_app_names_a_foreign_filings_record(
    config_dir: Path, start_app: Callable[[], CapexwatchApp]
) -> None:
    path = resolve(config_dir).filings
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([ENTRY]))
    app = start_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(FileWatch).paused = True  # only the test's reloads
        shown = app.snapshot
        path.write_text(json.dumps([{**ENTRY, "filed": "9999-12-31"}]))
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.snapshot is shown
        banner = app.query_one(ErrorBanner)
        assert banner.display and "'9999-12-31' is outside the years" in str(banner.render())


def _fetch(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["fetch", "edgar", "SNOW", "--user-agent", AGENT, "--base-url", url])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "validators",
    ['{"etag": "\\"x\\"\\r\\nX-Evil: 1"}', '{"etag": ["x"], "last_modified": 5}', "[" * 100_000],
    ids=["line break", "not text", "deep"],
)
def test_foreign_cached_validators_are_no_validators(
    validators: str,
    capsys: pytest.CaptureFixture[str],
    pauses: list[float],
    snow_in_watchlist: None,
) -> None:
    server = SecServer()
    try:
        assert _fetch(server.url, capsys)[0] == 0
        meta = resolve().cache_dir / "edgar" / "CIK0001640147.json.http.json"
        meta.write_text(validators)
        code, err = _fetch(server.url, capsys)
    finally:
        server.close()
    assert code == 0 and "Traceback" not in err, err
    asked = server.requests[-2]  # the companyfacts again, then the filing list
    assert asked[0].startswith("/api/xbrl/companyfacts/")
    assert "If-None-Match" not in asked[1] and "If-Modified-Since" not in asked[1]


@pytest.mark.parametrize(
    "cached",
    [b"garbage", b"[" * 100_000, b'{"filings": [1]}', b"[1]"],
    ids=["garbage", "deep", "filings a list", "a list"],
)
def test_offline_a_foreign_cached_filing_list_is_named(
    cached: bytes,
    capsys: pytest.CaptureFixture[str],
    pauses: list[float],
    snow_in_watchlist: None,
) -> None:
    server = SecServer()
    try:
        assert _fetch(server.url, capsys)[0] == 0
    finally:
        server.close()
    target = resolve().cache_dir / "edgar" / "submissions" / "CIK0001640147.json"
    target.write_bytes(cached)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        offline = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    code, err = _fetch(offline, capsys)
    assert "Traceback" not in err
    if cached.startswith((b"{", b"[1")):  # JSON of another shape: no filings listed
        assert code == 0, err
    else:
        assert code == 2, err
        assert f"{target}" in err and "the cached filing list is not JSON" in err, err
    assert target.read_bytes() == cached


DEEP = "[" * 100_000


def test_deep_preferences_are_named(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from capexwatch.core.figures import disputes
    from tests.robustness.test_data_faults import _good

    path = disputes.path_for(_good("imported", config_dir))
    path.write_text(DEEP)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: not capexwatch's preferences"), err


def test_a_deep_notified_state_is_a_first_run(tmp_path: Path) -> None:
    from capexwatch.core.review import notify

    path = notify.state_path(tmp_path)
    path.write_text(DEEP)
    assert notify.read_state(path) is None


def test_a_cik_of_5001_digits_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "edgar", "9" * 5001, "--user-agent", AGENT]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"{'9' * 20}…: not a CIK (the SEC's are at most 10 digits)"
