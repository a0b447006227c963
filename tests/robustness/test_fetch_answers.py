"""What an EDGAR server (a local one on 127.0.0.1) may answer: a damaged gzip body, a body cut
short, a redirect elsewhere. Each is one message naming the URL and nothing is kept; a
redirect to a host capexwatch does not fetch from is never followed."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator

import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.ingest import sec_http
from capexwatch.tui.cli import main
from tests.core.ingest.sec_server import SNOW, SecServer
from tests.core.ingest.test_fetch_edgar import AGENT

FACTS = "/api/xbrl/companyfacts/CIK0001640147.json"
Serve = Callable[..., SecServer]


@pytest.fixture(autouse=True)
def no_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sec_http, "_sleep", lambda _seconds: None)


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Serve]:
    """`serve(body, statuses, **headers)`: a SecServer answering `body` for every path."""
    started: list[SecServer] = []

    def start(body: bytes, statuses: list[int] | None = None, **headers: str) -> SecServer:
        server = SecServer(statuses, headers={k.replace("_", "-"): v for k, v in headers.items()})
        monkeypatch.setattr(server, "body", lambda _path: body)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


def _fetch(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["fetch", "edgar", "1640147", "--user-agent", AGENT, "--base-url", url])
    return code, capsys.readouterr().err


GOOD = gzip.compress(SNOW.read_bytes())
DAMAGED = {
    "garbage": b"\x1f\x8b\x08\x00" + b"\xff" * 64,  # a gzip header, then no deflate stream
    "not gzip": b"plain text, said to be gzip",
    "cut short": GOOD[: len(GOOD) // 2],
    "bad checksum": GOOD[:-8] + b"\x00" * 8,
}


@pytest.mark.parametrize("damage", list(DAMAGED))
def test_a_damaged_gzip_answer_names_the_url(
    damage: str, serve: Serve, capsys: pytest.CaptureFixture[str]
) -> None:
    server = serve(DAMAGED[damage], Content_Encoding="gzip")
    code, err = _fetch(server.url, capsys)
    assert code == 2, err
    assert err.startswith(f"CIK 1640147: {server.url}{FACTS[1:]}: the answer"), err
    assert "nothing was changed" in err and "Traceback" not in err
    assert not (resolve().cache_dir / "edgar" / "CIK0001640147.json").exists()
    assert not resolve().imported.exists()


def test_a_good_gzip_answer_is_read(serve: Serve, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve(GOOD, Content_Encoding="gzip")
    code, err = _fetch(server.url, capsys)
    # SNOW is not in the watchlist: the file was read whole and is named for it.
    assert "is not a company in the watchlist" in err, err
    assert code == 2
    assert (resolve().cache_dir / "edgar" / "CIK0001640147.json").read_bytes() == SNOW.read_bytes()


def test_a_body_cut_short_is_a_download_error(
    serve: Serve, capsys: pytest.CaptureFixture[str]
) -> None:
    # Content-Length says more than arrives: the connection closes mid-answer.
    server = serve(b'{"cik": 1', Content_Length="100000")
    code, err = _fetch(server.url, capsys)
    assert code == 2, err
    assert err.startswith(f"CIK 1640147: {server.url}{FACTS[1:]}: could not"), err
    assert "Traceback" not in err


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_host_is_refused_unasked(
    status: int, serve: Serve, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = serve(SNOW.read_bytes())
    server = serve(b"", [status], Location=f"{elsewhere.url}{FACTS[1:]}")
    code, err = _fetch(server.url, capsys)
    assert code == 2, err
    port = elsewhere.url.rstrip("/").rpartition(":")[2]
    assert err.strip() == (
        f"CIK 1640147: {server.url}{FACTS[1:]}: the server redirected ({status}) to "
        f"http://127.0.0.1:{port}, a host capexwatch does not fetch from; refused, "
        "nothing was changed"
    )
    assert elsewhere.paths() == []  # never asked
    assert not (resolve().cache_dir / "edgar").exists()


def test_a_redirect_on_the_same_host_is_followed(
    serve: Serve, capsys: pytest.CaptureFixture[str]
) -> None:
    server = serve(SNOW.read_bytes(), [301], Location="/moved.json")
    code, err = _fetch(server.url, capsys)
    assert server.paths()[:2] == [FACTS, "/moved.json"]
    assert "is not a company in the watchlist" in err and code == 2, err
