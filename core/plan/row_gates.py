"""The gates that read rows of the plan: payback (with its markets) and GPU priority."""

from __future__ import annotations

import math

from capexwatch.core.base import format as fmt
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.model import Plan
from capexwatch.core.plan.verdict import EPSILON, Gate, GateStatus, MarketResult, open_gate


def _months(months: float) -> str:
    # A contribution next to nothing: the division overflows, and it never pays back.
    return f"{months:.1f} months" if math.isfinite(months) else "never"


def payback_of(
    name: str, invested: float | None, contribution: float | None, limit: float
) -> MarketResult:
    """Months to earn back `invested` at `contribution` a month, against `limit` months."""
    if invested is None or contribution is None:
        absent = "investment" if invested is None else "monthly_contribution"
        return MarketResult(name, "open", None, f"needs {absent}")
    if invested <= 0:
        return MarketResult(name, "open", None, f"an investment of {invested:g} has no payback")
    if contribution <= 0:
        return MarketResult(
            name,
            "fail",
            None,
            f"a monthly contribution of {fmt.amount(contribution)} never pays back the "
            f"{fmt.amount(invested)} invested",
        )
    months = invested / contribution
    status: GateStatus = "pass" if months <= limit + EPSILON else "fail"
    relation = "within" if status == "pass" else "past"
    return MarketResult(
        name,
        status,
        months,
        f"{fmt.amount(invested)} ÷ {fmt.amount(contribution)} a month = {_months(months)}, "
        f"{relation} the {limit:g}-month limit",
    )


def _combine(statuses: list[GateStatus]) -> GateStatus:
    if "fail" in statuses:
        return "fail"
    return "open" if "open" in statuses or not statuses else "pass"


def payback(plan: Plan) -> Gate:
    """Plan-level payback and every market's, against the same `max_months`."""
    gid = "payback"
    title = plans.BY_ID[gid].title
    limit = plan.number(gid, "max_months")
    capex = plan.number(gid, "capex")
    contribution = plan.number(gid, "monthly_contribution")
    if limit is None:
        return open_gate(gid, "needs max_months in [payback]")
    if limit <= 0:
        return open_gate(gid, f"max_months must be above 0 (it is {limit:g})")
    markets = tuple(
        payback_of(m.name, m.investment, m.monthly_contribution, limit) for m in plan.markets
    )
    statuses: list[GateStatus] = [m.status for m in markets]
    parts: list[str] = []
    break_even, value = "", None
    if capex is not None or contribution is not None or not markets:
        overall = payback_of("plan", capex, contribution, limit)
        statuses.append(overall.status)
        parts.append(
            "needs capex and monthly_contribution in [payback]"
            if overall.detail.startswith("needs")
            else f"capex: {overall.detail}"
        )
        if capex is not None and capex > 0:
            value = capex / limit
            now = f"now {fmt.amount(contribution)}" if contribution is not None else "not given"
            break_even = f"flips at a monthly contribution of {fmt.amount(value)} ({now})"
    past = [m.name for m in markets if m.status == "fail"]
    if markets:
        parts.append(
            f"{len(markets) - len(past)} of {len(markets)} markets within {limit:g} months"
            + (f"; candidates to pause subsidies or capacity: {', '.join(past)}" if past else "")
        )
    return Gate(gid, title, _combine(statuses), "; ".join(parts), break_even, value, markets)


def gpu_priority(plan: Plan) -> Gate:
    """Every workload ranked, and no experimental workload ahead of a contracted one."""
    gid = "gpu_priority"
    rows = plan.workloads
    if not rows:
        return open_gate(gid, "needs [[gpu_priority.workload]] rows: name, rank, revenue")
    unranked = [w.name for w in rows if w.rank is None]
    unclassed = [w.name for w in rows if w.revenue is None]
    if unranked or unclassed:
        parts = []
        if unranked:
            parts.append(f"no rank for {', '.join(unranked)}")
        if unclassed:
            parts.append(f"no revenue class for {', '.join(unclassed)}")
        return open_gate(gid, "; ".join(parts))
    contracted = [w for w in rows if w.revenue == "contracted"]
    experimental = [w for w in rows if w.revenue == "experimental"]
    last_contracted = max((w.rank or 0 for w in contracted), default=None)
    ahead = [
        f"experimental '{e.name}' (rank {e.rank}) outranks contracted '{c.name}' (rank {c.rank})"
        for e in experimental
        for c in contracted
        if (e.rank or 0) < (c.rank or 0)
    ]
    break_even = ""
    if last_contracted is not None and experimental:
        break_even = f"experimental workloads must rank after {last_contracted}"
    if ahead:
        return Gate(gid, plans.BY_ID[gid].title, "fail", "; ".join(ahead), break_even)
    order = ", ".join(f"{w.rank}. {w.name} ({w.revenue})" for w in sorted(rows, key=_rank))
    return Gate(
        gid,
        plans.BY_ID[gid].title,
        "pass",
        f"{len(rows)} workload{'' if len(rows) == 1 else 's'} ranked, no experimental one "
        f"ahead of a contracted one: {order}",
        break_even,
        float(last_contracted) if last_contracted is not None and experimental else None,
    )


def _rank(workload: plans.Workload) -> tuple[int, str]:
    return (workload.rank or 0, workload.name)
