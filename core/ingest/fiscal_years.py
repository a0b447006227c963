"""Check each fiscal year's quarters against the year a filing reported.

Some 10-Ks tag the full-year figure with a three-month context for the fourth quarter, so the
"quarter" carries the year (a Q4 revenue of 39,383M in a 39,383M year). A quarter equal to the
year, or four quarters that do not add up to the year beyond rounding, are wrong somewhere: each
reported quarter of that year that disagrees with its year-to-date derivation (the fourth: the
year minus the nine months, of one tag) is corrected by it. The reported figure stays as an
observation, and the correction follows it with a source of its own, so the two read as a
conflict (`figures.observations.collapse`) and the correction is the current figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Row = dict[str, Any]
# Filers round to thousands or millions; this much of the year is rounding whatever the unit.
RELATIVE = 0.0005
CORRECTION = "fiscal year minus nine months"


def _rounding(values: list[float]) -> float:
    """The unit all `values` are rounded to (1e6, 1e3 or 1), or 0 when they are not whole."""
    for unit in (1e6, 1e3, 1.0):
        if all(v % unit == 0 for v in values):
            return unit
    return 0.0


def _close(a: float, b: float, year: float, unit: float) -> bool:
    # Four rounded quarters against a rounded year: up to 2.5 rounding units apart.
    return abs(a - b) <= max(abs(year) * RELATIVE, 2.5 * unit)


def _problem(year: Row, quarters: list[Row]) -> str | None:
    """Why the quarters of `year` cannot all be right, or None."""
    value = year["value"]
    unit = _rounding([value, *(q["value"] for q in quarters)])
    for quarter in quarters:
        if value != 0 and _close(quarter["value"], value, value, unit):
            return f"{quarter['period']} equals the fiscal year {year['period']} ({value:,.0f})"
    total = sum(q["value"] for q in quarters)
    if len(quarters) == 4 and not _close(total, value, value, unit):
        return (
            f"the four quarters add up to {total:,.0f}, the fiscal year {year['period']} "
            f"is {value:,.0f}"
        )
    return None


def checked(rows: list[Row], derived: Mapping[tuple[str, str, Any], Row]) -> list[Row]:
    """`rows` with each wrong quarter followed by its correction (see module doc).

    `derived` holds the year-to-date derivation of every quarter it exists for, by metric, unit
    and period end, whether or not that quarter was also reported.
    """
    quarters: dict[tuple[str, str, str], list[Row]] = {}
    for row in rows:
        if row["freq"] == "Q":
            year = row["period"].split("Q")[0]
            quarters.setdefault((row["metric"], row["unit"], year), []).append(row)
    corrections: dict[int, Row] = {}
    for year in (r for r in rows if r["freq"] == "FY"):
        found = quarters.get((year["metric"], year["unit"], year["period"]), [])
        if len({q["period"] for q in found}) != len(found):
            continue  # two tags disagree on a quarter: already a conflict, nothing to add up
        why = _problem(year, found)
        if why is None:
            continue
        unit = _rounding([year["value"], *(q["value"] for q in found)])
        for quarter in found:
            fix = derived.get((quarter["metric"], quarter["unit"], quarter["period_end"]))
            if fix is None or fix is quarter:
                continue
            if _close(fix["value"], quarter["value"], year["value"], unit):
                continue
            corrections[id(quarter)] = _correction(quarter, fix, why)
    out = []
    for row in rows:
        out.append(row)
        if id(row) in corrections:
            row["note"] = (
                f"{row['note']}; does not fit its fiscal year: {corrections[id(row)]['_why']}"
            )
            out.append({k: v for k, v in corrections[id(row)].items() if k != "_why"})
    return out


def _correction(quarter: Row, fix: Row, why: str) -> Row:
    return {
        **fix,
        # Never older than the figure it corrects: the correction is the current one.
        "published": max(fix["published"], quarter["published"]),
        "source": f"{fix['source']} ({CORRECTION})",
        "note": f"{fix['note']}; replaces {quarter['value']:,.0f} reported for the quarter ({why})",
        "_why": why,
    }
