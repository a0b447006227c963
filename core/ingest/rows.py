"""Validate one observation typed as text (a CSV row, `data add`, the in-app form).

`check_row(cells, known)` reads every column, collects every problem as (column, message) and
returns the typed row only when there is none. Empty freq, period_start and period_end are worked
out from the period label and the company's fiscal calendar when the company is in the watchlist;
an empty unit is the metric's (ratio for a margin) or the company's currency. What the row means
is then checked by `ingest.checks.meaning`, the same for every way a figure comes in.
Outside text (company, period, source, note) goes through `capexwatch.core.base.text.clean`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from capexwatch.core.base.text import clean
from capexwatch.core.figures import cells, periods
from capexwatch.core.ingest.checks import ColumnProblem, Known, default_unit, meaning
from capexwatch.core.watchlist.model import Company

REQUIRED = ("company", "metric", "period", "value", "unit")
OPTIONAL = ("freq", "period_start", "period_end", "kind", "published", "source", "note")
__all__ = ["OPTIONAL", "REQUIRED", "ColumnProblem", "Known", "as_known", "check_row"]


def as_known(known: Known | Mapping[str, Company] | None) -> Known:
    """`known` itself, or the watchlist's companies with only the catalogue's metrics."""
    if isinstance(known, Known):
        return known
    return Known(companies=dict(known or {}))


def _read(
    column: str,
    text: str,
    parse: Callable[[str], Any],
    problems: list[ColumnProblem],
) -> Any:
    try:
        return parse(text)
    except cells.CellError as exc:
        problems.append((column, str(exc)))
        return None


def _dates(
    row: dict[str, Any],
    cells_in: Mapping[str, str],
    companies: Mapping[str, Company],
    problems: list[ColumnProblem],
) -> None:
    given = {c: (cells_in.get(c) or "").strip() for c in ("freq", "period_start", "period_end")}
    for column, parse in (
        ("freq", cells.freq),
        ("period_start", cells.date),
        ("period_end", cells.date),
    ):
        row[column] = _read(column, given[column], parse, problems) if given[column] else None
    missing = [c for c, v in given.items() if not v]
    if missing and row["period"]:
        company = companies.get(row["company"] or "")
        if company is None:
            return  # `checks.meaning` names the unknown company
        try:
            freq, start, end = periods.infer(row["period"], company.fiscal_year_end_month)
        except cells.CellError as exc:
            problems.append(("period", f"{exc} (needed to work out {', '.join(missing)})"))
            return
        inferred = {"freq": freq, "period_start": start, "period_end": end}
        for column in missing:
            row[column] = inferred[column]
    first, last = row.get("period_start"), row.get("period_end")
    if isinstance(first, dt.date) and isinstance(last, dt.date) and first > last:
        problems.append(("period_end", f"{last.isoformat()} is before period_start {first}"))


def check_row(
    cells_in: Mapping[str, str],
    known: Known | Mapping[str, Company] | None = None,
    default_source: str | None = None,
) -> tuple[dict[str, Any] | None, list[ColumnProblem]]:
    """The typed observation for `cells_in` (column → text), or None and every problem."""
    vocabulary = as_known(known)
    companies = vocabulary.companies
    problems: list[ColumnProblem] = []
    text = {c: cells_in.get(c) or "" for c in (*REQUIRED, *OPTIONAL)}
    row: dict[str, Any] = {
        "company": _read("company", clean(text["company"]), cells.company, problems),
        "metric": _read("metric", clean(text["metric"]), cells.metric, problems),
        "period": clean(text["period"]).strip() or None,
    }
    if row["period"] is None:
        problems.append(("period", "is empty (a label such as FY2026Q2)"))
    _dates(row, text, companies, problems)
    parsed = _read("value", clean(text["value"]), cells.number, problems)
    unit_text = text["unit"].strip()
    if not unit_text:
        unit_text = default_unit(row["metric"], row["company"], vocabulary) or ""
        if parsed is not None and parsed[1] and unit_text not in ("ratio", "pp"):
            unit_text = "ratio"  # `34%` says its own unit
    row["unit"] = _read("unit", clean(unit_text), cells.unit, problems) if unit_text else None
    # An unknown company has no currency to default to; `checks.meaning` names the company.
    if not unit_text and (row["company"] is None or row["company"] in companies):
        problems.append(("unit", "is empty (a currency code, ratio, pp, x or count)"))
    row["value"] = None
    if parsed is not None:
        value, percent = parsed
        if percent and row["unit"] not in (None, "ratio", "pp"):
            problems.append(
                (
                    "value",
                    f"{text['value'].strip()!r} is a percentage but the unit is {row['unit']}",
                )
            )
        row["value"] = value
    kind_text = text["kind"].strip()
    row["kind"] = _read("kind", kind_text, cells.kind, problems) if kind_text else "actual"
    published = text["published"].strip()
    row["published"] = _read("published", published, cells.date, problems) if published else None
    source = clean(text["source"]).strip() or clean(default_source or "").strip()
    if not source:
        problems.append(("source", "is empty (say where the figure comes from)"))
    row["source"] = source or None
    row["note"] = clean(text["note"]).strip() or None
    problems.extend(meaning(row, vocabulary))
    return (None, problems) if problems else (row, [])
