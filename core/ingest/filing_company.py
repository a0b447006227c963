"""Which watchlist company filed an XBRL document, from its cover page (the dei facts).

The CIK decides (`dei:EntityCentralIndexKey` against `cik = N`); a company without a `cik`
matches by its id against `dei:TradingSymbol`. An unknown filer is answered with the
`[company.ID]` table to add, as for companyfacts; a fiscal year that ends in another month than
the watchlist says is named too, since every period label depends on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.text import clean
from capexwatch.core.figures import periods
from capexwatch.core.watchlist.model import Company

if TYPE_CHECKING:
    from capexwatch.core.ingest.xbrl.document import Document

_YEAR_END = re.compile(r"^--(\d{2})-(\d{2})$")


def cik_of(doc: Document) -> int | None:
    """The filer's Central Index Key from the cover page, if it states one."""
    text = doc.dei.get("EntityCentralIndexKey", "").strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def year_end_month(doc: Document) -> int | None:
    """The fiscal-year-end month of `--MM-DD` (52/53-week years: the month it is named for)."""
    match = _YEAR_END.match(doc.dei.get("CurrentFiscalYearEndDate", "").strip())
    if not match:
        return None
    try:
        end = dt.date(2001, int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None
    return periods.nominal_month(end)[1]


def company_of(doc: Document, name: str, companies: Mapping[str, Company]) -> Company:
    """The watchlist company that filed `doc` (see module doc); DataError when none."""
    cik = cik_of(doc)
    symbol = clean(doc.dei.get("TradingSymbol", "")).strip().upper()
    company = next((c for c in companies.values() if cik and c.cik == cik), None)
    if company is None and symbol:
        company = next(
            (c for c in companies.values() if c.id.upper() == symbol and c.cik is None), None
        )
    if company is None:
        raise _not_in_watchlist(doc, name, cik, symbol)
    month = year_end_month(doc)
    if month is not None and month != company.fiscal_year_end_month:
        raise DataError(
            f"{name}: {company.id}'s fiscal year ends in month {month} (the filing's cover "
            f"says {doc.dei.get('CurrentFiscalYearEndDate')}), but the watchlist says "
            f"fiscal_year_end_month = {company.fiscal_year_end_month}; set "
            f"fiscal_year_end_month = {month} in [company.{company.id}] and import again"
        )
    return company


def _not_in_watchlist(doc: Document, name: str, cik: int | None, symbol: str) -> DataError:
    entity = clean(doc.dei.get("EntityRegistrantName", "")).replace('"', "'") or "the filer"
    ident = symbol if re.fullmatch(r"[A-Z0-9.]{1,10}", symbol) else "ID"
    units = Counter(f.unit for f in doc.facts if f.unit and re.fullmatch(r"[A-Z]{3}", f.unit))
    currency = units.most_common(1)[0][0] if units else "USD"
    lines = [
        f"[company.{ident}]",
        f'name = "{entity}"',
        f'currency = "{currency}"',
        f"fiscal_year_end_month = {year_end_month(doc) or 12}",
    ]
    if cik:
        lines.append(f"cik = {cik}")
    who = f"CIK {cik} ({entity})" if cik else entity
    return DataError(
        f"{name}: {who} is not a company in the watchlist; add it to watchlist.toml "
        "(choose the id) and import again:\n\n" + "\n".join(lines)
    )
