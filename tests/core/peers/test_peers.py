"""The peer table: latest figures, best/worst, playbooks, sorting and history."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capexwatch.core.figures import observations
from capexwatch.core.figures.fx import FxRate
from capexwatch.core.peers import playbook
from capexwatch.core.peers import sheet as peer_sheet
from capexwatch.core.peers import table as peers
from capexwatch.core.peers.columns import BY_ID
from capexwatch.core.watchlist.model import Company, PeerGroup, UiSettings, Watchlist
from tests.frames import obs, quarter

CNY_USD = FxRate("CNY", "USD", 0.1407, dt.date(2026, 1, 11))
SAMPLE_IDS = ("BABA", "TCEHY", "BIDU", "AMZN", "MSFT")


def order(table: peers.PeerTable, key: str, descending: bool = False) -> list[str]:
    """Company ids as the peers grid sorts them (capexwatch.core.peers.sheet)."""
    sheet = peer_sheet.of(table, {})
    return sheet.companies_in(sheet.order(key, descending))


def watchlist(ids: tuple[str, ...], fx: tuple[FxRate, ...] = (CNY_USD,)) -> Watchlist:
    companies = {c: Company(c, c, "USD") for c in ids}
    group = PeerGroup("g", "Group", ids)
    return Watchlist(Path("w.toml"), companies, {"g": group}, fx, UiSettings(peer_group="g"), ())


@pytest.fixture(scope="module")
def sample() -> peers.PeerTable:
    return peers.build(watchlist(SAMPLE_IDS), observations.load(None)).table()


def test_tencents_margin_change_is_never_a_quarter_against_a_year(
    sample: peers.PeerTable,
) -> None:
    # The sample has Tencent's adjusted margin for Q3 2025 (38%) and fiscal 2024 (36%), but not
    # for Q3 2024: Margin Δ YoY is n/a, not "+2.0pp (FY2025Q3 vs FY2024)", so "discipline"
    # does not fire on a quarter set against a year.
    assert sample.cell("TCEHY", "margin_change") is None
    label, why = sample.playbook("TCEHY")
    assert label == "balanced"
    assert "Capex YoY -24.0% (FY2025Q3) < 0 ✓, Margin Δ YoY n/a > 0 ✗" in why
    assert why.endswith("on FY2025Q3 · Sep 2025")
    assert "FY2024" not in why


def test_baidus_row_reads_one_period_and_names_it(sample: peers.PeerTable) -> None:
    # Latest: Baidu's Q4 2025 (its latest quarter). Its −61% operating margin is Q3 2025's, so
    # it is not on the row, and "all-in" is not decided on Q3's margin and Q4's cash flow.
    label, why = sample.playbook("BIDU")
    assert label == "balanced"
    # FCF converted at the ECB rate of its own quarter's end, not at the watchlist's 2026 rate.
    assert "FCF 91.0M USD (FY2025Q4) < 0 ✗, Op. margin n/a < 0 ✗" in why
    assert sample.period("BIDU") == "FY2025Q4 · Dec 2025"
    periods = {c.period for c in map(lambda k: sample.cell("BIDU", k), BY_ID) if c is not None}
    assert periods == {"FY2025Q4"}


def test_all_in_fires_on_negative_fcf_with_an_operating_loss() -> None:
    data = obs(
        quarter("X", "operating_cash_flow", "2025-07-01", "2025-09-30", 1.0, unit="USD"),
        quarter("X", "capex", "2025-07-01", "2025-09-30", 5.0, unit="USD"),
        quarter("X", "operating_income", "2025-07-01", "2025-09-30", -2.0, unit="USD"),
        quarter("X", "revenue", "2025-07-01", "2025-09-30", 10.0, unit="USD"),
    )
    table = peers.build(watchlist(("X",)), data).table()
    label, why = table.playbook("X")
    assert label == "all-in"
    assert why.startswith("all-in — negative free cash flow with an operating loss")
    assert "FCF -4 USD (2025-09-30) < 0 ✓" in why and "Op. margin -20.0%" in why


def test_the_rules_are_data_and_name_themselves() -> None:
    texts = [r.text for r in playbook.RULES]
    assert (
        texts[0]
        == "discipline: Capex YoY < 0 and Margin Δ YoY > 0 (capex cut with operating margin up)"
    )
    assert "all-in: FCF < 0 and Op. margin < 0" in texts[1]


def test_best_and_worst_follow_each_columns_direction(sample: peers.PeerTable) -> None:
    def mark(company: str, column: str) -> str | None:
        cell = sample.cell(company, column)
        return cell.mark if cell else None

    assert mark("MSFT", "operating_margin") == "best"  # 47.1%, highest margin
    assert mark("BABA", "operating_margin") == "worst"  # 2.2%
    assert mark("MSFT", "capex_intensity") == "highest"  # neither better nor worse
    assert mark("TCEHY", "capex_intensity") == "lowest"
    assert mark("BABA", "cloud_margin") == "worst"  # 9% adjusted EBITA margin
    assert mark("AMZN", "operating_margin") is None


def test_amounts_are_converted_and_marked(sample: peers.PeerTable) -> None:
    cell = sample.cell("TCEHY", "capex")
    assert cell is not None and cell.converted and cell.unit == "USD"
    assert cell.original_unit == "CNY" and cell.value == pytest.approx(13.0e9 * 0.1407, rel=0.01)
    msft = sample.cell("MSFT", "capex")
    assert msft is not None and not msft.converted


def test_an_amount_without_a_rate_is_left_out_of_best_and_worst() -> None:
    rows = [
        quarter(c, "capex", "2025-07-01", "2025-09-30", v, unit=u)
        # No watchlist rate, and no ECB reference rate either, for the New Taiwan dollar.
        for c, v, u in (("A", 10.0, "USD"), ("B", 20.0, "USD"), ("C", 1000.0, "TWD"))
    ]
    table = peers.build(watchlist(("A", "B", "C")), obs(*rows)).table()
    c = table.cell("C", "capex")
    assert c is not None and c.unconverted and c.mark is None and c.unit == "TWD"
    assert [table.cell(x, "capex").mark for x in "AB"] == ["lowest", "highest"]  # type: ignore[union-attr]
    # Sorting puts the incomparable amount after the comparable ones, whatever the direction.
    assert order(table, "capex", descending=True) == ["B", "A", "C"]


def test_sorting_puts_missing_figures_last_in_both_directions(sample: peers.PeerTable) -> None:
    up = order(sample, "cloud_margin")
    down = order(sample, "cloud_margin", descending=True)
    assert up[:2] == ["BABA", "AMZN"] and down[:2] == ["AMZN", "BABA"]
    assert up[2:] == down[2:] == ["BIDU", "MSFT", "TCEHY"]  # no figure: by id, last
    assert order(sample, "playbook")[-1] == "TCEHY"  # balanced < discipline, then by id
    assert order(sample, "company", descending=True)[0] == "TCEHY"
    with pytest.raises(KeyError, match="unknown peer column"):
        order(sample, "capx")


def test_history_is_quarterly_oldest_first_and_converted(sample: peers.PeerTable) -> None:
    history = sample.history("TCEHY", "capex")
    assert history.freq == "Q" and history.converted
    assert [p.period for p in history.points] == ["FY2024Q4", "FY2025Q2", "FY2025Q3"]
    assert all(p.unit == "USD" for p in history.points)
    margin = sample.history("AMZN", "margin_change")  # charts the margin behind the change
    assert margin.metric == "operating_margin"


def test_a_watchlist_without_peer_groups_compares_every_company() -> None:
    plain = Watchlist(Path("w.toml"), {"A": Company("A", "A", "USD")}, {}, (), UiSettings(), ())
    built = peers.build(plain, observations.empty())
    assert built.table().companies == ("A",)
    assert built.table().table.get_column("playbook").to_list() == ["balanced"]


def test_a_snapshot_carries_the_peer_tables(sample: peers.PeerTable) -> None:
    from capexwatch.core.snapshot import picture as snapshot

    built = snapshot.build(watchlist(SAMPLE_IDS), observations.load(None))
    assert built.peers is not None
    assert built.peers.table().table.equals(sample.table)


def test_amounts_convert_through_the_inverse_rate_into_another_display_currency() -> None:
    # A quarter after the watchlist's rate (2026-01-11): that rate applies, inverted.
    data = obs(quarter("AMZN", "capex", "2026-01-01", "2026-03-31", 1.407e9, unit="USD"))
    plain = watchlist(("AMZN",))
    in_cny = dataclasses.replace(plain, ui=dataclasses.replace(plain.ui, currency="CNY"))
    cell = peers.build(in_cny, data).table().cell("AMZN", "capex")
    assert cell is not None and cell.converted and cell.unit == "CNY"
    assert cell.value == pytest.approx(10e9)  # 1.407B USD at 1 CNY = 0.1407 USD


def ten_years_of_quarters(company: str, metric: str, start_value: float) -> list[dict[str, object]]:
    rows = []
    for i in range(40):
        year, q = divmod(2016 * 4 + i, 4)
        end_month = q * 3 + 3
        start = f"{year}-{end_month - 2:02d}-01"
        end = f"{year}-{end_month:02d}-{30 if end_month in (6, 9) else 31}"
        value = start_value * (1 + 0.01 * i)
        rows.append(quarter(company, metric, start, end, value, unit="USD", period=f"Q{i}"))
    return rows


def test_the_table_reads_recent_rows_but_the_chart_gets_the_whole_history() -> None:
    data = obs(
        *ten_years_of_quarters("A", "capex", 100.0), *ten_years_of_quarters("A", "revenue", 1e3)
    )
    table = peers.build(watchlist(("A",)), data).table()
    growth = table.cell("A", "capex_yoy")
    assert growth is not None and growth.period == "Q39"
    assert growth.value == pytest.approx(1.39 / 1.35 - 1)  # against Q35, a year earlier
    assert len(table.history("A", "capex").points) == 40
    assert len(table.history("A", "capex_intensity").points) == 40


def test_an_empty_group_and_a_company_without_data_still_make_a_table() -> None:
    empty = dataclasses.replace(watchlist(("A",)), peers={"none": PeerGroup("none", "Nobody", ())})
    nobody = peers.build(empty, observations.empty()).table("none")
    assert nobody.companies == () and order(nobody, "capex") == []
    twice = peers.build(watchlist(("BABA", "BABA")), observations.load(None)).table()
    assert twice.companies == ("BABA",) and twice.table.height == 1
    unknown = peers.build(watchlist(("ZZZ",)), observations.load(None)).table()
    assert order(unknown, "capex") == ["ZZZ"] and unknown.cell("ZZZ", "capex") is None
    assert unknown.history("ZZZ", "capex").points == ()


def test_an_actual_beats_a_later_estimate_and_an_estimate_fills_a_gap() -> None:
    data = obs(
        quarter("A", "capex", "2025-07-01", "2025-09-30", 10.0, unit="USD", period="Q3"),
        quarter("A", "capex", "2025-10-01", "2025-12-31", 99.0, unit="USD", period="Q4e",
                kind="estimate"),
        quarter("B", "capex", "2025-10-01", "2025-12-31", 20.0, unit="USD", period="Q4e",
                kind="estimate"),
    )  # fmt: skip
    table = peers.build(watchlist(("A", "B")), data).table()
    a, b = table.cell("A", "capex"), table.cell("B", "capex")
    assert a is not None and (a.period, a.value, a.kind) == ("Q3", 10.0, "actual")
    assert b is not None and (b.period, b.kind) == ("Q4e", "estimate")


# A few repeated values, so ties (broken by company id) come up.
amounts = st.one_of(st.none(), st.sampled_from([1e9, 2e9]), st.floats(-1e12, 1e12, allow_nan=False))


def polars_order(table: peers.PeerTable, key: str, descending: bool) -> list[str]:
    """The same order computed by polars over the table's cells: the reference for the
    plain-Python sort the grid uses."""
    frame = table.table.select("company")
    column = table.cells.filter(pl.col("column") == key).select("company", "value", "unconverted")
    ordered = frame.join(column, on="company", how="left").sort(
        pl.col("value").is_null(),
        pl.col("unconverted").fill_null(False),
        "value",
        "company",
        descending=[False, False, descending, False],
        nulls_last=True,
    )
    return ordered.get_column("company").to_list()


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.tuples(amounts, st.sampled_from(["USD", "CNY", "EUR"])), max_size=8))
def test_any_sort_is_a_permutation_with_comparable_figures_first_in_order(
    values: list[tuple[float | None, str]],
) -> None:
    ids = tuple(f"C{i}" for i in range(len(values)))
    rows = [
        quarter(c, "capex", "2025-07-01", "2025-09-30", v, unit=u)
        for c, (v, u) in zip(ids, values, strict=True)
        if v is not None
    ]
    table = peers.build(watchlist(ids), obs(*rows) if rows else observations.empty()).table()
    for descending in (False, True):
        ranked = order(table, "capex", descending)
        assert ranked == polars_order(table, "capex", descending)
        assert sorted(ranked) == sorted(ids)
        cells = [table.cell(c, "capex") for c in ranked]
        # Comparable (converted or USD) figures, then unconverted ones (EUR), then none.
        tiers = [2 if c is None else 1 if c.unconverted else 0 for c in cells]
        assert tiers == sorted(tiers)
        comparable = [c.value for c in cells if c is not None and not c.unconverted]
        assert comparable == sorted(comparable, reverse=descending)
