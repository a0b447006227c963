"""Properties of the importers: whatever the file holds, only their own located errors come out."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capexwatch.core.base.errors import DataError
from capexwatch.core.figures import cells, periods
from capexwatch.core.ingest import companyfacts
from capexwatch.core.ingest import tabular as csvimport
from capexwatch.core.watchlist.model import Company

COMPANIES = {"BABA": Company("BABA", "Alibaba", "CNY", 3, 1577552)}
HEADER = b"company,metric,period,value,unit,source\n"
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.text(max_size=40))
def test_a_cell_is_a_finite_number_or_a_cell_error(text: str) -> None:
    try:
        value, _percent = cells.number(text)
    except cells.CellError as exc:
        assert str(exc)
    else:
        assert math.isfinite(value)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_after_a_header_give_rows_or_located_problems(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("csv") / "f.csv"
    path.write_bytes(HEADER + data)
    try:
        result = csvimport.read_csv(path, COMPANIES, None)
    except DataError as exc:
        assert str(exc).startswith(str(path))
        return
    assert all(p.startswith(f"{path}:") for p in result.problems)
    assert all(math.isfinite(r["value"]) for r in result.rows)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)
FACT = st.fixed_dictionaries(
    {
        "start": st.sampled_from(["2024-01-01", "2024-04-01", "x", None]),
        "end": st.sampled_from(["2024-03-31", "2024-06-30", "2024-12-31", 7]),
        "val": st.one_of(st.integers(), st.floats(), st.text(max_size=3)),
        "accn": st.text(max_size=5),
        "form": st.sampled_from(["10-Q", "10-K", "20-F", "8-K"]),
        "filed": st.sampled_from(["2024-05-01", "2025-02-01", ""]),
    }
)


@SETTINGS
@given(
    st.one_of(JSON, st.lists(FACT, max_size=8)),
    st.sampled_from(["Revenues", "OperatingIncomeLoss", "Goodwill"]),
)
def test_a_damaged_companyfacts_document_gives_rows_or_a_data_error(
    units: object, tag: str
) -> None:
    document = {
        "cik": 1577552,
        "entityName": "Alibaba",
        "facts": {"us-gaap": {tag: {"units": {"CNY": units}}}},
    }
    try:
        found = companyfacts.read_companyfacts(document, COMPANIES, Path("f.json"))
    except DataError:
        return
    for row in found.rows:
        assert math.isfinite(row["value"]) and row["period_start"] <= row["period_end"]


@SETTINGS
@given(
    st.integers(min_value=1990, max_value=2100),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=12),
)
def test_a_quarter_label_and_its_dates_agree_for_every_fiscal_calendar(
    year: int, quarter: int, fye_month: int
) -> None:
    label = f"FY{year}Q{quarter}"
    freq, start, end = periods.infer(label, fye_month)
    assert freq == "Q" and 89 <= (end - start).days + 1 <= 92
    assert periods.quarter_label(end, fye_month) == label
    if quarter == 4:
        assert end.month == fye_month and periods.year_label(end, fye_month) == f"FY{year}"
    # A 52/53-week quarter ending a few days off the month end reads the same.
    assert periods.quarter_label(end - dt.timedelta(days=3), fye_month) == label
    assert periods.quarter_label(end + dt.timedelta(days=3), fye_month) == label
