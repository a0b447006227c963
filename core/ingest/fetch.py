"""Find a company's CIK, say where SEC EDGAR's services are, and fetch companyfacts.

The HTTP client itself (spacing, backoff, conditional requests, offline cache) is
`sec_http`.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from capexwatch.core.base import jsontext
from capexwatch.core.base.errors import DataError
from capexwatch.core.ingest import edgar, sec_http
from capexwatch.core.watchlist.model import Company

# The SEC's two hosts; `--base-url` (or $CAPEXWATCH_EDGAR_URL) stands in for both.
DATA_HOST = "https://data.sec.gov/"
WWW_HOST = "https://www.sec.gov/"
BASE_URL_ENV = "CAPEXWATCH_EDGAR_URL"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Hosts:
    """Where each SEC service is: the real hosts, or one server standing in for both."""

    data: str = DATA_HOST  # api/xbrl/companyfacts/, submissions/
    www: str = WWW_HOST  # Archives/edgar/data/

    def companyfacts(self, cik: int) -> str:
        return f"{self.data}api/xbrl/companyfacts/CIK{cik:010d}.json"

    def submissions(self, cik: int) -> str:
        return f"{self.data}submissions/CIK{cik:010d}.json"

    def document(self, cik: int, accession: str, name: str) -> str:
        folder = accession.replace("-", "")
        return f"{self.www}Archives/edgar/data/{cik}/{folder}/{urllib.parse.quote(name)}"


def resolve_cik(target: str, companies: Mapping[str, Company]) -> tuple[int, str | None]:
    """(CIK, company id) for a watchlist ticker or a number; DataError when neither."""
    text = target.strip()
    if text.isascii() and text.isdigit():  # not ² or other digits isdigit() accepts
        if len(text.lstrip("0")) > 10:  # and never past int()'s 4,300 digits
            raise DataError(f"{text[:20]}…: not a CIK (the SEC's are at most 10 digits)")
        cik = int(text)
        return cik, next((c.id for c in companies.values() if c.cik == cik), None)
    for company in companies.values():
        if company.id.upper() == text.upper():
            if company.cik is None:
                raise DataError(
                    f"{company.id} has no cik in the watchlist; add `cik = N` to "
                    f"[company.{company.id}] (the SEC's Central Index Key) or pass the CIK"
                )
            return company.cik, company.id
    raise DataError(
        f"{text!r} is neither a watchlist company nor a CIK; pass the number, or add "
        f"[company.{text.upper()}] with cik = N to the watchlist"
    )


def check_user_agent(user_agent: str | None) -> str:
    """The User-Agent if it names a caller with a contact address."""
    agent = (user_agent or "").strip()
    if "@" not in agent or len(agent.split()) < 2:
        raise DataError(
            "the SEC asks every client to say who it is: pass "
            '--user-agent "Your Name you@example.com" (a name and a contact email)'
        )
    return agent


def hosts(explicit: str | None = None) -> Hosts:
    """The SEC's hosts, or one server for all of them: option, then $CAPEXWATCH_EDGAR_URL."""
    url = explicit or os.environ.get(BASE_URL_ENV)
    if not url:
        return Hosts()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        raise DataError(f"{url}: the EDGAR URL must be https:// (http only for this machine)")
    root = url if url.endswith("/") else url + "/"
    return Hosts(root, root)


def fetch_companyfacts(
    cik: int, user_agent: str, cache_dir: Path, url: str | None = None
) -> sec_http.Fetched:
    """CIK's companyfacts into `cache_dir/edgar/` (conditionally; cached copy when offline)."""
    agent = check_user_agent(user_agent)
    address = hosts(url).companyfacts(cik)

    def check(body: bytes) -> None:
        document = jsontext.loads(body, address, "the answer is not JSON", "; nothing was changed")
        if not edgar.is_companyfacts(document) or not isinstance(document, dict):
            raise DataError(
                f"{address}: the answer is not a companyfacts document; nothing changed"
            )
        if str(document["cik"]).strip().lstrip("0") != str(cik):
            raise DataError(
                f"{address}: asked for CIK {cik} but the answer is for CIK {document['cik']!r}; "
                "nothing was changed"
            )

    return sec_http.fetch_cached(address, agent, cache_dir / "edgar" / f"CIK{cik:010d}.json", check)
