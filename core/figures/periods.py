"""Fiscal period labels and their calendar dates, by a company's fiscal-year-end month.

A fiscal year is named by the calendar year it ends in (Alibaba's FY2026 runs April 2025 to
March 2026; Snowflake's FY2025 February 2024 to January 2025). Labels: `FY2026`, `FY2026Q2`,
`FY2026H1`, and `TTM to 2025-09-30`.
"""

from __future__ import annotations

import datetime as dt
import re

from capexwatch.core.figures.cells import CellError
from capexwatch.core.figures.observations import FIRST_YEAR, LAST_YEAR

_FISCAL = re.compile(r"^FY(?P<year>\d{4})(?:(?P<part>[QH])(?P<n>\d))?$")
_TTM = re.compile(r"^TTM to (?P<end>\d{4}-\d{2}-\d{2})$")


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    next_year, next_month = _add_months(year, month, 1)
    return dt.date(next_year, next_month, 1) - dt.timedelta(days=1)


def nominal_month(end: dt.date) -> tuple[int, int]:
    """The (year, month) a period ending on `end` is named for.

    52/53-week years end near, not on, a month's end (2024-09-28, 2022-10-01, 2025-02-01): the
    month before the one 15 days later is the intended month.
    """
    later = end + dt.timedelta(days=15)
    return _add_months(later.year, later.month, -1)


def fiscal_year(end: dt.date, fye_month: int) -> int:
    """The fiscal year (named by the year it ends in) that contains a period ending on `end`."""
    year, month = nominal_month(end)
    return year if month <= fye_month else year + 1


def quarter_label(end: dt.date, fye_month: int) -> str:
    """`FY2025Q1` for a quarter ending on `end`."""
    _year, month = nominal_month(end)
    quarter = ((month - fye_month - 1) % 12) // 3 + 1
    return f"FY{fiscal_year(end, fye_month)}Q{quarter}"


def year_label(end: dt.date, fye_month: int) -> str:
    """`FY2025` for a fiscal year ending on `end`."""
    return f"FY{fiscal_year(end, fye_month)}"


def infer(label: str, fye_month: int) -> tuple[str, dt.date, dt.date]:
    """freq, period_start and period_end of a label such as FY2026Q2 (see module doc); a
    CellError for a date that does not exist or a year outside FIRST_YEAR..LAST_YEAR."""
    try:
        freq, start, end = _infer(label, fye_month)
    except (ValueError, OverflowError) as exc:  # 2025-02-30, month 13, year 0
        if isinstance(exc, CellError):
            raise
        raise CellError(f"{label.strip()!r}: not a date on the calendar ({exc})") from None
    if not (start.year >= FIRST_YEAR and end.year <= LAST_YEAR):
        raise CellError(
            f"{label.strip()!r}: outside the years {FIRST_YEAR} to {LAST_YEAR} capexwatch compares"
        )
    return freq, start, end


def _infer(label: str, fye_month: int) -> tuple[str, dt.date, dt.date]:
    text = label.strip()
    ttm = _TTM.match(text)
    if ttm:
        end = dt.date.fromisoformat(ttm.group("end"))
        year, month = _add_months(end.year, end.month, -11)
        return "TTM", dt.date(year, month, 1), end
    match = _FISCAL.match(text.upper())
    if match is None:
        raise CellError(
            f"{text!r} is not a period label the dates can be worked out from "
            "(FY2026, FY2026Q2, FY2026H1 or 'TTM to 2025-09-30'); give the dates with options"
        )
    year = int(match.group("year"))
    start_year, start_month = _add_months(year, fye_month, -11)
    part, n = match.group("part"), match.group("n")
    if part is None:
        return "FY", dt.date(start_year, start_month, 1), month_end(year, fye_month)
    months = 3 if part == "Q" else 6
    count = 4 if part == "Q" else 2
    if not 1 <= int(n) <= count:
        raise CellError(f"{text!r}: a fiscal year has {part}1 to {part}{count}")
    first_year, first_month = _add_months(start_year, start_month, months * (int(n) - 1))
    last_year, last_month = _add_months(first_year, first_month, months - 1)
    freq = "Q" if part == "Q" else "H"
    return freq, dt.date(first_year, first_month, 1), month_end(last_year, last_month)
