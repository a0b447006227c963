"""Import a file into the user's observations: CSV, Parquet, SEC EDGAR companyfacts JSON or XBRL.

All or nothing: when any row is bad nothing is stored and every problem is reported, unless
`skip_bad_rows` asks to keep the good rows (the report then lists what was skipped). Every row,
whatever the file, passes the same checks (`ingest.checks`); a file that is none of these (an
archive, an HTML page, another JSON) is named for what it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from capexwatch.core.base import jsontext, readfile
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.format import counted
from capexwatch.core.figures import store
from capexwatch.core.ingest import companyfacts, edgar, filing, sniff
from capexwatch.core.ingest import tabular as csvimport
from capexwatch.core.ingest.checks import Known, meaning
from capexwatch.core.watchlist.model import Watchlist

MAX_BYTES = csvimport.MAX_FILE_BYTES


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, rows new to the store, problems of rows left out,
    warnings about rows kept, and facts of a companyfacts file that could not be read."""

    path: Path
    kind: str
    rows: int
    added: int
    company: str | None = None
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    unreadable: int = 0


def _read_json(path: Path, data: bytes) -> object:
    return jsontext.loads(data, str(path), "not a readable JSON file")


def read_any(
    path: Path,
    watchlist: Watchlist,
    source: str | None = None,
    *,
    metrics: Iterable[str] = (),
    allow_new_metric: bool = False,
    data: bytes | None = None,
    pipes: bool = False,
) -> tuple[str, csvimport.ReadResult, str | None]:
    """(kind of file, rows and problems, company id for companyfacts) without storing anything.

    `metrics` are the metric ids already in the user's data: known besides the catalogue's.
    The file is read once (`data`, when the caller already has its bytes, as from standard
    input): a pipe such as `<(…)` cannot be read twice. `pipes` accepts one (the command line);
    the app refuses them, as a pipe without a writer would block its screen.
    """
    known = Known(watchlist.companies, frozenset(metrics), allow_new_metric)
    if data is None:
        data = read_input(path, pipes=pipes)
    if filing.looks_like(data):
        return _filing(path, data, watchlist, known)
    other = sniff.binary_or_html(data)
    if other is not None:
        raise DataError(f"{path}: {other}")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        document = _read_json(path, data)
        if not edgar.is_companyfacts(document) or not isinstance(document, dict):
            raise DataError(
                f"{path}: {sniff.json_shape(document)}, not an SEC EDGAR companyfacts response "
                "(an object with keys cik, entityName and facts)"
            )
        facts = companyfacts.read_companyfacts(document, watchlist.companies, path)
        result = _checked(facts.rows, known, facts.unreadable)
        if facts.first_unreadable:
            more = facts.unreadable - 1
            others = f" (and {counted(more, 'other fact')})" if more else ""
            result.warnings[f"{path}: left out {facts.first_unreadable}{others}"] += 1
        return "SEC EDGAR companyfacts", result, facts.company
    if data.startswith(b"PAR1"):
        return "Parquet", csvimport.read_parquet(path, known, source, data), None
    return "CSV", csvimport.read_csv(path, known, source, data), None


def read_input(path: Path, *, pipes: bool = False) -> bytes:
    """The bytes of a file to import (at most MAX_BYTES; never a device or a directory)."""
    try:
        return readfile.read_bytes(path, MAX_BYTES, pipes=pipes)
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _filing(
    path: Path, data: bytes, watchlist: Watchlist, known: Known
) -> tuple[str, csvimport.ReadResult, str | None]:
    """An XBRL filing's rows; the metrics of the watchlist's mapped segments count as known."""
    read = filing.read_file(path, data, watchlist.companies)
    segments = filing.segment_metrics(watchlist.companies.values())
    result = _checked(read.rows, replace(known, metrics=known.metrics | segments), 0)
    result.warnings.update(read.notes)
    return read.kind, result, read.company


def import_filing_rows(
    rows: list[dict[str, object]],
    target: Path,
    watchlist: Watchlist,
    *,
    name: str,
    company: str,
    metrics: Iterable[str] = (),
) -> ImportReport:
    """Store rows read from fetched filings; a row that fails the entry checks is skipped and
    named (a fetch keeps what it can)."""
    segments = filing.segment_metrics(watchlist.companies.values())
    known = Known(watchlist.companies, frozenset(metrics) | segments)
    result = _checked(rows, known, 0)
    added = store.add(target, store.to_frame(result.rows)) if result.rows else 0
    warnings = tuple(result.warning_lines())
    kind = "SEC EDGAR filings' XBRL"
    return ImportReport(
        Path(name), kind, len(result.rows), added, company, tuple(result.problems), warnings
    )


def _checked(rows: list[dict[str, object]], known: Known, unreadable: int) -> csvimport.ReadResult:
    """Rows made from a filing, through the same checks as a typed-in row."""
    result = csvimport.ReadResult(unreadable=unreadable)
    for row in rows:
        bad = meaning(row, known)
        if bad:
            result.bad_rows += 1
            result.problems.extend(
                f"{row['metric']} {row['period']}: column {c}: {m}" for c, m in bad
            )
        else:
            result.keep(dict(row), known.companies)
    return result


def import_file(
    path: Path,
    target: Path,
    watchlist: Watchlist,
    *,
    source: str | None = None,
    skip_bad_rows: bool = False,
    metrics: Iterable[str] = (),
    allow_new_metric: bool = False,
    data: bytes | None = None,
    pipes: bool = False,
    skip_hint: str = "use --skip-bad-rows",
    source_hint: str = "--source TEXT",
) -> ImportReport:
    """Check `path` (or `data`, its bytes already read) and store its rows in `target`.
    `skip_hint` and `source_hint` name the caller's way to keep the good rows and to give a
    source (the command's options; the app form's checkbox and field)."""
    kind, result, company = read_any(
        path,
        watchlist,
        source,
        metrics=metrics,
        allow_new_metric=allow_new_metric,
        data=data,
        pipes=pipes,
    )
    if result.problems and not skip_bad_rows:
        good = len(result.rows)
        unsourced = any("column source: is empty" in p for p in result.problems)
        hint = f"\n{path}: {source_hint} gives rows without a source one" if unsourced else ""
        raise DataError(
            csvimport.text_of(result.problems)
            + hint
            + f"\n{path}: {result.bad_rows} bad row{'s' if result.bad_rows != 1 else ''}; "
            f"nothing imported (fix {'them' if result.bad_rows != 1 else 'it'}"
            + (f", or {skip_hint} to import the other {counted(good, 'row')})" if good else ")")
        )
    added = store.add(target, store.to_frame(result.rows)) if result.rows else 0
    return ImportReport(
        path,
        kind,
        len(result.rows),
        added,
        company,
        tuple(result.problems),
        tuple(result.warning_lines()),
        result.unreadable,
    )
