"""`fetch edgar` brings filings: the list recorded, periodic reports' documents read for their
headline and segment figures, cached, asked again only if changed, used offline.

A local server on 127.0.0.1 stands in for every SEC host (`--base-url`); it serves the real
Amazon and NVIDIA documents and the hand-written ACME 10-Q.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import filings, store
from capexwatch.core.ingest import sec_http
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.cli import main
from tests.core.ingest.sec_server import SecServer, submissions

XBRL = Path(__file__).parents[2] / "fixtures" / "xbrl"
AGENT = "Test Person test@example.com"
AMZN_10K = ("10-K", "2023-02-03", "2022-12-31", "0001018724-23-000004", "amzn-20221231_htm.xml")
AMZN_8K = ("8-K", "2023-04-27", "", "0001018724-23-000011", "d8k.htm")
ACME_10Q = ("10-Q", "2025-10-30", "2025-09-30", "0000000042-25-000007", "acme-20250930.htm")
ACME_6K = ("6-K", "2025-11-25", "", "0000000042-25-000009", "acme-6k.htm")
ACME_OLD = ("10-Q", "2024-10-30", "2024-09-30", "0000000042-24-000005", "acme-20240930.htm")
ACME_TOML = """
[company.ACME]
name = "Acme Cloud"
currency = "USD"
cik = 42
segments = { cloud = "CloudSegmentMember" }
"""


@pytest.fixture(autouse=True)
def setup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sec_http, "_sleep", lambda _s: None)
    path = resolve().watchlist
    watchlist.ensure_exists(path)
    text = path.read_text("utf-8").replace(
        "cik = 1018724\n",
        'cik = 1018724\nsegments = { cloud = "AmazonWebServicesSegmentMember" }\n',
    )
    path.write_text(text + ACME_TOML, "utf-8")


def server(**kwargs: object) -> SecServer:
    lists = {
        1018724: submissions(1018724, [AMZN_8K, AMZN_10K]),
        42: submissions(42, [ACME_6K, ACME_10Q, ACME_OLD]),
    }
    documents = {
        AMZN_10K[4]: (XBRL / "amzn-20221231_htm.xml").read_bytes(),
        ACME_10Q[4]: (XBRL / "acme-20250930-segment-loss.htm").read_bytes(),
    }
    return SecServer(lists=lists, documents=documents, **kwargs)  # type: ignore[arg-type]


def fetch(capsys: pytest.CaptureFixture[str], url: str, *more: str) -> tuple[int, str, str]:
    code = main(["fetch", "edgar", *more, "--user-agent", AGENT, "--base-url", url])
    out, err = capsys.readouterr()
    return code, out, err


def figures(company: str, metric: str) -> dict[str, tuple[float, str]]:
    frame = store.read(resolve().imported).filter(
        (pl.col("company") == company) & (pl.col("metric") == metric)
    )
    return {r["period"]: (r["value"], r["source"]) for r in frame.iter_rows(named=True)}


def test_fetch_all_reads_segments_and_records_every_filing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sec = server()
    try:
        code, out, err = fetch(capsys, sec.url, "--all")
    finally:
        sec.close()
    cloud = figures("AMZN", "cloud_revenue")
    assert cloud["FY2022"] == (
        80_096e6,
        "SEC EDGAR 10-K 0001018724-23-000004 filed 2023-02-03, "
        "segment amzn:AmazonWebServicesSegmentMember",
    )
    assert figures("ACME", "cloud_operating_income")["FY2025Q3"][0] == -150e6
    recorded = filings.load(resolve().filings)
    assert {(f.company, f.form) for f in recorded} >= {
        ("AMZN", "10-K"), ("AMZN", "8-K"), ("ACME", "10-Q"), ("ACME", "6-K"),
    }  # fmt: skip
    six_k = next(f for f in recorded if f.form == "6-K")
    assert six_k.filed == dt.date(2025, 11, 25) and six_k.period is None
    assert six_k.link.endswith("/Archives/edgar/data/42/000000004225000009/acme-6k.htm")
    # A progress line per company and per document; the missing old document is named.
    assert "ACME: 3 filings listed (downloaded), 3 new since the last fetch" in err
    assert "ACME 10-Q 0000000042-25-000007 filed 2025-10-30: downloaded" in err
    assert "0000000042-24-000005" in err and "not found (404)" in err
    assert "for ACME from SEC EDGAR filings' XBRL" in out
    cached = resolve().cache_dir / "edgar" / "documents" / "CIK0001018724"
    assert (cached / f"{AMZN_10K[3]}_{AMZN_10K[4]}").exists()
    assert code == 2  # the default watchlist's other filers have no documents here


def test_a_second_fetch_asks_conditionally_and_downloads_no_document_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sec = server()
    try:
        fetch(capsys, sec.url, "ACME")
        first = len(sec.requests)
        _code, _out, err = fetch(capsys, sec.url, "ACME")
    finally:
        sec.close()
    again = sec.requests[first:]
    assert not [p for p, _h in again if p.endswith(ACME_10Q[4])]
    assert all("If-None-Match" in h for p, h in again if p.startswith("/submissions"))
    assert "ACME: 3 filings listed (not modified), 0 new since the last fetch" in err
    assert "ACME 10-Q 0000000042-25-000007 filed 2025-10-30: cached" in err


def test_offline_uses_the_cached_copies_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    sec = server()
    try:
        fetch(capsys, sec.url, "ACME")
    finally:
        sec.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    code, _out, err = fetch(capsys, closed, "ACME")
    assert "ACME: offline, using the filing list cached" in err
    assert "ACME 10-Q 0000000042-25-000007 filed 2025-10-30: cached" in err
    assert "acme-20240930.htm: could not download" in err  # never downloaded: named
    assert code == 2


def test_since_reads_every_periodic_report_filed_from_then(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sec = server()
    try:
        fetch(capsys, sec.url, "ACME", "--since", "2025-01-01")
    finally:
        sec.close()
    documents = [p for p in sec.paths() if p.startswith("/Archives")]
    assert documents == ["/Archives/edgar/data/42/000000004225000007/acme-20250930.htm"]


def test_retry_after_as_an_http_date_is_honoured(capsys: pytest.CaptureFixture[str]) -> None:
    now = dt.datetime(2026, 1, 20, 12, 0, 0, tzinfo=dt.UTC)
    assert sec_http.retry_after("Tue, 20 Jan 2026 12:00:07 GMT", 0, lambda: now) == 7.0
    assert sec_http.retry_after("Tue, 20 Jan 2026 11:00:00 GMT", 0, lambda: now) == 0.0
    assert sec_http.retry_after("12", 0, lambda: now) == 12.0
    assert sec_http.retry_after("soon", 2, lambda: now) == 4.0  # unreadable: exponential
    assert sec_http.retry_after("999", 0, lambda: now) == sec_http.MAX_BACKOFF


def test_filings_lists_them_as_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    sec = server()
    try:
        fetch(capsys, sec.url, "ACME")
    finally:
        sec.close()
    assert main(["filings", "acme", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(f["form"], f["filed"]) for f in listed] == [
        ("6-K", "2025-11-25"), ("10-Q", "2025-10-30"), ("10-Q", "2024-10-30"),
    ]  # fmt: skip
    assert listed[1]["period"] == "2025-09-30" and listed[1]["accession"] == ACME_10Q[3]
    assert main(["filings"]) == 0
    text = capsys.readouterr().out
    assert "ACME   6-K      2025-11-25" in text
    assert main(["filings", "ACMF"]) == 2
    assert "did you mean 'ACME'" in capsys.readouterr().err


def test_filings_arriving_after_the_review_are_listed_by_review(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-19")
    assert main(["review", "--mark"]) == 0
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-20")
    sec = server()
    try:
        fetch(capsys, sec.url, "ACME")
    finally:
        sec.close()
    capsys.readouterr()
    main(["review"])
    out = capsys.readouterr().out
    assert "ACME filed 6-K on 2025-11-25 — results?" in out
    assert "ACME filed 10-Q on 2025-10-30 for the period to 2025-09-30" in out
    main(["review", "--mark"])
    capsys.readouterr()
    main(["review"])
    assert "ACME filed" not in capsys.readouterr().out  # acknowledged by the review
