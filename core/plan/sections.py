"""The pressure-test questions and the inputs of each gate, written once as data.

The loader, the gates, the cards, the edit form and the memo all read these, so a question's
wording or an input's meaning is changed here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["ratio", "amount", "months", "number", "text", "op"]
REVENUE = ("contracted", "committed", "experimental")


@dataclass(frozen=True)
class Input:
    """One value a gate reads: its key in the section, what it holds, and how it is written."""

    key: str
    kind: Kind
    label: str


@dataclass(frozen=True)
class Section:
    """One card: a question (or a stage gate's own question) and the inputs of its gate."""

    id: str
    number: int | None  # 1–5 for the five questions; None for the stage gates
    title: str
    question: str
    inputs: tuple[Input, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "utilization",
        1,
        "Utilization threshold",
        "What utilization threshold triggers new capex — and who signs off when we miss it?",
        (
            Input("threshold", "ratio", "utilization that greenlights new capacity"),
            Input("current", "ratio", "utilization now"),
        ),
    ),
    Section(
        "unit_economics",
        2,
        "Unit economics",
        "Do AI features cover inference and orchestration costs by design, or are we"
        " subsidizing usage?",
        (
            Input("price_per_unit", "amount", "price per unit"),
            Input("inference_cost_per_unit", "amount", "inference cost per unit"),
            Input("orchestration_cost_per_unit", "amount", "orchestration cost per unit"),
            Input("target_margin", "ratio", "unit margin the plan needs"),
        ),
    ),
    Section(
        "payback",
        3,
        "Payback window",
        "Where are we trading margin for growth, and what is the payback window at the"
        " market level?",
        (
            Input("capex", "amount", "capex the plan asks for"),
            Input("monthly_contribution", "amount", "contribution per month"),
            Input("max_months", "months", "longest payback accepted, in months"),
        ),
    ),
    Section(
        "gpu_priority",
        4,
        "GPU priority",
        "Which workloads get GPU priority when supply tightens, and why?",
        (),
    ),
    Section(
        "tripwire",
        5,
        "Tripwire",
        "What would make us slow or shift capex next quarter — one metric, one decision?",
        (
            Input("company", "text", "company of the watchlist"),
            Input("metric", "text", "metric to watch"),
            Input("op", "op", "comparison (>, >=, <, <=)"),
            Input("threshold", "number", "threshold"),
            Input("decision", "text", "the decision it triggers"),
        ),
    ),
    Section(
        "backlog_coverage",
        None,
        "Backlog coverage",
        "Is the next stage of capacity covered by contracted backlog?",
        (
            Input("contracted_backlog", "amount", "contracted backlog"),
            Input("new_capacity", "amount", "cost of the new capacity"),
            Input("min_coverage", "number", "backlog ÷ capacity required"),
        ),
    ),
    Section(
        "attach_rate",
        None,
        "AI attach rate",
        "Are AI features attached often enough to justify the next stage?",
        (
            Input("current", "ratio", "accounts using an AI feature"),
            Input("threshold", "ratio", "attach rate the next stage needs"),
        ),
    ),
)
BY_ID = {s.id: s for s in SECTIONS}
# Arrays of tables inside a section: [[payback.market]] and [[gpu_priority.workload]].
ROWS = {"payback": "market", "gpu_priority": "workload"}
