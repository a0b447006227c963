"""An estimate or guidance that drives a signal says so: the result carries the figure's kind."""

from __future__ import annotations

import datetime as dt

from capexwatch.core.figures.observations import kind_mark
from capexwatch.core.signals.evaluate import evaluate_with_data
from capexwatch.core.watchlist.model import Signal
from tests.frames import obs, quarter


def signal() -> Signal:
    return Signal(id="s", title="Growth slows", company="A", metric="cmr_yoy", op="<",
                  threshold=0.08, near=0.02)  # fmt: skip


def test_a_forecast_is_marked_and_an_actual_is_not() -> None:
    assert kind_mark("estimate") == "~ estimate" and kind_mark("guidance") == "~ guidance"
    assert kind_mark("actual") == "" and kind_mark(None) == ""


def test_a_result_on_an_estimate_carries_its_kind() -> None:
    data = obs(quarter("A", "cmr_yoy", "2025-07-01", "2025-09-30", 0.09, unit="ratio",
                       kind="estimate"))  # fmt: skip
    (result,) = evaluate_with_data([signal()], data, dt.date(2025, 10, 1))
    assert result.status == "near" and result.kind == "estimate"
    assert result.kind_mark == "~ estimate" and result.history[-1].kind == "estimate"


def test_an_actual_wins_over_an_estimate_and_reads_as_actual() -> None:
    rows = [
        quarter("A", "cmr_yoy", "2025-07-01", "2025-09-30", v, unit="ratio", kind=k)
        for v, k in ((0.09, "estimate"), (0.12, "actual"))
    ]
    (result,) = evaluate_with_data([signal()], obs(*rows), dt.date(2025, 10, 1))
    assert result.value == 0.12 and result.kind == "actual" and result.kind_mark == ""
