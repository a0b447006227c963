"""Import a file into the user's observations: CSV, Parquet or an SEC EDGAR companyfacts JSON.

All or nothing: when any row is bad nothing is stored and every problem is reported, unless
`skip_bad_rows` asks to keep the good rows (the report then lists what was skipped).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from capexwatch.core.base.errors import DataError
from capexwatch.core.figures import store
from capexwatch.core.ingest import companyfacts, edgar
from capexwatch.core.ingest import tabular as csvimport
from capexwatch.core.watchlist.model import Watchlist


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, rows new to the store, problems of rows left out."""

    path: Path
    kind: str
    rows: int
    added: int
    company: str | None = None
    skipped: tuple[str, ...] = ()


def _read_json(path: Path, data: bytes) -> object:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise DataError(f"{path}{where}: not a readable JSON file ({exc})") from None
    except RecursionError:
        raise DataError(f"{path}: not a readable JSON file (nested too deeply)") from None


def read_any(
    path: Path, watchlist: Watchlist, source: str | None = None
) -> tuple[str, csvimport.ReadResult, str | None]:
    """(kind of file, rows and problems, company id for companyfacts) without storing anything."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        document = _read_json(path, data)
        if not edgar.is_companyfacts(document) or not isinstance(document, dict):
            raise DataError(
                f"{path}: a JSON file, but not an SEC EDGAR companyfacts response "
                "(expected keys cik, entityName and facts)"
            )
        facts = companyfacts.read_companyfacts(document, watchlist.companies, path)
        result = csvimport.ReadResult(rows=facts.rows)
        return "SEC EDGAR companyfacts", result, facts.company
    if data.startswith(b"PAR1"):
        return "Parquet", csvimport.read_parquet(path, watchlist.companies, source), None
    return "CSV", csvimport.read_csv(path, watchlist.companies, source), None


def import_file(
    path: Path,
    target: Path,
    watchlist: Watchlist,
    *,
    source: str | None = None,
    skip_bad_rows: bool = False,
) -> ImportReport:
    """Check `path` and store its rows in `target` (see module doc)."""
    kind, result, company = read_any(path, watchlist, source)
    if result.problems and not skip_bad_rows:
        good = len(result.rows)
        unsourced = any("column source: is empty" in p for p in result.problems)
        hint = f"\n{path}: --source TEXT gives rows without a source one" if unsourced else ""
        raise DataError(
            csvimport.text_of(result.problems)
            + hint
            + f"\n{path}: {result.bad_rows} bad row{'s' if result.bad_rows != 1 else ''}; "
            f"nothing imported (fix {'them' if result.bad_rows != 1 else 'it'}, or use "
            f"--skip-bad-rows to import the other {good} row{'s' if good != 1 else ''})"
        )
    added = store.add(target, store.to_frame(result.rows)) if result.rows else 0
    return ImportReport(path, kind, len(result.rows), added, company, tuple(result.problems))
