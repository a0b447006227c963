"""Read a user's CSV or Parquet file of observations, checking every row before anything is kept.

The CSV is read as text (never type-guessed): each cell goes through `ingest.rows.check_row`, and
every bad row is reported as `PATH:LINE:COL: column NAME: message`, COL being the character
column where the cell starts. UTF-8 with or without a byte-order mark is read; any other encoding
is named in the error. Parquet files are checked the same way, rows numbered from 1.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capexwatch.core.base import readfile
from capexwatch.core.base.encoding import decode
from capexwatch.core.base.errors import DataError, Problem
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.base.text import suggest
from capexwatch.core.figures.observations import COLUMNS
from capexwatch.core.ingest.checks import Known, currency_warning
from capexwatch.core.ingest.rows import REQUIRED, as_known, check_row
from capexwatch.core.watchlist.model import Company

MAX_PROBLEMS_SHOWN = 200
# Stated limits instead of a MemoryError: every row becomes a checked Python record.
MAX_FILE_BYTES = 512 * readfile.MiB
MAX_PARQUET_ROWS = 5_000_000


@dataclass
class ReadResult:
    """The rows that passed and every problem found (bad rows are left out of `rows`).

    `warnings` counts rows that are kept but worth a word (an amount in another currency than
    the company's), by message.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    bad_rows: int = 0
    warnings: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0  # facts of a filing that could not be read (a companyfacts file)

    def keep(self, row: dict[str, Any], companies: Mapping[str, Company]) -> None:
        """Add a row that passed its checks, noting its warning if it has one."""
        self.rows.append(row)
        warning = currency_warning(row, companies)
        if warning is not None:
            self.warnings[warning] += 1

    def warning_lines(self) -> list[str]:
        """Each warning once, with how many rows it concerns."""
        return [
            f"{message}" + (f" ({count} rows like it)" if count > 1 else "")
            for message, count in self.warnings.items()
        ]


def _field_starts(raw: str) -> list[tuple[int, int]]:
    """(line offset, 1-based column) where each field of one raw CSV record starts."""
    starts = [(0, 1)]
    quoted = False
    line, col = 0, 1
    for ch in raw:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append((line, col + 1))
        if ch == "\n":
            line, col = line + 1, 1
        else:
            col += 1
    return starts


def _records(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """(first line number, raw text, fields) for each CSV record, blank lines skipped."""
    lines = text.splitlines(keepends=True)
    feed: list[str] = []
    reader = csv.reader(_Feed(lines, feed), strict=True)
    line_no = 1
    while True:
        feed.clear()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            hint = "; a quote that is never closed?" if "end of data" in str(exc) else ""
            raise DataError(f"{line_no}:1: not valid CSV ({exc}{hint})") from None
        raw = "".join(feed)
        if fields:
            yield line_no, raw, fields
        line_no += len(feed)


class _Feed:
    """Hands lines to csv.reader and remembers which ones made up the current record."""

    def __init__(self, lines: list[str], taken: list[str]) -> None:
        self.lines = iter(lines)
        self.taken = taken

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line


def _header(path: Path, fields: list[str]) -> list[str]:
    names = [f.strip().lstrip("\ufeff") for f in fields]
    problems = []
    starts = _field_starts(",".join(fields))
    for index, name in enumerate(names):
        if name not in COLUMNS:
            col = starts[index][1] if index < len(starts) else 1
            problems.append(
                Problem(str(path), 1, col, f"unknown column {name!r}{suggest(name, COLUMNS)}")
            )
    for name in REQUIRED:
        if name not in names:
            problems.append(Problem(str(path), 1, 1, f"the header has no column {name!r}"))
    if len(set(names)) != len(names):
        problems.append(Problem(str(path), 1, 1, "a column name appears twice in the header"))
    if problems:
        raise DataError("\n".join(str(p) for p in problems))
    return names


def read_csv(
    path: Path,
    known: Known | Mapping[str, Company],
    default_source: str | None,
    data: bytes | None = None,
) -> ReadResult:
    """Every row of the CSV file at `path` (its bytes `data`, when already read), checked."""
    known = as_known(known)
    if data is None:
        try:
            data = readfile.read_bytes(path, MAX_FILE_BYTES)
        except OSError as exc:
            raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text = decode(path, data)
    result = ReadResult()
    records = _records(text)
    try:
        first = next(records, None)
        if first is None:
            raise DataError(f"{path}:1:1: the file is empty (a header line is needed)")
        names = _header(path, first[2])
        for line, raw, fields in records:
            starts = _field_starts(raw)
            if len(fields) != len(names):
                result.bad_rows += 1
                if len(fields) < len(names):
                    missing = ", ".join(names[len(fields) :])
                    message = (
                        f"{len(fields)} fields where the header has {len(names)} (no {missing})"
                    )
                    where = (0, len(raw.rstrip("\r\n")) + 1)
                else:
                    message = f"{len(fields)} fields where the header has {len(names)}"
                    where = starts[len(names)] if len(starts) > len(names) else (0, 1)
                result.problems.append(str(Problem(str(path), line + where[0], where[1], message)))
                continue
            row, bad = check_row(dict(zip(names, fields, strict=True)), known, default_source)
            if row is not None:
                result.keep(row, known.companies)
                continue
            result.bad_rows += 1
            for column, message in bad:
                index = names.index(column) if column in names else 0
                offset, col = starts[index] if index < len(starts) else (0, 1)
                result.problems.append(
                    str(Problem(str(path), line + offset, col, f"column {column}: {message}"))
                )
    except DataError as exc:
        if str(exc)[:1].isdigit():  # from _records, which does not know the path
            raise DataError(f"{path}:{exc}") from None
        raise
    return result


def read_parquet(
    path: Path,
    known: Known | Mapping[str, Company],
    default_source: str | None,
    data: bytes | None = None,
) -> ReadResult:
    """Every row of a Parquet file in the observation schema (its bytes `data`, when already
    read), checked like CSV rows; more than MAX_PARQUET_ROWS rows are refused before reading."""
    known = as_known(known)
    try:
        if data is None:
            data = readfile.read_bytes(path, MAX_FILE_BYTES)
        rows = pl.scan_parquet(io.BytesIO(data)).select(pl.len()).collect().item()
        if rows > MAX_PARQUET_ROWS:
            raise DataError(
                f"{path}: {rows:,} rows; an import takes at most {MAX_PARQUET_ROWS:,} "
                "(split the file)"
            )
        frame = pl.read_parquet(io.BytesIO(data))
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"{path}: not a readable Parquet file ({exc})") from None
    _header(path, frame.columns)
    frame = _as_texts(path, frame)
    result = ReadResult()
    for number, record in enumerate(frame.iter_rows(named=True), start=1):
        texts = {k: _as_text(v) for k, v in record.items()}
        row, bad = check_row(texts, known, default_source)
        if row is not None:
            result.keep(row, known.companies)
            continue
        result.bad_rows += 1
        result.problems.extend(f"{path}: row {number}, column {c}: {m}" for c, m in bad)
    return result


def _as_texts(path: Path, frame: pl.DataFrame) -> pl.DataFrame:
    """Dates and times as text, written by polars: a date past 9999 (which Arrow holds and
    Python's dates cannot) becomes text its cell check names, not an error halfway through the
    rows. A column of lists or structs holds no single value per row: it is named."""
    for name, dtype in frame.schema.items():
        if dtype.is_nested() or dtype == pl.Object:
            raise DataError(f"{path}: column {name} holds {dtype}, not one value per row")
    texts = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if isinstance(dtype, pl.Datetime):  # pandas writes dates so: midnight is the date
            midnight = column.dt.time() == pl.time(0)
            texts.append(
                pl.when(midnight)
                .then(column.dt.date().cast(pl.String))
                .otherwise(column.cast(pl.String))
                .alias(name)
            )
        elif dtype.is_temporal():
            texts.append(column.cast(pl.String))
    return frame.with_columns(texts) if texts else frame


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def sniff_parquet(path: Path) -> bool:
    """True when the file starts with Parquet's magic bytes."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PAR1"
    except OSError:
        return False


def text_of(problems: list[str]) -> str:
    """The problems one per line, the list cut short past MAX_PROBLEMS_SHOWN."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        shown.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more problems")
    return "\n".join(shown)
