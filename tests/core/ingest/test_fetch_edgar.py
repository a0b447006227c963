"""`capexwatch fetch edgar` against a local HTTP server: no test reaches the internet."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import store
from capexwatch.core.ingest import fetch as edgarfetch
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "CIK0001640147_SNOW_companyfacts.json"
SNOW_TOML = (
    '\n[company.SNOW]\nname = "Snowflake"\ncurrency = "USD"\n'
    "fiscal_year_end_month = 1\ncik = 1640147\n"
)
AGENT = "Test Person test@example.com"


class Server:
    """Answers each request with the next scripted status (200 serves the fixture)."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.requests: list[tuple[str, str | None]] = []
        self.arrived: list[float] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.arrived.append(time.monotonic())
                outer.requests.append((self.path, self.headers.get("User-Agent")))
                status = outer.statuses.pop(0) if outer.statuses else 200
                body = FIXTURE.read_bytes() if status == 200 else b"slow down"
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "3")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The backoff the client asked for, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(edgarfetch, "_sleep", recorded.append)
    monkeypatch.setattr(edgarfetch, "_last_request", 0.0)  # no earlier test's request to wait on
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
    server = Server([429, 200])
    try:
        code, out, err = run(
            capsys, "fetch", "edgar", "snow", "--user-agent", AGENT, "--base-url", server.url
        )
    finally:
        server.close()
    assert code == 0, err
    assert [r[0] for r in server.requests] == ["/api/CIK0001640147.json"] * 2
    assert all(r[1] == AGENT for r in server.requests)
    assert 3.0 in pauses  # Retry-After honoured
    assert "for SNOW from SEC EDGAR companyfacts" in out
    assert (resolve().cache_dir / "edgar" / "CIK0001640147.json").exists()
    assert store.read(resolve().imported).height > 100


def test_fetch_gives_up_after_bounded_retries(
    capsys: pytest.CaptureFixture[str], pauses: list[float], snow_in_watchlist: None
) -> None:
    server = Server([503] * 10)
    try:
        code, _, err = run(
            capsys, "fetch", "edgar", "1640147", "--user-agent", AGENT, "--base-url", server.url
        )
    finally:
        server.close()
    assert code == 2
    assert len(server.requests) == edgarfetch.MAX_ATTEMPTS
    assert [p for p in pauses if p >= 1] == [1.0, 2.0, 4.0]
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


def test_fetch_all_spaces_requests_and_reports_each_company(
    capsys: pytest.CaptureFixture[str], snow_in_watchlist: None
) -> None:
    server = Server([])  # answers Snowflake's document whatever is asked
    try:
        code, out, err = run(
            capsys, "fetch", "edgar", "--all", "--user-agent", AGENT, "--base-url", server.url
        )
    finally:
        server.close()
    asked = [r[0] for r in server.requests]
    # The default watchlist's four SEC filers, then Snowflake.
    assert asked == [
        "/api/CIK0001577552.json",
        "/api/CIK0001329099.json",
        "/api/CIK0001018724.json",
        "/api/CIK0000789019.json",
        "/api/CIK0001640147.json",
    ]
    # Never faster than 10 a second (real waits here, at most 0.1 s each).
    gaps = [b - a for a, b in zip(server.arrived, server.arrived[1:], strict=False)]
    assert min(gaps) >= edgarfetch.MIN_INTERVAL * 0.9
    assert code == 2  # the server answered the wrong company for four of them
    assert err.count("but the answer is for CIK 1640147; nothing was changed") == 4
    assert "for SNOW from SEC EDGAR companyfacts" in out
