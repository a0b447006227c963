"""Name a file that is not something capexwatch imports, by what it is, from its first bytes.

A download that went wrong is usually a gzip or zip archive, an HTML error page or another SEC
response; read as CSV it would be reported as an encoding problem, which sends the user the
wrong way. These say what the file is and what to do instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from capexwatch.core.base.text import clean

_MAGIC = (
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first (gunzip) and import what it holds"),
    (
        b"PK\x03\x04",
        "a zip archive (or an Excel workbook); export or extract the CSV and import that",
    ),
    (b"%PDF", "a PDF document; capexwatch imports CSV, Parquet or SEC EDGAR companyfacts JSON"),
)
_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# Other SEC EDGAR API responses, by the keys that tell them apart.
_SEC_SHAPES = (
    (("filings", "cik"), "an SEC EDGAR submissions response (a filing index), not companyfacts"),
    (("taxonomy", "tag", "units"), "an SEC EDGAR companyconcept response (one tag only)"),
    (("taxonomy", "tag", "data"), "an SEC EDGAR frames response (one period, many companies)"),
)


def binary_or_html(data: bytes) -> str | None:
    """What the file is when it is an archive, a PDF or an HTML page; None otherwise."""
    head = data.lstrip(b"\xef\xbb\xbf")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if _HTML.match(head[:1024]):
        title = _TITLE.search(head[:20000])
        named = clean(title.group(1).decode("utf-8", "replace")).strip() if title else ""
        said = f" titled {' '.join(named.split())[:80]!r}" if named else ""
        return (
            f"an HTML web page{said}, not a data file (an error page saved in place of the "
            "download?); fetch the file again or save the data itself"
        )
    return None


def json_shape(document: object) -> str:
    """What a JSON document that is not companyfacts is, in words."""
    if isinstance(document, list):
        return f"a JSON array of {len(document)} item{'s' if len(document) != 1 else ''}"
    if isinstance(document, Mapping):
        keys: Mapping[str, Any] = document
        for needed, what in _SEC_SHAPES:
            if all(k in keys for k in needed):
                return what
        shown = ", ".join(clean(str(k))[:30] for k in list(keys)[:5])
        return f"a JSON object with keys {shown}" if shown else "an empty JSON object"
    return f"a JSON {type(document).__name__}"
