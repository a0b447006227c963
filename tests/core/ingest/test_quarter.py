"""core.ingest.quarter: several figures of one period, checked together, stored in one write."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.core.base.errors import DataError
from capexwatch.core.figures import store
from capexwatch.core.ingest import quarter
from capexwatch.core.ingest.checks import Known
from capexwatch.core.watchlist.model import Company

KNOWN = Known({"BABA": Company("BABA", "Alibaba", "CNY")})
FIELDS = {"company": "BABA", "period": "FY2027Q1", "source": "Q1 release"}


def test_pairs_keep_negative_values_and_their_order() -> None:
    values = quarter.parse_pairs(["revenue=250.1B", "free_cash_flow=-21.8B", "margin = 12%"])
    assert values == {"revenue": "250.1B", "free_cash_flow": "-21.8B", "margin": "12%"}
    with pytest.raises(DataError, match="expected METRIC=VALUE"):
        quarter.parse_pairs(["revenue="])
    with pytest.raises(DataError, match="no METRIC=VALUE"):
        quarter.parse_pairs([])


def test_problems_are_split_into_shared_and_per_metric() -> None:
    fields = FIELDS | {"period": "someday"}
    with pytest.raises(quarter.QuarterError) as caught:
        quarter.figures(KNOWN, {"revenue": "1B", "capex": "x"}, fields)
    error = caught.value
    assert len(error.shared) == 1 and error.shared[0].startswith("column period")
    assert list(error.by_metric) == ["capex"]


def test_all_figures_land_in_one_write(tmp_path: Path) -> None:
    path = tmp_path / "imported.parquet"
    rows = quarter.figures(KNOWN, {"revenue": "250.1B", "capex": "38.6B"}, FIELDS)
    assert quarter.add_figures(path, rows) == 2
    stored = store.read(path)
    assert sorted(stored.get_column("metric").to_list()) == ["capex", "revenue"]
    assert set(stored.get_column("period_end").to_list()) == {rows[0]["period_end"]}
