"""Derived metrics: what an analyst would check by hand."""

from __future__ import annotations

import polars as pl
import pytest

from capexwatch.core.figures import metrics, observations
from tests.frames import obs, quarter


def values(frame: pl.DataFrame, metric: str, company: str | None = None) -> dict[str, float | None]:
    rows = frame.filter(pl.col("metric") == metric)
    if company:
        rows = rows.filter(pl.col("company") == company)
    return {r["period"]: r["value"] for r in rows.iter_rows(named=True)}


def test_yoy_matches_the_same_fiscal_quarter_a_year_earlier_not_the_previous_row() -> None:
    # Alibaba's fiscal year ends in March, Microsoft's in June; rows deliberately out of order
    # and with another quarter in between.
    data = obs(
        quarter("BABA", "revenue", "2025-07-01", "2025-09-30", 247.8, period="FY2026Q2"),
        quarter("BABA", "revenue", "2025-04-01", "2025-06-30", 247.7, period="FY2026Q1"),
        quarter("BABA", "revenue", "2024-07-01", "2024-09-30", 236.5, period="FY2025Q2"),
        quarter("MSFT", "revenue", "2024-07-01", "2024-09-30", 65.6, period="FY2025Q1", unit="USD"),
        quarter("MSFT", "revenue", "2025-07-01", "2025-09-30", 77.7, period="FY2026Q1", unit="USD"),
        quarter("MSFT", "revenue", "2025-04-01", "2025-06-30", 76.4, period="FY2025Q4", unit="USD"),
    )
    out = metrics.compute(data, ["revenue_yoy"])
    assert values(out, "revenue_yoy", "BABA") == {"FY2026Q2": pytest.approx(247.8 / 236.5 - 1)}
    assert values(out, "revenue_yoy", "MSFT") == {"FY2026Q1": pytest.approx(77.7 / 65.6 - 1)}
    assert out.get_column("derived").all()


def test_quarters_halves_years_and_ttm_never_mix() -> None:
    data = obs(
        quarter("AMZN", "capex", "2025-07-01", "2025-09-30", 35.0, period="Q3 2025", unit="USD"),
        # A TTM and a fiscal year ending a year earlier must not serve as the quarter's base.
        quarter(
            "AMZN", "capex", "2023-10-01", "2024-09-30", 70.0, period="TTM", freq="TTM", unit="USD"
        ),
        quarter(
            "AMZN",
            "capex",
            "2024-01-01",
            "2024-12-31",
            83.0,
            period="FY2024",
            freq="FY",
            unit="USD",
        ),
    )
    out = metrics.compute(data, ["capex_yoy"])
    assert out.is_empty()


def test_qoq_compares_with_the_previous_quarter() -> None:
    data = obs(
        quarter("MSFT", "capex", "2025-07-01", "2025-09-30", 34.9, period="FY2026Q1", unit="USD"),
        quarter("MSFT", "capex", "2025-04-01", "2025-06-30", 24.2, period="FY2025Q4", unit="USD"),
    )
    out = metrics.compute(data, ["capex_qoq"])
    assert values(out, "capex_qoq") == {"FY2026Q1": pytest.approx(34.9 / 24.2 - 1)}


def test_change_of_a_ratio_is_in_percentage_points() -> None:
    data = obs(
        quarter(
            "BABA",
            "cloud_adj_ebita_margin",
            "2025-07-01",
            "2025-09-30",
            0.09,
            unit="ratio",
            period="now",
        ),
        quarter(
            "BABA",
            "cloud_adj_ebita_margin",
            "2024-07-01",
            "2024-09-30",
            0.071,
            unit="ratio",
            period="then",
        ),
    )
    out = metrics.compute(data, ["cloud_adj_ebita_margin_yoy"])
    assert values(out, "cloud_adj_ebita_margin_yoy") == {"now": pytest.approx(0.019)}
    assert out.get_column("unit").to_list() == ["pp"]


@pytest.mark.parametrize(
    ("metric", "rows"),
    [
        ("operating_margin", [("operating_income", 5.0), ("revenue", 0.0)]),
        ("capex_intensity", [("capex", 5.0)]),  # missing denominator
        ("capex_yoy", []),
    ],
)
def test_zero_or_missing_denominator_is_null_never_inf_or_zero(
    metric: str, rows: list[tuple[str, float]]
) -> None:
    data = obs(
        *(quarter("BIDU", m, "2025-07-01", "2025-09-30", v, period="Q3") for m, v in rows),
        quarter("BIDU", "capex", "2024-07-01", "2024-09-30", 0.0, period="Q3-1"),
        quarter("BIDU", "capex", "2025-07-01", "2025-09-30", 4.0, period="Q3"),
    )
    out = metrics.compute(data, [metric]).filter(pl.col("period") == "Q3")
    assert all(v is None for v in out.get_column("value").to_list())


def test_free_cash_flow_is_derived_where_not_reported_and_says_so() -> None:
    data = obs(
        quarter(
            "AMZN", "operating_cash_flow", "2025-07-01", "2025-09-30", 35.5, unit="USD", period="Q3"
        ),
        quarter("AMZN", "capex", "2025-07-01", "2025-09-30", 35.1, unit="USD", period="Q3"),
    )
    out = metrics.compute(data, ["free_cash_flow"])
    row = out.row(0, named=True)
    assert row["value"] == pytest.approx(0.4)
    assert row["derived"] is True
    assert "operating_cash_flow" in row["source"]


def test_amounts_in_different_currencies_are_not_subtracted() -> None:
    data = obs(
        quarter(
            "X", "operating_cash_flow", "2025-07-01", "2025-09-30", 10.0, unit="USD", period="Q3"
        ),
        quarter("X", "capex", "2025-07-01", "2025-09-30", 5.0, unit="CNY", period="Q3"),
    )
    assert values(metrics.compute(data, ["free_cash_flow"]), "free_cash_flow") == {"Q3": None}


@pytest.fixture(scope="module")
def sample() -> pl.DataFrame:
    return observations.read_bundled()


def test_reported_value_stands_over_derivation(sample: pl.DataFrame) -> None:
    out = metrics.compute(sample, ["capex_yoy"], ["TCEHY"])
    row = out.filter(pl.col("period") == "FY2025Q3").row(0, named=True)
    assert row["value"] == pytest.approx(-0.24)
    assert row["derived"] is False


def test_duplicate_figures_collapse_to_one_with_both_sources(sample: pl.DataFrame) -> None:
    # Tencent's Q3 2025 capex appears as 13.0B and 12.98B: one figure, two sources.
    out = metrics.compute(sample, ["capex"], ["TCEHY"]).filter(pl.col("period") == "FY2025Q3")
    assert out.height == 1
    row = out.row(0, named=True)
    assert row["sources"] == 2
    assert row["conflict"] is False
    assert " | " in row["source"]


def test_disagreeing_sources_stay_marked_as_conflict(sample: pl.DataFrame) -> None:
    # Baidu's Q3 2025 operating margin: −61% in one analysis, about −48% from the release.
    out = metrics.compute(sample, ["operating_margin"], ["BIDU"]).filter(
        pl.col("period") == "FY2025Q3"
    )
    row = out.row(0, named=True)
    assert row["value"] == pytest.approx(-0.61)
    assert row["conflict"] is True


def test_two_reported_values_that_disagree_are_both_kept() -> None:
    data = obs(
        quarter("BIDU", "revenue", "2025-07-01", "2025-09-30", 31.2, period="Q3", source="a"),
        quarter(
            "BIDU",
            "revenue",
            "2025-07-01",
            "2025-09-30",
            33.0,
            period="Q3",
            source="b",
            published="2025-11-20",
        ),
    )
    collapsed = observations.collapse(data)
    assert collapsed.height == 2
    assert collapsed.get_column("conflict").all()
    current = collapsed.filter(pl.col("current"))
    assert current.get_column("source").to_list() == ["b"]  # the later-published figure is current


def test_yoy_and_qoq_match_52_53_week_periods_by_their_end_within_a_week() -> None:
    # 13-week quarters ending the last Sunday of a month; the next fiscal year has 53 weeks, so
    # its fourth quarter runs 14 weeks and ends a week later in the calendar.
    data = obs(
        quarter("NV", "revenue", "2023-05-01", "2023-07-30", 13.5, period="FY2024Q2", unit="USD"),
        quarter("NV", "revenue", "2024-04-29", "2024-07-28", 30.0, period="FY2025Q2", unit="USD"),
        quarter("NV", "revenue", "2024-01-29", "2024-04-28", 26.0, period="FY2025Q1", unit="USD"),
        quarter("NV", "revenue", "2023-10-30", "2024-01-28", 22.1, period="FY2024Q4", unit="USD"),
        quarter("NV", "revenue", "2024-10-28", "2025-02-02", 39.3, period="FY2025Q4", unit="USD"),
    )
    out = metrics.compute(data, ["revenue_yoy", "revenue_qoq"])
    assert values(out, "revenue_yoy") == {
        "FY2025Q2": pytest.approx(30.0 / 13.5 - 1),
        "FY2025Q4": pytest.approx(39.3 / 22.1 - 1),
    }
    assert values(out, "revenue_qoq")["FY2025Q2"] == pytest.approx(30.0 / 26.0 - 1)
