"""The filings record: every filing `fetch edgar` has seen for a watched company, any form.

Kept in the user data directory as JSON (`Locations.filings`), written atomically. A filing is
known by its accession number; `seen` is when capexwatch first saw it, so the review can list
the filings that arrived since the last review, and the calendar can read the cadence of past
reports. Nothing here downloads: `ingest.filing_fetch` records what the SEC's list says.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from capexwatch.core.base import jsontext, readfile
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.safewrite import current_bytes, write_atomic
from capexwatch.core.figures.observations import FIRST_YEAR, LAST_YEAR

REPORT_FORMS = ("10-K", "10-Q", "20-F", "40-F")  # periodic reports with financial statements
RESULTS_FORMS = ("6-K", "8-K")  # a foreign issuer's or current report: often the results
MAX_BYTES = 256 * 2**20  # a filing's entry is ~300 bytes: a lifetime of fetches is a few MB


@dataclass(frozen=True)
class FiledReport:
    """One filing as the SEC lists it."""

    company: str
    form: str
    filed: dt.date
    period: dt.date | None  # the report date (period end) where the SEC gives one
    accession: str
    link: str  # the primary document's address
    seen: dt.datetime  # when capexwatch first saw it

    @property
    def periodic(self) -> bool:
        """A 10-K, 10-Q, 20-F or 40-F (or an amendment of one)."""
        return self.form.split("/")[0] in REPORT_FORMS

    def to_json(self) -> dict[str, str]:
        out = asdict(self)
        out["filed"] = self.filed.isoformat()
        out["period"] = self.period.isoformat() if self.period else ""
        out["seen"] = self.seen.isoformat()
        return out


def _day(text: str) -> dt.date:
    found = dt.date.fromisoformat(text)
    if not FIRST_YEAR <= found.year <= LAST_YEAR:  # 9999-12-31: a cadence would run past it
        raise ValueError(f"{text!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}")
    return found


def _from_json(item: object, path: Path, number: int) -> FiledReport:
    where = f"{path}: filing entry {number}"
    if not isinstance(item, dict):
        raise DataError(f"{where} is not an object; restore the file or move it away")
    for key, value in item.items():
        if not isinstance(value, str | None):  # another program's: a list is no form
            raise DataError(
                f"{where}: {str(key)[:40]!r} is {type(value).__name__}, expected text; "
                "restore the file or move it away"
            )
    try:
        period = str(item.get("period") or "")
        seen = dt.datetime.fromisoformat(str(item["seen"]))
        _day(seen.date().isoformat())
        found = FiledReport(
            str(item["company"]),
            str(item["form"]),
            _day(str(item["filed"])),
            _day(period) if period else None,
            str(item["accession"]),
            str(item.get("link") or ""),
            seen if seen.tzinfo else seen.replace(tzinfo=dt.UTC),  # compared with aware times
        )
    except (KeyError, ValueError, OverflowError) as exc:
        problem = f"no {exc}" if isinstance(exc, KeyError) else str(exc)
        raise DataError(
            f"{where} is damaged ({problem}); restore the file or move it away"
        ) from None
    return found


def load(path: Path | None) -> list[FiledReport]:
    """Every recorded filing, newest filed first; none when there is no record yet."""
    if path is None or not path.exists():
        return []
    try:
        data = readfile.read_bytes(path, MAX_BYTES)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the filings record ({exc.strerror or exc})") from None
    items = jsontext.loads(data, str(path), "cannot read the filings record")
    if not isinstance(items, list):
        raise DataError(
            f"{path}: the filings record is not a list; restore the file or move it away"
        )
    found = [_from_json(item, path, number) for number, item in enumerate(items, start=1)]
    return sorted(found, key=lambda f: (f.filed, f.accession), reverse=True)


def record(path: Path, seen: Iterable[FiledReport]) -> list[FiledReport]:
    """Add the filings not recorded yet (by accession); returns the new ones."""
    before = current_bytes(path)
    known = load(path)
    accessions = {(f.company, f.accession) for f in known}
    new = [f for f in seen if (f.company, f.accession) not in accessions]
    unique = list({(f.company, f.accession): f for f in new}.values())
    if unique:
        items = [f.to_json() for f in sorted(known + unique, key=lambda f: (f.filed, f.accession))]
        write_atomic(path, json.dumps(items, indent=1).encode(), expected=before)
    return unique


def of_company(filings: Iterable[FiledReport], company: str) -> list[FiledReport]:
    """`company`'s filings (case-insensitive id), in the order given."""
    return [f for f in filings if f.company.upper() == company.upper()]
