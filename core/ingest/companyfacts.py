"""Turn companyfacts facts into discrete quarters and fiscal years for a watchlist company.

See `core.ingest.edgar` for the rules; this module applies them: classify each period by its length,
derive quarters that exist only year-to-date (from one tag), check each year's quarters against
the year (`ingest.fiscal_years`), and label everything by the fiscal calendar.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.text import clean
from capexwatch.core.figures import periods
from capexwatch.core.ingest import edgar, fiscal_years
from capexwatch.core.ingest.edgar import QUARTER_DAYS, YEAR_DAYS, CompanyFacts, Fact
from capexwatch.core.watchlist.model import Company


def _cik(document: Mapping[str, Any], path: Path) -> int:
    try:
        cik = int(str(document["cik"]).strip())
    except ValueError:
        raise DataError(f"{path}: cik {document['cik']!r} is not a number") from None
    if cik <= 0:
        raise DataError(f"{path}: cik {cik} is not a valid Central Index Key")
    return cik


def _year_end_months(annual: set[tuple[dt.date, dt.date]]) -> Counter[int]:
    return Counter(periods.nominal_month(end)[1] for _start, end in annual)


def _not_in_watchlist(
    document: Mapping[str, Any], cik: int, facts: list[Fact], path: Path
) -> DataError:
    name = clean(str(document.get("entityName") or "")).replace('"', "'")
    stem = path.stem.split("_")
    # A saved file is often named CIK##########_TICKER_…; otherwise the name's first word.
    words = re.findall(r"[A-Za-z0-9]+", name)
    guess = stem[1] if len(stem) > 2 and stem[0].upper().startswith("CIK") else ""
    if not re.fullmatch(r"[A-Za-z0-9.]{1,10}", guess):
        guess = words[0][:10].upper() if words else "ID"
    months = _year_end_months(annual_periods(facts))
    month = months.most_common(1)[0][0] if months else 12
    currencies = Counter(f.unit for f in facts)
    currency = currencies.most_common(1)[0][0] if currencies else "USD"
    return DataError(
        f"{path}: CIK {cik} ({name}) is not a company in the watchlist; add it to "
        f"watchlist.toml (choose the id) and import again:\n\n"
        f'[company.{clean(guess)}]\nname = "{name}"\ncurrency = "{currency}"\n'
        f"fiscal_year_end_month = {month}\ncik = {cik}"
    )


def _row(
    company: str,
    label: str,
    freq: str,
    fact: Fact,
    start: dt.date,
    value: float,
    published: dt.date,
    source: str,
    note: str,
) -> dict[str, Any]:
    return {
        "company": company,
        "metric": fact.metric,
        "period": label,
        "freq": freq,
        "period_start": start,
        "period_end": fact.end,
        "value": value,
        "unit": fact.unit,
        "kind": "actual",
        "published": published,
        "source": source,
        "note": note,
    }


def _aligned(end: dt.date, fye_month: int) -> bool:
    return (periods.nominal_month(end)[1] - fye_month) % 3 == 0


def annual_periods(facts: list[Fact]) -> set[tuple[dt.date, dt.date]]:
    """(start, end) of every twelve-month period an annual report (10-K, 20-F, 40-F) covered.

    Later filings repeat a year as a comparative, sometimes in a 10-Q: the period is a fiscal
    year because an annual report reported it, whichever filing's figure is the newest.
    """
    return {(f.start, f.end) for f in facts if f.annual and f.days in YEAR_DAYS}


def _reported(
    chosen: Mapping[edgar.PeriodKey, list[Fact]],
    company: Company,
    annual: set[tuple[dt.date, dt.date]],
) -> list[dict[str, Any]]:
    """Rows for the quarters and fiscal years a filing gave as such."""
    fye = company.fiscal_year_end_month
    rows = []
    for kept in chosen.values():
        for fact in kept:
            # Two tags of one filing that disagree: each side names its tag (a conflict).
            source = fact.source_with_tag if len(kept) > 1 else fact.source
            if fact.days in QUARTER_DAYS and _aligned(fact.end, fye):
                label, freq = periods.quarter_label(fact.end, fye), "Q"
            elif (fact.start, fact.end) in annual and periods.nominal_month(fact.end)[1] == fye:
                label, freq = periods.year_label(fact.end, fye), "FY"
            else:
                continue
            rows.append(
                _row(
                    company.id,
                    label,
                    freq,
                    fact,
                    fact.start,
                    fact.value,
                    fact.filed,
                    source,
                    fact.tag,
                )
            )
    return rows


def _derived(
    per_tag: Mapping[Any, edgar.Tagged],
    company: Company,
    annual: set[tuple[dt.date, dt.date]],
) -> dict[tuple[str, str, dt.date], dict[str, Any]]:
    """Quarters as the difference of two year-to-date figures of ONE tag (a gross year minus a
    net nine months is no quarter), by metric, unit and end; the newest filed across tags."""
    fye = company.fiscal_year_end_month
    by_start: dict[tuple[str, str, str, dt.date], list[Fact]] = {}
    for tagged in per_tag.values():
        fact = tagged.fact
        if fact.days <= YEAR_DAYS.stop:
            by_start.setdefault((fact.metric, fact.tag, fact.unit, fact.start), []).append(fact)
    found: dict[tuple[str, str, dt.date], dict[str, Any]] = {}
    for group in by_start.values():
        group.sort(key=lambda f: f.end)
        for shorter, longer in itertools.pairwise(group):
            if (longer.end - shorter.end).days not in QUARTER_DAYS:
                continue
            if not _aligned(longer.end, fye):
                continue
            label = periods.quarter_label(longer.end, fye)
            what = "fiscal year" if (longer.start, longer.end) in annual else "year to date"
            note = (
                f"{longer.tag}; {label} derived: {what} {longer.start}..{longer.end} "
                f"({longer.form} {longer.accn}) minus {shorter.start}..{shorter.end} "
                f"({shorter.form} {shorter.accn})"
            )
            # Known only once both figures are: the later filing is the source.
            later = max(longer, shorter, key=lambda f: f.filed)
            row = _row(
                company.id,
                label,
                "Q",
                longer,
                shorter.end + dt.timedelta(days=1),
                longer.value - shorter.value,
                later.filed,
                later.source,
                note,
            )
            key = (longer.metric, longer.unit, longer.end)
            if key not in found or (later.filed, -longer.rank) > _rank_of(found[key]):
                row["_rank"] = longer.rank
                found[key] = row
    return found


def _rank_of(row: Mapping[str, Any]) -> tuple[dt.date, int]:
    return (row["published"], -row["_rank"])


def to_rows(
    per_tag: Mapping[Any, edgar.Tagged],
    company: Company,
    annual: set[tuple[dt.date, dt.date]],
) -> list[dict[str, Any]]:
    """Quarters (reported, or derived from year-to-date figures) and fiscal years, each year's
    quarters checked against the year (`ingest.fiscal_years`)."""
    rows = _reported(edgar.choose(per_tag), company, annual)
    derived = _derived(per_tag, company, annual)
    reported = {(r["metric"], r["unit"], r["period_end"]) for r in rows if r["freq"] == "Q"}
    for key, row in derived.items():
        row.pop("_rank")
        if key not in reported:
            rows.append(row)
    rows = fiscal_years.checked(rows, derived)
    rows = one_currency_per_period(rows, company.currency)
    # A stable sort: a correction stays after the figure it corrects (the later row wins a tie).
    rows.sort(key=lambda r: (r["metric"], r["unit"], r["freq"], r["period_end"]))
    return rows


def one_currency_per_period(rows: list[dict[str, Any]], currency: str) -> list[dict[str, Any]]:
    """Where a period has figures in several currencies, only those in the reporting currency.

    Filers sometimes tag a convenience translation too (US$ beside RMB); two units for one period
    would read as a conflict. The reporting currency is the watchlist's, else the most used.
    A figure that exists only in another currency is kept.
    """
    used = Counter(r["unit"] for r in rows)
    primary = currency if currency in used else (used.most_common(1)[0][0] if used else currency)
    key = ("metric", "freq", "period_end")
    covered = {tuple(r[k] for k in key) for r in rows if r["unit"] == primary}
    return [r for r in rows if r["unit"] == primary or tuple(r[k] for k in key) not in covered]


def read_companyfacts(
    document: Mapping[str, Any], companies: Mapping[str, Company], path: Path
) -> CompanyFacts:
    """The observations in `document` for the watchlist company with its CIK."""
    cik = _cik(document, path)
    facts, unreadable = edgar.read_facts(document)
    per_tag = edgar.newest_per_tag(facts)
    annual = annual_periods(facts)
    company = next((c for c in companies.values() if c.cik == cik), None)
    if company is None:
        raise _not_in_watchlist(document, cik, [t.fact for t in per_tag.values()], path)
    months = _year_end_months(annual)
    if months and company.fiscal_year_end_month not in months:
        month = months.most_common(1)[0][0]
        raise DataError(
            f"{path}: {company.id}'s annual reports end in month {month}, but the watchlist says "
            f"fiscal_year_end_month = {company.fiscal_year_end_month}; set "
            f"fiscal_year_end_month = {month} in [company.{company.id}] and import again"
        )
    rows = to_rows(per_tag, company, annual)
    if not rows:
        raise DataError(
            f"{path}: no revenue, operating income, operating cash flow or capex facts found "
            "(looked for the us-gaap and ifrs-full tags listed in the README)"
        )
    return CompanyFacts(company.id, rows, len(unreadable), next(iter(unreadable), ""))
