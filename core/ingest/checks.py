"""What a figure means, checked the same on every way in: CSV, Parquet, companyfacts, by hand.

`meaning(row, known)` looks at a typed row (`ingest.rows.check_row` made it) and returns every
problem as (column, message):
- the company must be in the watchlist, the metric known (the catalogue, or already in the
  user's data) unless a new metric is allowed on purpose; each with a did-you-mean;
- a metric's unit must fit the catalogue: a ratio metric (growth, margins, intensity,
  utilization, shares, rates) is stored as a ratio, and a value beyond ±10 is a slip (135 meant
  135%), an amount has a currency, a multiple is `x`, a count is `count`.

`currency_warning` names an amount in another currency than the company reports in: it is kept
(a convenience translation is real data) but said.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from capexwatch.core.base.text import suggest
from capexwatch.core.figures import catalogue, fx
from capexwatch.core.watchlist.model import Company

ColumnProblem = tuple[str, str]
# A ratio beyond this is a percentage typed without its % sign (135 for 135%).
RATIO_LIMIT = 10.0
# The units each kind of metric may be stored in ("amount" takes any currency code).
_FITTING = {
    "ratio": ("ratio", "pp"),
    "pp": ("pp", "ratio"),
    "multiple": ("x",),
    "count": ("count",),
}
_DEFAULT = {"ratio": "ratio", "pp": "pp", "multiple": "x", "count": "count"}
NEW_METRIC_HINT = (
    "to record a metric of your own on purpose: --allow-new-metric on data add or import; "
    "once recorded, it is known everywhere, the app's forms included"
)


@dataclass(frozen=True)
class Known:
    """What entries are checked against: the watchlist's companies and the metrics in use."""

    companies: Mapping[str, Company] = field(default_factory=dict)
    metrics: frozenset[str] = frozenset()  # ids in the user's data besides the catalogue
    allow_new_metric: bool = False


def default_unit(metric_id: str | None, company: str | None, known: Known) -> str | None:
    """The unit a figure has when none is typed: the metric's, or the company's currency."""
    # A metric not known yet is what its name says (`*_margin` a ratio), should it be allowed.
    metric = catalogue.lookup(metric_id, {*known.metrics, metric_id}) if metric_id else None
    if metric is not None and metric.unit in _DEFAULT:
        return _DEFAULT[metric.unit]
    who = known.companies.get(company or "")
    return who.currency if who is not None else None


def meaning(row: Mapping[str, Any], known: Known) -> list[ColumnProblem]:
    """Every problem with what a typed row says (see module doc)."""
    problems: list[ColumnProblem] = []
    company, metric_id = row.get("company"), row.get("metric")
    if company and company not in known.companies:
        problems.append(
            (
                "company",
                f"{company!r} is not a company in the watchlist{suggest(company, known.companies)}"
                f" (add [company.{company}] to watchlist.toml to bring in its figures)",
            )
        )
    if not metric_id:
        return problems
    metric = catalogue.lookup(metric_id, known.metrics)
    if metric is None and not known.allow_new_metric:
        names = catalogue.known_ids(known.metrics)
        problems.append(
            (
                "metric",
                f"{metric_id!r} is not a metric capexwatch knows{suggest(metric_id, names)}"
                f" ({NEW_METRIC_HINT})",
            )
        )
        return problems
    if metric is None:  # new on purpose: what its name says it is
        metric = catalogue.lookup(metric_id, {metric_id})
        assert metric is not None
    problems.extend(_unit_problems(row, metric))
    return problems


def _unit_problems(row: Mapping[str, Any], metric: catalogue.Metric) -> list[ColumnProblem]:
    unit, value = row.get("unit"), row.get("value")
    if unit is None:
        return []
    if catalogue.lookup(metric.id) is None:
        # A metric of the user's own: its unit is theirs to choose (its kind is only a guess
        # from its name); only a ratio's size is checked.
        if unit not in ("ratio", "pp"):
            return []
        metric = replace(metric, unit="ratio")
    fitting = _FITTING.get(metric.unit)
    if fitting is None and not fx.is_currency(unit):
        return [
            ("unit", f"{metric.id} is an amount: its unit is a currency such as USD, not {unit}")
        ]
    if fitting is not None and unit not in fitting:
        example = "34% or 0.34" if metric.unit in ("ratio", "pp") else fitting[0]
        return [("unit", f"{metric.id} is a {metric.unit}: write it as {example}, not in {unit}")]
    if metric.unit in ("ratio", "pp") and isinstance(value, float) and abs(value) > RATIO_LIMIT:
        return [
            (
                "value",
                f"{value:g} is beyond ±{RATIO_LIMIT:g} for {metric.id}, a ratio: "
                f"write {value:g}% or {value / 100:g}",
            )
        ]
    return []


def currency_warning(row: Mapping[str, Any], companies: Mapping[str, Company]) -> str | None:
    """'BABA reports in CNY; this figure is in USD' for an amount in another currency."""
    company = companies.get(row.get("company") or "")
    unit = row.get("unit")
    if company is None or not fx.is_currency(unit) or unit == company.currency:
        return None
    return (
        f"{company.id} reports in {company.currency}; {row.get('metric')} "
        f"{row.get('period')} is in {unit} (kept in {unit}; converted only where [[fx]] allows)"
    )
