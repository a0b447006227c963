"""A gate's history: its deciding input (core.plan.deciding) at each past review, with the
break-even it was judged against, for the Pressure test card's sparkline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from capexwatch.core.review.log import Review


@dataclass(frozen=True)
class GatePoint:
    """The deciding input's value and break-even at one review (None: not given then)."""

    at: dt.datetime
    status: str
    value: float | None
    break_even: float | None


def all_points(reviews: Iterable[Review]) -> dict[str, tuple[GatePoint, ...]]:
    """Gate id → its points, oldest first (reviews from before gate inputs were recorded, and
    gates no number decides, are left out)."""
    out: dict[str, list[GatePoint]] = {}
    for item in reviews:
        for gate_id, mark in item.gates.items():
            if mark.deciding is None:
                continue
            point = GatePoint(item.at, mark.status, mark.value, mark.break_even)
            out.setdefault(gate_id, []).append(point)
    return {k: tuple(v) for k, v in out.items()}
