"""A polite HTTP client for SEC EDGAR: spaced requests, backoff, conditional requests, cache.

The SEC's fair-access rules: every request names its caller (a User-Agent with a contact
address), at most 10 requests a second, and a client backs off when told to (429) or when the
server struggles (5xx). Here: requests at least MIN_INTERVAL apart (8 a second, safely under the
limit), up to MAX_ATTEMPTS tries with exponential backoff (honouring Retry-After as seconds or
as an HTTP date, capped), and a clear error otherwise. A file fetched before is asked for again
conditionally (If-None-Match / If-Modified-Since): "not modified" costs no download; offline,
the cached copy is used and said so. Nothing is cached unless a whole, valid answer arrived.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.safewrite import current_bytes, write_atomic

MIN_INTERVAL = 0.125  # seconds between requests: 8 a second where the SEC allows 10
MAX_ATTEMPTS = 4
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0
TIMEOUT = 30.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
_HEADER_VALUE = re.compile(r"[\x20-\x7e]{1,1024}\Z")  # printable ASCII, one line
MAX_BODY = 512 * 2**20  # as a file to import: companyfacts of the largest filers are ~50 MB
# The SEC's hosts may send a client from one to the other; any other redirect is refused.
SEC_ORIGINS = frozenset({("https", "data.sec.gov", 443), ("https", "www.sec.gov", 443)})

_sleep = time.sleep  # tests replace this to record the backoff instead of waiting
_lock = threading.Lock()
_last_request = 0.0


def _wait_turn() -> None:
    global _last_request
    with _lock:
        pause = _last_request + MIN_INTERVAL - time.monotonic()
        if pause > 0:
            _sleep(pause)
        _last_request = time.monotonic()


def retry_after(header: str | None, attempt: int, now: Callable[[], dt.datetime]) -> float:
    """Seconds to wait: Retry-After as seconds or an HTTP date, else exponential; capped."""
    text = (header or "").strip()
    if text.isascii() and text.isdigit():  # not ² or other digits isdigit() accepts
        return min(float(text), MAX_BACKOFF)
    try:
        when = email.utils.parsedate_to_datetime(text) if text else None
    except (TypeError, ValueError):
        when = None
    if when is not None:
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return min(max((when - now()).total_seconds(), 0.0), MAX_BACKOFF)
    return min(FIRST_BACKOFF * 2**attempt, MAX_BACKOFF)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def download(url: str, user_agent: str, validators: Mapping[str, str] | None = None) -> bytes:
    """The body at `url` (b"" for 304 Not Modified after conditional `validators`), retrying
    429 and 5xx with backoff; DataError when it cannot."""
    return _get(url, user_agent, validators or {})[0]


def _get(url: str, user_agent: str, validators: Mapping[str, str]) -> tuple[bytes, dict[str, str]]:
    headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip"}
    if validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_CheckedRedirects(url))
    for attempt in range(MAX_ATTEMPTS):
        _wait_turn()
        try:
            with opener.open(request, timeout=TIMEOUT) as response:
                body: bytes = response.read(MAX_BODY + 1)
                if response.length and len(body) <= MAX_BODY:  # read(n) takes a short body
                    raise http.client.IncompleteRead(body, response.length)
                gzipped = response.headers.get("Content-Encoding") == "gzip"
                kept = {"etag": response.headers.get("ETag") or ""}
                kept["last_modified"] = response.headers.get("Last-Modified") or ""
        except urllib.error.HTTPError as error:
            if error.code == 304 and validators:
                return b"", dict(validators)
            if error.code in RETRY_STATUSES and attempt + 1 < MAX_ATTEMPTS:
                header = error.headers.get("Retry-After") if error.headers else None
                _sleep(retry_after(header, attempt, _now))
                continue
            raise DataError(_refused(url, error.code, attempt + 1)) from None
        except (urllib.error.URLError, OSError, EOFError, http.client.HTTPException) as error:
            # HTTPException: an answer cut short (IncompleteRead) or not HTTP at all.
            reason = getattr(error, "reason", error)
            raise Offline(f"{url}: could not download ({reason}); offline?") from None
        if len(body) > MAX_BODY:
            raise DataError(f"{url}: the answer is larger than {MAX_BODY >> 20} MiB; refused")
        return (_gunzip(url, body) if gzipped else body), kept
    raise AssertionError("unreachable")  # pragma: no cover


def _gunzip(url: str, body: bytes) -> bytes:
    """The body of a gzip answer, at most MAX_BODY bytes; a damaged or cut-short one is named
    (zlib's own errors are no OSError: they would escape every network handler)."""
    out: list[bytes] = []
    size = 0
    rest = body
    try:
        while rest:
            unpacker = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
            out.append(unpacker.decompress(rest, MAX_BODY + 1 - size))
            size += len(out[-1])
            if size > MAX_BODY or unpacker.unconsumed_tail:
                raise DataError(f"{url}: the answer unpacks to more than {MAX_BODY >> 20} MiB")
            if not unpacker.eof:
                raise zlib.error("the gzip data ends too soon")
            rest = unpacker.unused_data  # another gzip member may follow
    except zlib.error as exc:
        raise DataError(
            f"{url}: the answer is damaged (Content-Encoding gzip, {exc}); nothing was changed"
        ) from None
    return b"".join(out)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:  # a port that is not a number
        port = -1
    return parts.scheme, (parts.hostname or ""), port


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to where the request was allowed to go: the same scheme, host
    and port (or between the SEC's two hosts); checked at every hop, before it is asked."""

    def __init__(self, url: str) -> None:
        self.allowed = {_origin(url)}
        if self.allowed <= SEC_ORIGINS:
            self.allowed = set(SEC_ORIGINS)

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        scheme, host, port = _origin(newurl)
        if (scheme, host, port) not in self.allowed:
            where = f"{scheme}://{host}" + (f":{port}" if port not in (80, 443) else "")
            raise DataError(
                f"{req.full_url}: the server redirected ({code}) to {where}, a host capexwatch "
                "does not fetch from; refused, nothing was changed"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Offline(DataError):
    """The server could not be reached at all (as opposed to answering with an error)."""


@dataclass(frozen=True)
class Fetched:
    """A cached file and how this run got it: "downloaded", "not modified" or "offline"."""

    path: Path
    how: str
    reason: str = ""


def fetch_cached(
    url: str, user_agent: str, target: Path, check: Callable[[bytes], None] | None = None
) -> Fetched:
    """`url` into `target`, asked conditionally when cached; the cached copy when offline.

    `check(body)` raises DataError for an answer that must not be kept. The validators
    (ETag, Last-Modified) sit beside the file in `<name>.http.json`.
    """
    meta = target.with_name(target.name + ".http.json")
    validators = _validators(meta) if target.exists() else {}
    try:
        body, kept = _get(url, user_agent, validators)
    except Offline as error:
        if target.exists():
            return Fetched(target, "offline", str(error))
        raise DataError(f"{error}; nothing was changed") from None
    if not body and validators:
        return Fetched(target, "not modified")
    if check is not None:
        check(body)
    write_atomic(target, body, expected=current_bytes(target))
    write_atomic(meta, json.dumps(kept).encode(), expected=current_bytes(meta))
    return Fetched(target, "downloaded")


def _validators(meta: Path) -> dict[str, str]:
    # Another program's file is no validator (the file is then downloaded whole): not text,
    # or text a header cannot carry (a line break would end the header, or add one).
    try:
        data = json.loads(meta.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    found = {k: data.get(k) for k in ("etag", "last_modified")}
    return {k: v for k, v in found.items() if isinstance(v, str) and _HEADER_VALUE.match(v)}


def _refused(url: str, code: int, attempts: int) -> str:
    if code == 404:
        return f"{url}: not found (404); nothing was changed"
    if code == 403:
        return (
            f"{url}: refused (403). The SEC refuses clients without a User-Agent naming them, "
            "or above 10 requests a second; nothing was changed"
        )
    tries = f" after {attempts} tries" if attempts > 1 else ""
    return f"{url}: the server answered {code}{tries}; nothing was changed, try again later"
