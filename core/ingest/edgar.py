"""Map an SEC EDGAR XBRL `companyfacts` response to observations.

Revenue, operating income, operating cash flow and capex, from `us-gaap` or `ifrs-full`, in every
currency unit. The period of a fact comes from its `start` and `end` only (`fy`, `fp` and `frame`
describe the filing, and are sometimes wrong):
- about three months (84–98 days) is a quarter;
- a quarter reported only year-to-date is the difference of two year-to-date facts with the same
  start, so the fourth quarter is the fiscal year minus the nine months;
- about twelve months is a fiscal year only when an annual report (10-K, 20-F, 40-F) reported it
  and it ends in the fiscal-year-end month; a trailing twelve months in a 10-Q is never a year.
For one period the most recently filed fact across the candidate tags wins (companies switch tags);
it is dated by the first filing that reported that value. Labels follow the watchlist company's
fiscal calendar; the source reads `SEC EDGAR <form> <accn> filed <date>`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from capexwatch.core.base.text import clean

TAGS: dict[str, dict[str, tuple[str, ...]]] = {
    "revenue": {
        "us-gaap": ("Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax"),
        "ifrs-full": ("Revenue",),
    },
    "operating_income": {
        "us-gaap": ("OperatingIncomeLoss",),
        "ifrs-full": ("ProfitLossFromOperatingActivities",),
    },
    "operating_cash_flow": {
        "us-gaap": ("NetCashProvidedByUsedInOperatingActivities",),
        "ifrs-full": ("CashFlowsFromUsedInOperatingActivities", "CashFlowsFromUsedInOperations"),
    },
    "capex": {
        "us-gaap": (
            "PaymentsToAcquirePropertyPlantAndEquipment",
            "PaymentsToAcquireProductiveAssets",
        ),
        "ifrs-full": ("PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities",),
    },
}
ANNUAL_FORMS = ("10-K", "10-KT", "20-F", "40-F")
QUARTER_DAYS = range(84, 99)
YEAR_DAYS = range(357, 374)
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Fact:
    """One duration fact: a value for start..end, and the filing it came from."""

    metric: str
    tag: str
    unit: str
    start: dt.date
    end: dt.date
    value: float
    accn: str
    form: str
    filed: dt.date
    rank: int  # position of the tag among the candidates: breaks ties between equal filings

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def source(self) -> str:
        return f"SEC EDGAR {self.form} {self.accn} filed {self.filed.isoformat()}"

    @property
    def annual(self) -> bool:
        return self.form.split("/")[0] in ANNUAL_FORMS


@dataclass(frozen=True)
class CompanyFacts:
    """The observations found in one companyfacts document, for one watchlist company."""

    company: str
    rows: list[dict[str, Any]]
    unreadable: int = 0  # facts of the candidate tags that could not be read


def is_companyfacts(document: object) -> bool:
    """True for the shape `{cik, entityName, facts: {taxonomy: {...}}}`."""
    return (
        isinstance(document, dict) and "cik" in document and isinstance(document.get("facts"), dict)
    )


def _date(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def facts_of(document: Mapping[str, Any]) -> list[Fact]:
    """Every duration fact of the candidate tags, in currency units."""
    out: list[Fact] = []
    for metric, taxonomies in TAGS.items():
        for taxonomy, tags in taxonomies.items():
            concepts = _table(document["facts"], taxonomy)
            for rank, tag in enumerate(tags):
                units = _table(_table(concepts, tag), "units")
                for unit, entries in units.items():
                    if not _CURRENCY.match(str(unit)) or not isinstance(entries, list):
                        continue
                    out.extend(_facts(metric, f"{taxonomy}:{tag}", unit, rank, entries))
    return out


def _table(parent: object, key: str) -> dict[str, Any]:
    # A damaged or unexpected document yields no facts rather than a crash.
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, dict) else {}


def _facts(metric: str, tag: str, unit: str, rank: int, entries: list[Any]) -> list[Fact]:
    out = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        start, end, filed = (_date(entry.get(k)) for k in ("start", "end", "filed"))
        value = entry.get("val")
        if start is None or end is None or filed is None or end < start:
            continue  # instants (balances) and malformed entries
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if not math.isfinite(value) or abs(value) > 1e18:
            continue
        accn, form = str(entry.get("accn", "")), str(entry.get("form", ""))
        out.append(
            Fact(metric, tag, unit, start, end, float(value), clean(accn), clean(form), filed, rank)
        )
    return out


def best_per_period(facts: list[Fact]) -> dict[tuple[str, str, dt.date, dt.date], Fact]:
    """One fact per metric, unit and period: the newest value, dated by its first filing."""
    grouped: dict[tuple[str, str, dt.date, dt.date], list[Fact]] = {}
    for fact in facts:
        grouped.setdefault((fact.metric, fact.unit, fact.start, fact.end), []).append(fact)
    best = {}
    for key, group in grouped.items():
        newest = max(group, key=lambda f: (f.filed, -f.rank))
        same = [f for f in group if f.tag == newest.tag and f.value == newest.value]
        best[key] = min(same, key=lambda f: (f.filed, f.accn))
    return best
