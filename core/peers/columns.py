"""The peer table's columns, written once as data: what each shows and which way is better.

A column shows, for the period of the company's row (core.peers.modes), the figure of the first
of its `metrics` the company has (cloud margin is Alibaba's reported cloud adjusted EBITA margin
where no cloud operating income exists). Margin Δ is the operating margin against the same
period a year earlier, in percentage points: a quarter against a quarter, never against a year.
A `point_in_time` column (a valuation multiple) shows its latest figure whatever the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Better = Literal["higher", "lower"]


@dataclass(frozen=True)
class Column:
    """One peer-table column. `better` None: neither direction is better (highest/lowest)."""

    id: str
    label: str
    metrics: tuple[str, ...]
    better: Better | None
    point_in_time: bool = False
    description: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("capex", "Capex", ("capex",), None, description="capital expenditure, latest period"),
    Column(
        "capex_yoy", "Capex YoY", ("capex_yoy",), None, description="capex growth on a year ago"
    ),
    Column(
        "capex_intensity",
        "Capex/rev",
        ("capex_intensity",),
        None,
        description="capex over revenue: spending pressure, neither good nor bad by itself",
    ),
    Column("operating_margin", "Op. margin", ("operating_margin",), "higher"),
    Column(
        "margin_change",
        "Margin Δ YoY",
        ("operating_margin_yoy", "operating_margin_adjusted_yoy"),
        "higher",
        description="operating margin (adjusted where only that is reported) against the same "
        "period a year earlier, in percentage points",
    ),
    Column("free_cash_flow", "FCF", ("free_cash_flow",), "higher"),
    Column("fcf_margin", "FCF margin", ("fcf_margin",), "higher"),
    Column("cloud_revenue_yoy", "Cloud YoY", ("cloud_revenue_yoy",), "higher"),
    Column(
        "cloud_margin",
        "Cloud margin",
        ("cloud_margin", "cloud_adj_ebita_margin"),
        "higher",
        description="cloud operating margin, or the cloud adjusted EBITA margin where that is "
        "what is reported",
    ),
    Column(
        "forward_ps",
        "Fwd P/S",
        ("forward_ps",),
        None,
        point_in_time=True,
        description="forward price over sales: cheap or doubted, neither is simply better",
    ),
)
BY_ID: dict[str, Column] = {c.id: c for c in COLUMNS}
# Sortable keys besides the metric columns.
COMPANY, PERIOD, PLAYBOOK = "company", "period", "playbook"

Mark = Literal["best", "worst", "highest", "lowest"]
MARK_WORDS: dict[str, str] = {
    "best": "best in the group",
    "worst": "worst in the group",
    "highest": "highest in the group",
    "lowest": "lowest in the group",
}


def metric_ids() -> list[str]:
    """Every metric the table needs, for one `metrics.compute` call."""
    return list(dict.fromkeys(m for c in COLUMNS for m in c.metrics))


def column(column_id: str) -> Column:
    """The column called `column_id` (KeyError names the known ones)."""
    try:
        return BY_ID[column_id]
    except KeyError:
        raise KeyError(f"unknown peer column {column_id!r}; one of {', '.join(BY_ID)}") from None
