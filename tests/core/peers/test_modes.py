"""Peers compare like with like: one period per row, in three modes (latest, same quarter, TTM)."""

from __future__ import annotations

from typing import Any

import pytest

from capexwatch.core.peers import modes
from capexwatch.core.peers import table as peers
from tests.core.peers.test_peers import watchlist
from tests.frames import obs, quarter

QUARTERS = [  # calendar quarters of 2024 and 2025: (start, end)
    (f"{y}-{m - 2:02d}-01", f"{y}-{m:02d}-{30 if m in (6, 9) else 31}")
    for y in (2024, 2025)
    for m in (3, 6, 9, 12)
]


def q(company: str, metric: str, index: int, value: float, **extra: Any) -> dict[str, Any]:
    start, end = QUARTERS[index]
    extra.setdefault("unit", "USD")
    extra.setdefault("period", f"Q{index}")
    return quarter(company, metric, start, end, value, **extra)


def build(*rows: dict[str, Any], ids: tuple[str, ...] = ("A",)) -> peers.Peers:
    return peers.build(watchlist(ids), obs(*rows))


def test_fcf_and_fcf_margin_come_from_the_same_quarter() -> None:
    # FCF reported for Q6 (and revenue only up to Q5): the row is Q6, so FCF margin is n/a
    # rather than Q5's margin beside Q6's FCF.
    built = build(
        q("A", "revenue", 5, 100.0),
        q("A", "free_cash_flow", 5, 7.0),
        q("A", "free_cash_flow", 6, -1.0),
    )
    table = built.table()
    fcf = table.cell("A", "free_cash_flow")
    assert fcf is not None and fcf.period == "Q6" and fcf.value == -1.0
    assert table.cell("A", "fcf_margin") is None
    assert table.period("A").startswith("Q6")


def test_margin_change_is_a_quarter_against_the_same_quarter_a_year_earlier() -> None:
    rows = [q("A", "operating_income", i, v) for i, v in ((2, 10.0), (5, 30.0), (6, 25.0))]
    rows += [q("A", "revenue", i, 100.0) for i in (2, 5, 6)]
    fy = {"freq": "FY", "period": "FY2024", "unit": "USD"}
    rows += [
        quarter("A", "operating_income", "2024-01-01", "2024-12-31", 1.0, **fy),
        quarter("A", "revenue", "2024-01-01", "2024-12-31", 100.0, **fy),
    ]
    cell = build(*rows).table().cell("A", "margin_change")
    # Q6 (Sep 2025, 25%) against Q2 (Sep 2024, 10%): +15pp; never against Q5 or the year.
    assert cell is not None and cell.value == pytest.approx(0.15) and cell.unit == "pp"
    assert cell.period == "Q6"


def test_same_quarter_lines_up_52_53_week_quarters_and_leaves_a_later_one_out() -> None:
    rows = [
        quarter("A", "revenue", "2025-06-29", "2025-09-27", 10.0, unit="USD", period="FY26Q1"),
        q("B", "revenue", 6, 20.0),
        q("B", "revenue", 7, 30.0),  # B has reported December already; A has not
    ]
    built = build(*rows, ids=("A", "B"))
    latest, same = built.table(None, "latest"), built.table(None, "quarter")
    assert latest.period("B") == "Q7 · Dec 2025"
    assert same.period("A") == "FY26Q1 · Sep 2025" and same.period("B") == "Q6 · Sep 2025"
    capex_like = same.cell("B", "capex_intensity")
    assert capex_like is None  # no capex at all: nothing invented
    sheet = built.sheet(None, "quarter")
    assert sheet.mode == "quarter" and [r[1] for r in sheet.rows] == [
        "FY26Q1 · Sep 2025",
        "Q6 · Sep 2025",
    ]


def test_same_quarter_says_which_company_lacks_the_quarter() -> None:
    rows = [q(c, "revenue", 6, 1.0) for c in ("A", "B")] + [q("C", "revenue", 2, 1.0)]
    same = build(*rows, ids=("A", "B", "C")).table(None, "quarter")
    assert same.period("A") == "Q6 · Sep 2025"
    assert same.period("C") == "no Sep 2025"
    assert same.cell("C", "operating_margin") is None


def test_ttm_sums_four_consecutive_quarters_and_never_takes_a_fiscal_year() -> None:
    rows = [q("A", "capex", i, 10.0 + i) for i in range(4, 8)]
    rows += [q("A", "revenue", i, 100.0) for i in range(4, 8)]
    rows.append(quarter("B", "capex", "2025-01-01", "2025-12-31", 99.0, freq="FY", unit="USD"))
    rows += [q("B", "capex", i, 1.0) for i in (4, 5, 7)]  # Q6 missing: no four in a row
    built = build(*rows, ids=("A", "B"))
    ttm = built.table(None, "ttm")
    capex = ttm.cell("A", "capex")
    assert capex is not None and capex.value == pytest.approx(14 + 15 + 16 + 17)
    assert capex.freq == "TTM" and "sum of the four quarters Q4 to Q7" in capex.source
    intensity = ttm.cell("A", "capex_intensity")
    assert intensity is not None and intensity.value == pytest.approx(62 / 400)
    assert ttm.period("A") == "TTM · Dec 2025"
    assert ttm.cell("B", "capex") is None and ttm.period("B") == "—"


def test_a_reported_ttm_stands_and_the_sum_fills_the_gap() -> None:
    rows = [q("A", "operating_cash_flow", i, 10.0) for i in range(4, 8)]
    rows += [q("A", "capex", i, 1.0) for i in range(4, 8)]
    rows.append(
        quarter("A", "operating_cash_flow", "2025-01-01", "2025-12-31", 45.0, freq="TTM",
                unit="USD", period="TTM to 2025-12-31", source="release")
    )  # fmt: skip
    cell = build(*rows).table(None, "ttm").cell("A", "free_cash_flow")
    # The reported 45 (not the quarters' 40) minus the summed capex 4.
    assert cell is not None and cell.value == pytest.approx(41.0) and cell.freq == "TTM"


def test_modes_cycle_and_every_mode_has_a_table_per_group() -> None:
    assert [modes.next_mode(m) for m in modes.MODES] == ["quarter", "ttm", "latest"]
    built = build(q("A", "revenue", 6, 1.0))
    assert {built.table(None, m).mode for m in modes.MODES} == set(modes.MODES)
