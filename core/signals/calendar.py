"""The report calendar: when each watched company's next report is expected.

A report is a period end with the date it was published: the filings `fetch edgar` recorded
(10-K, 10-Q, 20-F, 40-F with their report date and filing date) and the actual figures in the
data (period end and `published`, when within MAX_LAG_DAYS of it). From the last reports:
- the shortest step between the last period ends (3 months for a quarterly filer, 6 for a
  half-yearly one, 12 for a yearly one; a gap in the data only lengthens a step) gives the
  next period end;
- the lag from period end to publication gives the date: the lag of the same period a year
  earlier where known (annual reports come later than quarterly ones), else the median lag.
`next_report = 2027-02-20` in `[company.ID]` wins. The expected date is "overdue" once past
without a newer report, and "unknown" (with the reason) when there are too few dated reports.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import periods
from capexwatch.core.figures.filings import FiledReport
from capexwatch.core.watchlist.model import Company

State = Literal["expected", "set", "overdue", "unknown"]
RECENT = 6  # period ends the cadence is read from
SOON_DAYS = 14  # a report this close is "due soon" (a STALE signal says so)
# Reports come out within about four months of the period end (a 20-F's deadline); a figure
# first published later comes from a later source (an analysis quoting it), not the report.
MAX_LAG_DAYS = 125


@dataclass(frozen=True)
class Entry:
    """One company's line of the calendar."""

    company: str
    last_period: dt.date | None
    last_report: dt.date | None
    next_report: dt.date | None
    state: State
    reason: str = ""  # why "unknown", or where the date comes from

    def days_until(self, today: dt.date) -> int | None:
        return None if self.next_report is None else (self.next_report - today).days

    def words(self, today: dt.date) -> str:
        """'reports in ~9 days', 'report overdue (expected 2026-11-20)', 'next report unknown'."""
        days = self.days_until(today)
        if days is None:
            return "next report unknown"
        if self.state == "overdue":
            return f"report overdue (expected {self.next_report})"
        if days == 0:
            return "reports today"
        approx = "" if self.state == "set" else "~"
        return f"reports in {approx}{days} day{'s' if days != 1 else ''}"


def reports(
    observations: pl.DataFrame, filed: Iterable[FiledReport]
) -> dict[str, dict[dt.date, dt.date]]:
    """company -> {period end: first publication date}, from the data and the filings."""
    out: dict[str, dict[dt.date, dt.date]] = {}

    def add(company: str, end: dt.date, published: dt.date) -> None:
        if not 0 <= (published - end).days <= MAX_LAG_DAYS:
            return  # before the period ended, or a later source repeating an old figure
        mine = out.setdefault(company, {})
        mine[end] = min(published, mine.get(end, published))

    for f in filed:
        if f.periodic and f.period is not None:
            add(f.company, f.period, f.filed)
    if observations.height:
        lag = (pl.col("published") - pl.col("period_end")).dt.total_days()
        dated = (
            observations.lazy()
            .filter(
                (pl.col("kind") == "actual")
                & pl.col("freq").is_in(["Q", "H", "FY"])
                & lag.is_between(0, MAX_LAG_DAYS)
            )
            .group_by("company", "period_end")
            .agg(pl.col("published").min())
            # The cadence reads the last few reports only: at market scale, thousands of
            # companies' forty quarters each would otherwise all pass through Python.
            .sort("period_end")
            .group_by("company", maintain_order=True)
            .tail(RECENT + 2)
            .select("company", "period_end", "published")
            .collect()
        )
        for company, end, published in dated.iter_rows():
            add(company, end, published)
    return out


def entry(company: Company, dated: Mapping[dt.date, dt.date], today: dt.date) -> Entry:
    """`company`'s next report (see module doc)."""
    ends = sorted(dated)
    last_period = ends[-1] if ends else None
    last_report = dated[last_period] if last_period else None
    if company.next_report is not None:
        state: State = "set"
        if company.next_report < today and (
            last_report is None or last_report < company.next_report
        ):
            state = "overdue"
        return Entry(
            company.id, last_period, last_report, company.next_report, state, "set by hand"
        )
    if len(ends) < 2:
        why = "no dated reports yet" if not ends else "only one dated report"
        return Entry(company.id, last_period, last_report, None, "unknown", why)
    assert last_period is not None
    recent = ends[-RECENT:]
    # The cadence in months: the shortest step between reported periods (a gap in the data
    # only makes a step longer; two sources' dates for one period are the same month).
    steps = [_months(a, b) for a, b in itertools.pairwise(recent)]
    months = min((m for m in steps if m >= 2), default=None)
    if months is None:
        return Entry(company.id, last_period, last_report, None, "unknown", "period ends too close")
    next_end = _after(last_period, months)
    lag = _lag(dated, next_end)
    expected = next_end + dt.timedelta(days=lag)
    state = "overdue" if expected < today else "expected"
    how = f"periods every {months} months, published ~{lag} days after the period end"
    return Entry(company.id, last_period, last_report, expected, state, how)


def _months(a: dt.date, b: dt.date) -> int:
    (ya, ma), (yb, mb) = periods.nominal_month(a), periods.nominal_month(b)
    return (yb - ya) * 12 + (mb - ma)


def _after(end: dt.date, months: int) -> dt.date:
    """The period end `months` after `end`: a month end stays one; a 52/53-week filer's end
    moves by 13 weeks a quarter."""
    year, month = periods.nominal_month(end)
    if end == periods.month_end(year, month):
        index = year * 12 + month - 1 + months
        return periods.month_end(index // 12, index % 12 + 1)
    return end + dt.timedelta(weeks=13 * months // 3)


def _lag(dated: Mapping[dt.date, dt.date], next_end: dt.date) -> int:
    """Days from period end to publication: the same period a year earlier, else the median."""
    year_ago = [e for e in dated if abs((next_end - e).days - 365) <= 10]
    if year_ago:
        return (dated[year_ago[0]] - year_ago[0]).days
    recent = sorted(dated)[-RECENT:]
    return round(statistics.median((dated[e] - e).days for e in recent))


def build(
    companies: Mapping[str, Company],
    observations: pl.DataFrame,
    filed: Iterable[FiledReport],
    today: dt.date,
) -> tuple[Entry, ...]:
    """Every watched company's calendar entry, in watchlist order."""
    found = reports(observations, filed)
    return tuple(entry(c, found.get(c.id, {}), today) for c in companies.values())


def nearest(entries: Iterable[Entry], today: dt.date) -> Entry | None:
    """The next expected report from today on (overdue ones aside), if any."""
    ahead = [
        e
        for e in entries
        if e.state in ("expected", "set") and e.next_report is not None and e.next_report >= today
    ]
    return min(ahead, key=lambda e: (e.next_report, e.company), default=None)


def due_soon(entries: Iterable[Entry], company: str, today: dt.date) -> Entry | None:
    """`company`'s entry when its report is due within SOON_DAYS (or overdue)."""
    for e in entries:
        if e.company == company and e.next_report is not None:
            days = e.days_until(today) or 0
            if e.state == "overdue" or 0 <= days <= SOON_DAYS:
                return e
    return None


def stale_words(
    entries: Iterable[Entry], company: str | None, stale_after_days: int, today: dt.date
) -> str:
    """Why a signal is STALE: 'older than 150 days', and its company's report when due soon
    ('older than 150 days; BABA reports in ~9 days': the fresh figure is on its way)."""
    words = f"older than {stale_after_days} days"
    due = due_soon(entries, company, today) if company else None
    return f"{words}; {due.company} {due.words(today)}" if due else words
