"""The metric catalogue: every metric id the app knows, its label, unit and how it is derived.

Three kinds of metric:
- base: reported by a source (revenue, capex, …);
- formula: computed from two others of the same company and period (free cash flow, margins);
- change: `<metric>_yoy` / `<metric>_qoq` of any other metric. For amounts the change is relative
  ((now − then) / |then|); for ratios it is the difference in percentage points, because "margin
  grew 10%" is ambiguous and "margin up 2pp" is not.

A figure reported directly for a formula or change metric stands; derivation only fills gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Unit = Literal["amount", "ratio", "pp", "multiple", "count"]
Op = Literal["-", "/"]


@dataclass(frozen=True)
class Metric:
    """A metric id with its meaning; `formula` or `change` say how it is derived, if it is."""

    id: str
    label: str
    unit: Unit
    description: str
    formula: tuple[str, Op, str] | None = None
    change: tuple[str, Literal["yoy", "qoq"]] | None = None

    @property
    def derivation(self) -> str:
        """How this metric is computed, in words ("" for a base metric)."""
        if self.formula:
            a, op, b = self.formula
            return f"{a} {'−' if op == '-' else '/'} {b}"
        if self.change:
            stem, which = self.change
            lag = "the same period a year earlier" if which == "yoy" else "the previous quarter"
            kind = "difference in percentage points" if self.unit == "pp" else "relative change"
            return f"{kind} of {stem} against {lag}"
        return ""

    @property
    def derived(self) -> bool:
        return self.formula is not None or self.change is not None


_BASE: list[Metric] = [
    Metric("revenue", "Revenue", "amount", "Total revenue for the period."),
    Metric("operating_income", "Operating income", "amount", "GAAP/IFRS operating income (loss)."),
    Metric(
        "operating_income_adjusted",
        "Adj. operating income",
        "amount",
        "Operating income as adjusted by the company (non-GAAP, adjusted EBITA).",
    ),
    Metric(
        "operating_margin_adjusted",
        "Adj. operating margin",
        "ratio",
        "Adjusted operating income over revenue, as reported.",
    ),
    Metric(
        "capex", "Capex", "amount", "Capital expenditure (purchases of property and equipment)."
    ),
    Metric("capex_plan", "Capex plan", "amount", "Announced multi-period capex plan or guidance."),
    Metric(
        "capex_ai_cloud",
        "AI & cloud capex",
        "amount",
        "Capex on AI and cloud infrastructure, as disclosed.",
    ),
    Metric(
        "operating_cash_flow",
        "Operating cash flow",
        "amount",
        "Net cash from operating activities.",
    ),
    Metric("cloud_revenue", "Cloud revenue", "amount", "Revenue of the cloud segment."),
    Metric(
        "cloud_operating_income",
        "Cloud operating income",
        "amount",
        "Operating income of the cloud segment.",
    ),
    Metric(
        "cloud_adj_ebita_margin",
        "Cloud adj. EBITA margin",
        "ratio",
        "Cloud segment adjusted EBITA over its revenue, as reported.",
    ),
    Metric(
        "aidc_adj_ebita_margin",
        "AIDC adj. EBITA margin",
        "ratio",
        "Alibaba International Digital Commerce adjusted EBITA margin.",
    ),
    Metric("cmr", "Customer management revenue", "amount", "Alibaba's marketplace monetization."),
    Metric("opex", "Operating expenses", "amount", "Total operating expenses."),
    Metric("impairment", "Impairment", "amount", "Impairment charges in the period."),
    Metric("forward_ps", "Forward P/S", "multiple", "Forward 12-month price over sales."),
    Metric(
        "forward_ps_industry", "Industry fwd P/S", "multiple", "Industry forward price over sales."
    ),
    Metric(
        "gpu_utilization",
        "GPU utilization",
        "ratio",
        "Share of GPU/accelerator capacity in use, as disclosed.",
    ),
    Metric(
        "quick_commerce_contribution_margin",
        "Quick-commerce contribution margin",
        "ratio",
        "Contribution margin of quick commerce (instant delivery).",
    ),
    Metric(
        "quick_commerce_breakeven_cities",
        "Cities at breakeven",
        "count",
        "Cities where quick commerce is at unit-economics breakeven.",
    ),
    Metric("quick_commerce_mac", "Quick-commerce MAC", "count", "Monthly active consumers."),
    Metric(
        "ai_share_of_cloud_revenue",
        "AI share of cloud revenue",
        "ratio",
        "AI-related products' share of external cloud revenue.",
    ),
    Metric(
        "ai_cloud_infra_revenue",
        "AI cloud infra revenue",
        "amount",
        "Baidu AI Cloud infrastructure revenue.",
    ),
    Metric(
        "fbs_revenue",
        "FinTech & business services revenue",
        "amount",
        "Tencent segment holding its cloud business.",
    ),
    Metric("eps_estimate", "EPS estimate", "amount", "Consensus earnings per share."),
    Metric(
        "share_return_6m", "6-month share return", "ratio", "Share-price return over six months."
    ),
    Metric(
        "ai_product_revenue_yoy",
        "AI product revenue YoY",
        "ratio",
        "Growth of AI-related product revenue, as reported.",
    ),
    Metric(
        "azure_revenue_yoy",
        "Azure revenue YoY",
        "ratio",
        "Growth of Azure and other cloud services.",
    ),
    Metric(
        "free_cash_flow",
        "Free cash flow",
        "amount",
        "Operating cash flow minus capex.",
        formula=("operating_cash_flow", "-", "capex"),
    ),
    Metric(
        "operating_margin",
        "Operating margin",
        "ratio",
        "Operating income over revenue.",
        formula=("operating_income", "/", "revenue"),
    ),
    Metric(
        "capex_intensity",
        "Capex intensity",
        "ratio",
        "Capex over revenue.",
        formula=("capex", "/", "revenue"),
    ),
    Metric(
        "fcf_margin",
        "FCF margin",
        "ratio",
        "Free cash flow over revenue.",
        formula=("free_cash_flow", "/", "revenue"),
    ),
    Metric(
        "cloud_margin",
        "Cloud margin",
        "ratio",
        "Cloud operating income over cloud revenue.",
        formula=("cloud_operating_income", "/", "cloud_revenue"),
    ),
]

CATALOGUE: dict[str, Metric] = {m.id: m for m in _BASE}
# A metric of the user's own is a ratio when its name says so (growth, margins, shares, rates).
RATIO_SUFFIXES = (
    "_yoy",
    "_qoq",
    "_margin",
    "_share",
    "_rate",
    "_ratio",
    "_intensity",
    "_utilization",
)
_SUFFIX = {"yoy": "YoY", "qoq": "QoQ"}
_PERIOD_WORDS = {"yoy": "year over year", "qoq": "quarter over quarter"}


def _change_of(stem: Metric, which: Literal["yoy", "qoq"]) -> Metric:
    unit: Unit = "pp" if stem.unit in ("ratio", "pp") else "ratio"
    what = "change in pp" if unit == "pp" else "growth"
    return Metric(
        id=f"{stem.id}_{which}",
        label=f"{stem.label} {_SUFFIX[which]}",
        unit=unit,
        description=f"{stem.label}: {what} {_PERIOD_WORDS[which]}.",
        change=(stem.id, which),
    )


def lookup(metric_id: str, extra: Iterable[str] = ()) -> Metric | None:
    """The catalogue entry for `metric_id`, including `_yoy`/`_qoq` of any known metric.

    `extra` names metric ids present in the data but not in the catalogue (a user's own
    metrics): they are base metrics with their id as label.
    """
    if metric_id in CATALOGUE:
        return CATALOGUE[metric_id]
    changes: tuple[Literal["yoy", "qoq"], ...] = ("yoy", "qoq")
    for which in changes:
        suffix = f"_{which}"
        if metric_id.endswith(suffix):
            stem = lookup(metric_id[: -len(suffix)], extra)
            if stem is not None:
                return _change_of(stem, which)
    extra = set(extra)
    if metric_id.endswith("_margin") and metric_id in segment_margins(extra):
        segment = metric_id.removesuffix("_margin")
        return Metric(
            metric_id,
            f"{segment.replace('_', ' ')} margin",
            "ratio",
            f"Operating income of the {segment} segment over its revenue.",
            formula=(f"{segment}_operating_income", "/", f"{segment}_revenue"),
        )
    if metric_id in extra:
        unit: Unit = "ratio" if metric_id.endswith(RATIO_SUFFIXES) else "amount"
        return Metric(metric_id, metric_id.replace("_", " "), unit, "A metric found in the data.")
    return None


def label(metric_id: str) -> str:
    """The words users read for a metric ("Revenue YoY"); an unknown id in words."""
    metric = lookup(metric_id)
    return metric.label if metric else metric_id.replace("_", " ")


def segment_margins(extra: Iterable[str]) -> set[str]:
    """`<key>_margin` for every segment with both `<key>_revenue` and `<key>_operating_income`.

    A filing's mapped segments (`segments = { gaming = "…" }` in the watchlist) bring such pairs;
    their margin derives like the cloud margin.
    """
    ids = set(extra)
    stems = {m.removesuffix("_operating_income") for m in ids if m.endswith("_operating_income")}
    return {f"{s}_margin" for s in stems if s and f"{s}_revenue" in ids} - set(CATALOGUE)


def known_ids(extra: Iterable[str] = ()) -> list[str]:
    """Every base and formula id, plus the data's own ids (not the infinite `_yoy` family)."""
    return sorted(set(CATALOGUE) | set(extra) | segment_margins(extra))


def dependencies(metric_id: str, extra: Iterable[str] = ()) -> set[str]:
    """Every base metric id that `metric_id` may be computed from (itself included)."""
    metric = lookup(metric_id, extra)
    found = {metric_id}
    if metric is None:
        return found
    if metric.formula:
        found |= dependencies(metric.formula[0], extra) | dependencies(metric.formula[2], extra)
    if metric.change:
        found |= dependencies(metric.change[0], extra)
    return found
