"""Map an SEC EDGAR XBRL `companyfacts` response to observations.

Revenue, operating income, operating cash flow and capex, from `us-gaap` or `ifrs-full`, in every
currency unit, under today's tags and the older or alternative ones (`SalesRevenueNet` before
2018, `…ContinuingOperations` cash flows). The period of a fact comes from its `start` and `end`
only (`fy`, `fp` and `frame` describe the filing, and are sometimes wrong):
- about three months (84–98 days) is a quarter;
- a quarter reported only year-to-date is the difference of two year-to-date facts with the same
  start, so the fourth quarter is the fiscal year minus the nine months;
- about twelve months is a fiscal year only when an annual report (10-K, 20-F, 40-F) reported it
  and it ends in the fiscal-year-end month; a trailing twelve months in a 10-Q is never a year.
For one period the most recently filed fact across the candidate tags wins (companies switch tags);
it is dated by the first filing that reported that value. When that filing gives the period under
two candidate tags with values that disagree (`Revenues` against
`RevenueFromContractWithCustomer…`), both are kept, each source naming its tag, so the figure
reads as a conflict instead of a silent pick. A quarter derived year-to-date uses one tag for
both figures, never a gross year minus a net nine months. Labels follow the watchlist company's
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
from capexwatch.core.figures.observations import FIRST_YEAR, LAST_YEAR

# Candidate tags per metric, today's first: each names the whole of the metric (never a part,
# such as goods revenue beside services revenue).
TAGS: dict[str, dict[str, tuple[str, ...]]] = {
    "revenue": {
        "us-gaap": (
            "Revenues",
            "RevenueFromContractWithCustomerExcludingAssessedTax",
            "RevenueFromContractWithCustomerIncludingAssessedTax",
            "SalesRevenueNet",
        ),
        "ifrs-full": ("Revenue",),
    },
    "operating_income": {
        "us-gaap": ("OperatingIncomeLoss",),
        "ifrs-full": ("ProfitLossFromOperatingActivities",),
    },
    "operating_cash_flow": {
        "us-gaap": (
            "NetCashProvidedByUsedInOperatingActivities",
            "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations",
        ),
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
# Values of two tags within this relative distance are the same figure (rounding).
SAME_VALUE = 0.005


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

    @property
    def filing(self) -> tuple[str, dt.date]:
        return (self.accn, self.filed)

    @property
    def source_with_tag(self) -> str:
        """The source, naming the tag: for one side of two tags that disagree."""
        return f"{self.source} ({self.tag})"


@dataclass(frozen=True)
class CompanyFacts:
    """The observations found in one companyfacts document, for one watchlist company."""

    company: str
    rows: list[dict[str, Any]]
    unreadable: int = 0  # facts of the candidate tags that could not be read
    first_unreadable: str = ""  # the first of them, named (tag, unit, fact, what is wrong)


def is_companyfacts(document: object) -> bool:
    """True for the shape `{cik, entityName, facts: {taxonomy: {...}}}`."""
    return (
        isinstance(document, dict) and "cik" in document and isinstance(document.get("facts"), dict)
    )


def _date(text: object) -> dt.date | None:
    # A year outside the ones compared is a typo (9999-12-31) whose period arithmetic would
    # run past the calendar's end: unreadable, as 2025-02-30 is.
    try:
        found = dt.date.fromisoformat(str(text))
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def facts_of(document: Mapping[str, Any]) -> list[Fact]:
    """Every duration fact of the candidate tags, in currency units."""
    return read_facts(document)[0]


def read_facts(document: Mapping[str, Any]) -> tuple[list[Fact], list[str]]:
    """Every duration fact of the candidate tags, in currency units, and each entry of those
    tags that could not be read, named (no valid dates, no finite number, not an entry)."""
    out: list[Fact] = []
    unreadable: list[str] = []
    for metric, taxonomies in TAGS.items():
        for taxonomy, tags in taxonomies.items():
            concepts = _table(document["facts"], taxonomy)
            for rank, tag in enumerate(tags):
                units = _table(_table(concepts, tag), "units")
                for unit, entries in units.items():
                    if not _CURRENCY.match(str(unit)):
                        continue
                    if not isinstance(entries, list):
                        unreadable.append(f"{taxonomy}:{tag} {unit}: not a list of facts")
                        continue
                    found, bad = _facts(metric, f"{taxonomy}:{tag}", unit, rank, entries)
                    out.extend(found)
                    unreadable.extend(bad)
    return out, unreadable


def _table(parent: object, key: str) -> dict[str, Any]:
    # A damaged or unexpected document yields no facts rather than a crash.
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, dict) else {}


def _shown(value: object) -> str:
    text = clean(repr(value))
    return text if len(text) <= 40 else text[:39] + "…"


def _facts(
    metric: str, tag: str, unit: str, rank: int, entries: list[Any]
) -> tuple[list[Fact], list[str]]:
    out = []
    bad: list[str] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{tag} {unit} fact {number}"
        if not isinstance(entry, dict):
            bad.append(f"{where}: not an object")
            continue
        where += f" ({_shown(entry.get('accn', ''))})" if "accn" in entry else ""
        start, end, filed = (_date(entry.get(k)) for k in ("start", "end", "filed"))
        if "start" not in entry and end is not None:
            continue  # an instant (a balance): not a figure of a period
        value = entry.get("val")
        dates = {"start": start, "end": end, "filed": filed}
        wrong = next((k for k, v in dates.items() if v is None), None)
        if wrong is not None:
            bad.append(
                f"{where}: {wrong} {_shown(entry.get(wrong))} is not a date "
                f"from {FIRST_YEAR} to {LAST_YEAR}"
            )
            continue
        assert start is not None and end is not None and filed is not None
        if end < start:
            bad.append(f"{where}: ends ({end}) before it starts ({start})")
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            bad.append(f"{where}: val {_shown(value)} is not a number")
            continue
        if not math.isfinite(value) or abs(value) > 1e18:
            bad.append(f"{where}: val {_shown(value)} is out of range")
            continue
        accn, form = str(entry.get("accn", "")), str(entry.get("form", ""))
        out.append(
            Fact(metric, tag, unit, start, end, float(value), clean(accn), clean(form), filed, rank)
        )
    return out, bad


def same_value(a: float, b: float) -> bool:
    """Two reported figures that are one figure, rounding aside."""
    return abs(a - b) <= max(abs(a), abs(b)) * SAME_VALUE


@dataclass(frozen=True)
class Tagged:
    """A tag's newest value for one period: the fact that first reported it, and every filing
    that reported it (later filings repeat earlier periods as comparatives)."""

    fact: Fact
    filings: frozenset[tuple[str, dt.date]]

    @property
    def last_filed(self) -> dt.date:
        return max(filed for _accn, filed in self.filings)


PeriodKey = tuple[str, str, dt.date, dt.date]  # metric, unit, start, end


def newest_per_tag(facts: list[Fact]) -> dict[tuple[str, str, str, dt.date, dt.date], Tagged]:
    """One value per metric, tag, unit and period: the newest, dated by its first filing."""
    grouped: dict[tuple[str, str, str, dt.date, dt.date], list[Fact]] = {}
    for fact in facts:
        key = (fact.metric, fact.tag, fact.unit, fact.start, fact.end)
        grouped.setdefault(key, []).append(fact)
    best = {}
    for key, group in grouped.items():
        newest = max(group, key=lambda f: (f.filed, f.accn))
        same = [f for f in group if f.value == newest.value]
        first = min(same, key=lambda f: (f.filed, f.accn))
        best[key] = Tagged(first, frozenset(f.filing for f in same))
    return best


def choose(per_tag: Mapping[Any, Tagged]) -> dict[PeriodKey, list[Fact]]:
    """Per metric, unit and period, the figure to keep: the most recently filed across tags,
    and beside it every other tag of that same filing whose value disagrees (see module doc)."""
    grouped: dict[PeriodKey, list[Tagged]] = {}
    for tagged in per_tag.values():
        f = tagged.fact
        grouped.setdefault((f.metric, f.unit, f.start, f.end), []).append(tagged)
    chosen = {}
    for key, group in grouped.items():
        group.sort(key=lambda t: t.fact.rank)
        newest = max(group, key=lambda t: (t.last_filed, -t.fact.rank))
        latest = max(newest.filings, key=lambda filing: filing[1])
        kept = [newest.fact]
        for other in group:
            if other is newest or latest not in other.filings:
                continue
            if not any(same_value(other.fact.value, k.value) for k in kept):
                kept.append(other.fact)
        chosen[key] = kept
    return chosen
