"""Download a companyfacts response from SEC EDGAR, politely, into the user cache directory.

The SEC's fair-access rules: every request names its caller (a User-Agent with a contact
address), at most 10 requests a second, and a client backs off when told to (429) or when the
server struggles (5xx). Here: requests at least 0.1 s apart, up to MAX_ATTEMPTS tries with
exponential backoff (honouring Retry-After, capped), and a clear error otherwise. Nothing is
imported or cached unless a full companyfacts document arrived.
"""

from __future__ import annotations

import gzip
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.safewrite import current_bytes, write_atomic
from capexwatch.core.ingest import edgar
from capexwatch.core.watchlist.model import Company

BASE_URL = "https://data.sec.gov/api/xbrl/companyfacts/"
BASE_URL_ENV = "CAPEXWATCH_EDGAR_URL"
MIN_INTERVAL = 0.1  # seconds between requests: the SEC allows 10 a second
MAX_ATTEMPTS = 4
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0
TIMEOUT = 30.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
_LOOPBACK = ("127.0.0.1", "localhost", "::1")

_sleep = time.sleep  # tests replace this to record the backoff instead of waiting
_lock = threading.Lock()
_last_request = 0.0


def resolve_cik(target: str, companies: Mapping[str, Company]) -> tuple[int, str | None]:
    """(CIK, company id) for a watchlist ticker or a number; DataError when neither."""
    text = target.strip()
    if text.isdigit():
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


def base_url(explicit: str | None = None) -> str:
    """The companyfacts base URL: option, then $CAPEXWATCH_EDGAR_URL, then the SEC's."""
    url = explicit or os.environ.get(BASE_URL_ENV) or BASE_URL
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        raise DataError(f"{url}: the EDGAR URL must be https:// (http only for this machine)")
    return url if url.endswith("/") else url + "/"


def _wait_turn() -> None:
    global _last_request
    with _lock:
        pause = _last_request + MIN_INTERVAL - time.monotonic()
        if pause > 0:
            _sleep(pause)
        _last_request = time.monotonic()


def _retry_after(error: urllib.error.HTTPError, attempt: int) -> float:
    header = error.headers.get("Retry-After") if error.headers else None
    if header and header.strip().isdigit():
        return min(float(header.strip()), MAX_BACKOFF)
    return min(FIRST_BACKOFF * 2**attempt, MAX_BACKOFF)


def download(url: str, user_agent: str) -> bytes:
    """The body at `url`, retrying 429 and 5xx with backoff; DataError when it cannot."""
    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent, "Accept-Encoding": "gzip"}
    )
    for attempt in range(MAX_ATTEMPTS):
        _wait_turn()
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                body: bytes = response.read()
                if response.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                return body
        except urllib.error.HTTPError as error:
            if error.code in RETRY_STATUSES and attempt + 1 < MAX_ATTEMPTS:
                _sleep(_retry_after(error, attempt))
                continue
            raise DataError(_refused(url, error.code, attempt + 1)) from None
        except (urllib.error.URLError, OSError, EOFError) as error:
            reason = getattr(error, "reason", error)
            raise DataError(
                f"{url}: could not download ({reason}); offline? nothing was changed"
            ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _refused(url: str, code: int, attempts: int) -> str:
    if code == 404:
        return f"{url}: the SEC has no companyfacts for this CIK (404); nothing was changed"
    if code == 403:
        return (
            f"{url}: refused (403). The SEC refuses clients without a User-Agent naming them, "
            "or above 10 requests a second; nothing was changed"
        )
    tries = f" after {attempts} tries" if attempts > 1 else ""
    return f"{url}: the server answered {code}{tries}; nothing was changed, try again later"


def fetch_companyfacts(cik: int, user_agent: str, cache_dir: Path, url: str | None = None) -> Path:
    """Download CIK's companyfacts into `cache_dir/edgar/`; the cached file's path."""
    agent = check_user_agent(user_agent)
    address = f"{base_url(url)}CIK{cik:010d}.json"
    body = download(address, agent)
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # deep nesting: too
        raise DataError(f"{address}: the answer is not JSON; nothing was changed") from None
    if not edgar.is_companyfacts(document):
        raise DataError(f"{address}: the answer is not a companyfacts document; nothing changed")
    if str(document["cik"]).strip().lstrip("0") != str(cik):
        raise DataError(
            f"{address}: asked for CIK {cik} but the answer is for CIK {document['cik']!r}; "
            "nothing was changed"
        )
    target = cache_dir / "edgar" / f"CIK{cik:010d}.json"
    write_atomic(target, body, expected=current_bytes(target))
    return target
