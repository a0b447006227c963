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

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.safewrite import current_bytes, write_atomic

REPORT_FORMS = ("10-K", "10-Q", "20-F", "40-F")  # periodic reports with financial statements
RESULTS_FORMS = ("6-K", "8-K")  # a foreign issuer's or current report: often the results


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


def _from_json(item: object, path: Path) -> FiledReport:
    if not isinstance(item, dict):
        raise DataError(f"{path}: a filing entry is not an object")
    try:
        period = str(item.get("period") or "")
        return FiledReport(
            str(item["company"]),
            str(item["form"]),
            dt.date.fromisoformat(str(item["filed"])),
            dt.date.fromisoformat(period) if period else None,
            str(item["accession"]),
            str(item.get("link") or ""),
            dt.datetime.fromisoformat(str(item["seen"])),
        )
    except (KeyError, ValueError) as exc:
        raise DataError(f"{path}: a filing entry is damaged ({exc})") from None


def load(path: Path | None) -> list[FiledReport]:
    """Every recorded filing, newest filed first; none when there is no record yet."""
    if path is None or not path.exists():
        return []
    try:
        items = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot read the filings record ({exc})") from None
    if not isinstance(items, list):
        raise DataError(f"{path}: the filings record is not a list")
    found = [_from_json(item, path) for item in items]
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
