"""`capexwatch fetch edgar` against a local HTTP server: no test reaches the internet."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import store
from capexwatch.core.ingest import sec_http
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.cli import main
from tests.core.ingest.sec_server import SecServer

SNOW_TOML = (
    '\n[company.SNOW]\nname = "Snowflake"\ncurrency = "USD"\n'
    "fiscal_year_end_month = 1\ncik = 1640147\n"
)
AGENT = "Test Person test@example.com"


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The backoff the client asked for, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(sec_http, "_sleep", recorded.append)
    monkeypatch.setattr(sec_http, "_last_request", 0.0)  # no earlier test's request to wait on
    return recorded


@pytest.fixture
def snow_in_watchlist() -> Iterator[None]:
    path = resolve().watchlist
    watchlist.ensure_exists(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(SNOW_TOML)
    yield


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_fetch_backs_off_on_429_then_imports(
    capsys: pytest.CaptureFixture[str], pauses: list[float], snow_in_watchlist: None
) -> None:
    server = SecServer([429, 200])
    try:
        code, out, err = run(
            capsys, "fetch", "edgar", "snow", "--user-agent", AGENT, "--base-url", server.url
        )
    finally:
        server.close()
    assert code == 0, err
    facts = "/api/xbrl/companyfacts/CIK0001640147.json"
    assert server.paths() == [facts, facts, "/submissions/CIK0001640147.json"]
    assert all(headers["User-Agent"] == AGENT for _path, headers in server.requests)
    assert 3.0 in pauses  # Retry-After honoured
    assert "for SNOW from SEC EDGAR companyfacts" in out
    assert (resolve().cache_dir / "edgar" / "CIK0001640147.json").exists()
    assert store.read(resolve().imported).height > 100


def test_fetch_gives_up_after_bounded_retries(
    capsys: pytest.CaptureFixture[str], pauses: list[float], snow_in_watchlist: None
) -> None:
    server = SecServer([503] * 10)
    try:
        code, _, err = run(
            capsys, "fetch", "edgar", "1640147", "--user-agent", AGENT, "--base-url", server.url
        )
    finally:
        server.close()
    assert code == 2
    # Companyfacts, then the filing list: each tried MAX_ATTEMPTS times, then given up.
    assert len(server.requests) == 2 * sec_http.MAX_ATTEMPTS
    assert [p for p in pauses if p >= 1] == [1.0, 2.0, 4.0] * 2
    assert "answered 503 after 4 tries; nothing was changed" in err
    assert not resolve().imported.exists()


def test_a_refused_connection_is_a_clear_message_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], pauses: list[float], snow_in_watchlist: None
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = run(
        capsys,
        "fetch",
        "edgar",
        "SNOW",
        "--user-agent",
        AGENT,
        "--base-url",
        f"http://127.0.0.1:{port}/",
    )
    assert code == 2
    assert "could not download" in err and "nothing was changed" in err
    assert not resolve().imported.exists()
    assert not (resolve().cache_dir / "edgar").exists()


def test_a_user_agent_naming_the_caller_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "fetch", "edgar", "BABA", "--user-agent", "curl")
    assert code == 2 and "--user-agent" in err and "contact email" in err


def test_only_https_leaves_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "fetch",
        "edgar",
        "BABA",
        "--user-agent",
        AGENT,
        "--base-url",
        "http://data.sec.gov/api/xbrl/companyfacts/",
    )
    assert code == 2 and "must be https://" in err


def test_a_ticker_without_a_cik_says_how_to_add_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "fetch", "edgar", "TCEHY", "--user-agent", AGENT)
    assert code == 2 and "has no cik in the watchlist" in err


class FakeClock:
    """Monotonic time that moves only when the client sleeps: spacing without the wall clock."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sent: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_fetch_all_spaces_requests_and_reports_each_company(
    capsys: pytest.CaptureFixture[str], snow_in_watchlist: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(sec_http, "time", clock)
    monkeypatch.setattr(sec_http, "_sleep", clock.sleep)
    monkeypatch.setattr(sec_http, "_last_request", 0.0)
    wait_turn = sec_http._wait_turn

    def recorded_turn() -> None:
        wait_turn()
        clock.sent.append(clock.now)

    monkeypatch.setattr(sec_http, "_wait_turn", recorded_turn)
    server = SecServer([])  # answers Snowflake's document whatever is asked
    try:
        code, out, err = run(
            capsys, "fetch", "edgar", "--all", "--user-agent", AGENT, "--base-url", server.url
        )
    finally:
        server.close()
    asked = [p for p in server.paths() if p.startswith("/api/")]
    # The default watchlist's four SEC filers, then Snowflake.
    assert asked == [
        f"/api/xbrl/companyfacts/CIK{cik:010d}.json"
        for cik in (1577552, 1329099, 1018724, 789019, 1640147)
    ]
    # Never faster than 8 a second: each request waits its turn on the client's clock.
    gaps = [b - a for a, b in zip(clock.sent, clock.sent[1:], strict=False)]
    assert len(gaps) >= 9 and min(gaps) >= sec_http.MIN_INTERVAL
    assert code == 2  # the server answered the wrong company for four of them
    assert err.count("but the answer is for CIK 1640147; nothing was changed") == 4
    assert "for SNOW from SEC EDGAR companyfacts" in out


def test_offline_the_cached_companyfacts_are_imported_and_said_so(
    capsys: pytest.CaptureFixture[str], pauses: list[float], snow_in_watchlist: None
) -> None:
    server = SecServer()
    try:
        run(capsys, "fetch", "edgar", "SNOW", "--user-agent", AGENT, "--base-url", server.url)
    finally:
        server.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    _code, out, err = run(
        capsys, "fetch", "edgar", "SNOW", "--user-agent", AGENT, "--base-url", url
    )
    assert "CIK 1640147: offline, importing the companyfacts cached earlier" in err
    assert "for SNOW from SEC EDGAR companyfacts" in out
