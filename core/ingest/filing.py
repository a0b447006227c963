"""Observations from SEC filings' XBRL: an instance (.xml) or the inline primary document (.htm).

Headline figures (revenue, operating income, operating cash flow, capex) are the facts without
dimensions, by the same tags as companyfacts (`edgar.TAGS`). A company's
`segments = { cloud = "AmazonWebServicesSegmentMember" }` makes that member's revenue and
operating income into `cloud_revenue` and `cloud_operating_income`. A fact is a segment's total
when its dimensions are the segment axis (`…SegmentsAxis`, any prefix) with that member (with or
without its prefix) and at most `ConsolidationItemsAxis = OperatingSegmentsMember` beside it;
split further (by product, region, an equity-method investee) it is a part, never the total.
Periods, quarters derived from year-to-date figures and labels are companyfacts' own
(`companyfacts.to_rows`), so several filings read together give the fourth quarter too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.text import clean
from capexwatch.core.ingest import companyfacts, edgar
from capexwatch.core.ingest.filing_company import company_of
from capexwatch.core.watchlist.model import Company

SEGMENT_METRICS = ("revenue", "operating_income")
# srt:ConsolidationItemsAxis (US GAAP) or ifrs-full:SegmentConsolidationItemsAxis (IFRS).
_CONSOLIDATION_AXIS, _OPERATING = "ConsolidationItemsAxis", "OperatingSegmentsMember"
UNKNOWN_FILED = dt.date.min  # a file imported by hand does not say when it was filed
_CURRENCY = re.compile(r"^[A-Z]{3}$")  # amounts only, as companyfacts (not shares, not ratios)


@dataclass(frozen=True)
class Origin:
    """Where a document comes from: the accession and filing date when fetched, else its file."""

    name: str
    accession: str = ""
    form: str = ""
    filed: dt.date | None = None


@dataclass(frozen=True)
class FilingFact(edgar.Fact):
    """A companyfacts-shaped fact whose source also names the file and the segment member."""

    document: str = ""
    member: str = ""

    @property
    def source(self) -> str:
        parts = [f"SEC EDGAR {self.form}", self.accn or self.document]
        if self.filed != UNKNOWN_FILED:
            parts.append(f"filed {self.filed.isoformat()}")
        text = " ".join(p for p in parts if p)
        return f"{text}, segment {self.member}" if self.member else text


@dataclass(frozen=True)
class Filing:
    """One read document: its company, form and facts, and what a user should know about it."""

    company: Company
    form: str
    facts: tuple[FilingFact, ...]
    notes: tuple[str, ...]


def _concepts() -> dict[str, tuple[str, int]]:
    """`us-gaap:Revenues` -> ("revenue", rank among the metric's candidate tags)."""
    out = {}
    for metric, taxonomies in edgar.TAGS.items():
        for taxonomy, tags in taxonomies.items():
            for rank, tag in enumerate(tags):
                out[f"{taxonomy}:{tag}"] = (metric, rank)
    return out


def is_segment_axis(axis: str) -> bool:
    """`us-gaap:StatementBusinessSegmentsAxis` or a filer's own `…SegmentsAxis`."""
    return axis.rpartition(":")[2].endswith(("SegmentsAxis", "SegmentAxis"))


def segment_of(dimensions: Sequence[tuple[str, str]], wanted: str) -> str | None:
    """The member as written when `dimensions` are exactly `wanted`'s segment total, else None."""
    from capexwatch.core.ingest.xbrl.document import member_matches

    found = None
    for axis, member in dimensions:
        if is_segment_axis(axis) and found is None and member_matches(member, wanted):
            found = member
        elif not (
            axis.rpartition(":")[2].endswith(_CONSOLIDATION_AXIS)
            and member.rpartition(":")[2] == _OPERATING
        ):
            return None
    return found


def read(data: bytes, origin: Origin, companies: Mapping[str, Company]) -> Filing:
    """The figures of one document for the watchlist company that filed it."""
    from capexwatch.core.ingest.xbrl import document as xbrl

    try:
        doc = xbrl.read(data, origin.name)
    except xbrl.XbrlError as error:
        raise DataError(str(error)) from None
    company = company_of(doc, origin.name, companies)
    form = clean(doc.dei.get("DocumentType", "") or origin.form).strip() or "filing"
    concepts = _concepts()
    filed = origin.filed or UNKNOWN_FILED
    facts: list[FilingFact] = []
    seen_members: set[str] = set()
    for fact in doc.facts:
        known = concepts.get(fact.concept)
        if known is None or fact.value is None or fact.period.start is None:
            continue
        if fact.unit is None or not _CURRENCY.match(fact.unit):
            continue
        metric, rank = known
        base = edgar.Fact(
            metric, fact.concept, fact.unit, fact.period.start, fact.period.end,
            fact.value, clean(origin.accession), form, filed, rank,
        )  # fmt: skip
        if not fact.dimensions:
            facts.append(FilingFact(**_fields(base), document=clean(origin.name)))
            continue
        seen_members.update(m for a, m in fact.dimensions if is_segment_axis(a))
        if metric not in SEGMENT_METRICS:
            continue
        for key, wanted in company.segments:
            member = segment_of(fact.dimensions, wanted)
            if member is not None:
                fields = _fields(base) | {"metric": f"{key}_{metric}"}
                facts.append(FilingFact(**fields, document=clean(origin.name), member=member))
    return Filing(company, form, tuple(facts), _notes(company, facts, seen_members, origin))


def _fields(fact: edgar.Fact) -> dict[str, Any]:
    return {f.name: getattr(fact, f.name) for f in dataclasses.fields(edgar.Fact)}


def _notes(
    company: Company, facts: list[FilingFact], members: set[str], origin: Origin
) -> tuple[str, ...]:
    notes = []
    for key, wanted in company.segments:
        if not any(f.metric.startswith(f"{key}_") and f.member for f in facts):
            seen = ", ".join(sorted({clean(m.rpartition(":")[2]) for m in members})[:12])
            notes.append(
                f"{origin.name}: segment {key} = {wanted!r}: no revenue or operating income for "
                f"this member on the segment axis"
                + (f" (members there: {seen})" if seen else " (the document has no segment facts)")
            )
    return tuple(notes)


def to_rows(filings: Sequence[Filing]) -> list[dict[str, Any]]:
    """Observations from one company's filings read together (see module doc)."""
    if not filings:
        return []
    facts: list[edgar.Fact] = [f for filing in filings for f in filing.facts]
    rows = companyfacts.to_rows(
        edgar.newest_per_tag(facts), filings[0].company, companyfacts.annual_periods(facts)
    )
    for row in rows:
        if row["published"] == UNKNOWN_FILED:
            row["published"] = None
    return rows


@dataclass(frozen=True)
class FileRead:
    """What `import FILE` found in one XBRL document."""

    kind: str
    company: str
    rows: list[dict[str, Any]]
    notes: tuple[str, ...]


_HTML = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)", re.I | re.S)


def looks_like(data: bytes) -> bool:
    """An XBRL document, or XML the reader will name; judged from the first bytes (no lxml).

    An HTML page without the inline XBRL namespace is left to be named as a web page.
    """
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    markers = (b"inlineXBRL", b"http://www.xbrl.org/2003/instance")
    return any(m in head for m in markers) or not _HTML.match(head)


def segment_metrics(companies: Iterable[Company]) -> frozenset[str]:
    """`cloud_revenue`, `cloud_operating_income`, … for every segment mapped in the watchlist."""
    return frozenset(
        f"{key}_{metric}" for c in companies for key, _ in c.segments for metric in SEGMENT_METRICS
    )


def read_file(path: Path, data: bytes, companies: Mapping[str, Company]) -> FileRead:
    """`import FILE` of an XBRL document: its figures, or DataError saying why there are none."""
    read_one = read(data, Origin(path.name), companies)
    rows = to_rows([read_one])
    if not rows:
        raise DataError(
            "\n".join(
                (
                    *read_one.notes,
                    f"{path}: no revenue, operating income, operating cash flow or capex for "
                    "a quarter or fiscal year found (a 10-K may keep its statements in an "
                    "exhibit, as IBM's does)",
                )
            )
        )
    kind = f"SEC {read_one.form} XBRL"
    return FileRead(kind, read_one.company.id, rows, read_one.notes)
