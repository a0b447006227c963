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
import gzip
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.safewrite import current_bytes, write_atomic

MIN_INTERVAL = 0.125  # seconds between requests: 8 a second where the SEC allows 10
MAX_ATTEMPTS = 4
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0
TIMEOUT = 30.0
RETRY_STATUSES = (429, 500, 502, 503, 504)

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
    for attempt in range(MAX_ATTEMPTS):
        _wait_turn()
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                body: bytes = response.read()
                if response.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                kept = {"etag": response.headers.get("ETag") or ""}
                kept["last_modified"] = response.headers.get("Last-Modified") or ""
                return body, kept
        except urllib.error.HTTPError as error:
            if error.code == 304 and validators:
                return b"", dict(validators)
            if error.code in RETRY_STATUSES and attempt + 1 < MAX_ATTEMPTS:
                header = error.headers.get("Retry-After") if error.headers else None
                _sleep(retry_after(header, attempt, _now))
                continue
            raise DataError(_refused(url, error.code, attempt + 1)) from None
        except (urllib.error.URLError, OSError, EOFError) as error:
            reason = getattr(error, "reason", error)
            raise Offline(f"{url}: could not download ({reason}); offline?") from None
    raise AssertionError("unreachable")  # pragma: no cover


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
    try:
        data = json.loads(meta.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data[k]) for k in ("etag", "last_modified") if data.get(k)}


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
