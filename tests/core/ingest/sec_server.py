"""A local stand-in for the SEC's hosts on 127.0.0.1: companyfacts, submissions, documents.

Answers each request with the next scripted status (200 serves what the path asks for), keeps
every request with its headers, and honours If-None-Match with 304 for what it served before.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parents[2] / "fixtures"
SNOW = FIXTURES / "CIK0001640147_SNOW_companyfacts.json"


def submissions(cik: int, entries: list[tuple[str, str, str, str, str]]) -> bytes:
    """A submissions JSON: entries of (form, filed, report date, accession, primary document)."""
    columns = ("form", "filingDate", "reportDate", "accessionNumber", "primaryDocument")
    recent = {c: [e[i] for e in entries] for i, c in enumerate(columns)}
    return json.dumps({"cik": str(cik), "name": "x", "filings": {"recent": recent}}).encode()


class SecServer:
    """See module doc. `documents` maps an Archives path's file name to its bytes; `headers`
    go with every answer (a Content-Length among them replaces the body's own)."""

    def __init__(
        self,
        statuses: list[int] | None = None,
        *,
        lists: dict[int, bytes] | None = None,
        documents: dict[str, bytes] | None = None,
        retry_after: str = "3",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.statuses = statuses or []
        self.lists = lists or {}
        self.documents = documents or {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.arrived: list[float] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.arrived.append(time.monotonic())
                outer.requests.append((self.path, dict(self.headers.items())))
                status = outer.statuses.pop(0) if outer.statuses else 200
                body = outer.body(self.path) if status == 200 else b"slow down"
                if body is None:
                    status, body = 404, b"not found"
                etag = f'"{hash(body) & 0xFFFFFF:x}"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", retry_after)
                if status in (200, 304):
                    self.send_header("ETag", etag)
                sent = {"Content-Length": str(len(body)), **(headers or {})}
                for name, value in sent.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def body(self, path: str) -> bytes | None:
        if path.startswith("/api/xbrl/companyfacts/"):
            return SNOW.read_bytes()
        if match := re.fullmatch(r"/submissions/CIK(\d{10})\.json", path):
            cik = int(match.group(1))
            return self.lists.get(cik, submissions(cik, []))
        if path.startswith("/Archives/edgar/data/"):
            return self.documents.get(path.rpartition("/")[2])
        return None

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
