"""`fetch edgar`'s filings: a company's filing list, each new filing recorded, and the primary
documents of its periodic reports read for their headline and segment figures.

The list is the SEC's submissions JSON (`filings.recent`: parallel arrays of form, filing date,
report date, accession and primary document). Every filing in it is recorded (any form: a 6-K or
8-K is news too). The primary documents of the last `last` 10-K, 10-Q, 20-F and 40-F filings (or
those filed since `since`) are downloaded once into the cache (a filed document never changes)
and read together, so a fourth quarter derives from the year and the nine months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capexwatch.core.base import clock, jsontext
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.text import clean
from capexwatch.core.figures import filings as record
from capexwatch.core.figures.filings import FiledReport
from capexwatch.core.figures.observations import FIRST_YEAR, LAST_YEAR
from capexwatch.core.ingest import filing, sec_http
from capexwatch.core.ingest.fetch import Hosts
from capexwatch.core.watchlist.model import Company

DEFAULT_LAST = 8


@dataclass(frozen=True)
class Listed:
    """One entry of the SEC's filing list."""

    form: str
    filed: dt.date
    period: dt.date | None
    accession: str
    primary: str  # the primary document's file name


@dataclass(frozen=True)
class CompanyFetch:
    """What one company's fetch found: new filings, figures read, and what to tell the user."""

    new: list[FiledReport]
    rows: list[dict[str, Any]]
    notes: list[str]


def _date(text: object) -> dt.date | None:
    try:
        found = dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None  # 9999-12-31 is a typo


def listed(document: Mapping[str, Any]) -> list[Listed]:
    """The filings of a submissions document (damaged entries left out), newest first."""
    found = document.get("filings")
    recent = found.get("recent") if isinstance(found, dict) else None
    if not isinstance(recent, dict):
        return []
    columns = ("form", "filingDate", "reportDate", "accessionNumber", "primaryDocument")
    arrays: list[list[Any]] = []
    for column in columns:
        values = recent.get(column)
        arrays.append(values if isinstance(values, list) else [])
    out = []
    for form, filed, period, accession, primary in zip(*arrays, strict=False):
        when = _date(filed)
        if when is None or not isinstance(accession, str) or not isinstance(form, str):
            continue
        name = clean(str(primary or "")).strip()
        out.append(Listed(clean(form).strip(), when, _date(period), clean(accession), name))
    return sorted(out, key=lambda f: (f.filed, f.accession), reverse=True)


def _check_submissions(url: str, cik: int) -> Callable[[bytes], None]:
    def check(body: bytes) -> None:
        document = jsontext.loads(body, url, "the answer is not JSON", "; nothing was changed")
        if not isinstance(document, dict) or not isinstance(document.get("filings"), dict):
            raise DataError(f"{url}: the answer is not a submissions list; nothing was changed")
        if str(document.get("cik", "")).strip().lstrip("0") != str(cik):
            raise DataError(f"{url}: the answer is for another CIK; nothing was changed")

    return check


def chosen(entries: list[Listed], last: int, since: dt.date | None) -> list[Listed]:
    """The periodic reports to read: filed since `since`, else the newest `last`."""
    periodic = [e for e in entries if e.form in record.REPORT_FORMS and e.primary]
    if since is not None:
        return [e for e in periodic if e.filed >= since]
    return periodic[:last]


def fetch_company(
    company: Company,
    agent: str,
    hosts: Hosts,
    cache_dir: Path,
    filings_path: Path,
    *,
    last: int = DEFAULT_LAST,
    since: dt.date | None = None,
    progress: Callable[[str], None] = lambda _line: None,
    now: Callable[[], dt.datetime] = clock.now,
) -> CompanyFetch:
    """List, record and read one company's filings (see module doc)."""
    assert company.cik is not None
    cik = company.cik
    url = hosts.submissions(cik)
    target = cache_dir / "edgar" / "submissions" / f"CIK{cik:010d}.json"
    got = sec_http.fetch_cached(url, agent, target, _check_submissions(url, cik))
    notes = [f"{company.id}: offline, using the filing list cached {_mtime(target)}"] * (
        got.how == "offline"
    )
    # The cached copy (offline) may be another program's: named, never a traceback.
    document = jsontext.loads(
        target.read_bytes(), str(target), "the cached filing list is not JSON",
        "; delete it and fetch again",
    )  # fmt: skip
    entries = listed(document if isinstance(document, dict) else {})
    seen = now().replace(microsecond=0)
    reports = [
        FiledReport(
            company.id, e.form, e.filed, e.period, e.accession,
            hosts.document(cik, e.accession, e.primary) if e.primary else "", seen,
        )
        for e in entries
    ]  # fmt: skip
    new = record.record(filings_path, reports)
    progress(
        f"{company.id}: {len(entries)} filings listed ({got.how}), {len(new)} new since the "
        "last fetch"
    )
    read: list[filing.Filing] = []
    for entry in chosen(entries, last, since):
        document = _document(company, entry, agent, hosts, cache_dir, progress, notes)
        if document is None:
            continue
        origin = filing.Origin(entry.primary, entry.accession, entry.form, entry.filed)
        try:
            read.append(filing.read(document.read_bytes(), origin, {company.id: company}))
        except DataError as error:
            notes.append(f"{company.id} {entry.form} {entry.accession}: {error}")
    for one in read:
        notes.extend(one.notes)
    return CompanyFetch(new, filing.to_rows(read), notes)


def _document(
    company: Company,
    entry: Listed,
    agent: str,
    hosts: Hosts,
    cache_dir: Path,
    progress: Callable[[str], None],
    notes: list[str],
) -> Path | None:
    assert company.cik is not None
    folder = cache_dir / "edgar" / "documents" / f"CIK{company.cik:010d}"
    target = folder / f"{entry.accession}_{Path(entry.primary).name}"
    what = f"{company.id} {entry.form} {entry.accession} filed {entry.filed}"
    if target.exists():
        progress(f"{what}: cached")
        return target
    try:
        sec_http.fetch_cached(hosts.document(company.cik, entry.accession, entry.primary), agent,
                              target)  # fmt: skip
    except DataError as error:
        notes.append(f"{what}: {error}")
        return None
    progress(f"{what}: downloaded {entry.primary} ({target.stat().st_size:,} bytes)")
    return target


def _mtime(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
