"""Two figures for one period published the same day: the later one recorded is current."""

from __future__ import annotations

import polars as pl

from capexwatch.core.figures.observations import collapse
from tests.frames import obs


def test_a_same_day_correction_is_current_whatever_the_row_count() -> None:
    for filler in (0, 3, 200):  # the tie must not depend on how polars happens to order groups
        rows = [
            {"metric": "capex", "period": f"P{i}", "period_end": f"2020-01-{i % 28 + 1:02d}"}
            for i in range(filler)
        ]
        first = {"metric": "gpu_utilization", "period": "Q3", "period_end": "2025-12-31",
                 "value": 0.72, "unit": "ratio", "published": "2026-01-20",
                 "source": "call"}  # fmt: skip
        second = {**first, "value": 0.85, "source": "correction"}
        found = collapse(obs(*rows, first, second)).filter(pl.col("metric") == "gpu_utilization")
        current = found.filter(pl.col("current"))
        assert current.get_column("value").to_list() == [0.85], filler
        assert found.get_column("conflict").all()
