"""EDGAR exact: small companyfacts documents that reproduce, fact by fact, what real filers do.

Each case is written the way the SEC serves it (start, end, val, accn, form, filed per fact) with
the figures of the filings it imitates: NVIDIA's 13-week quarters, Oracle's 10-Ks that tag the
year with a three-month context, Amazon's 2016 capex tag switch and its pre-2018 revenue tag.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import metrics, store
from capexwatch.tui.cli import main
from tests.core.ingest.test_edgar import add_companies, fact, run

M = 1_000_000


def company(ticker: str, cik: int, fye: int) -> str:
    return (
        f'\n[company.{ticker}]\nname = "{ticker}"\ncurrency = "USD"\n'
        f"fiscal_year_end_month = {fye}\ncik = {cik}\n"
    )


def document(cik: int, tags: dict[str, dict[str, list[dict]]]) -> dict:
    return {
        "cik": cik,
        "entityName": f"Filer {cik}",
        "facts": {"us-gaap": {tag: {"units": units} for tag, units in tags.items()}},
    }


def imported(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: dict) -> str:
    path = tmp_path / f"CIK{doc['cik']:010d}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "import", str(path))
    assert code == 0, err
    return out + err


def current(ticker: str, metric: str) -> dict[str, dict]:
    values = metrics.compute(store.read(resolve().imported), [metric], [ticker])
    return {r["period"]: r for r in values.iter_rows(named=True)}


def stored(ticker: str, metric: str, period: str) -> list[dict]:
    frame = store.read(resolve().imported).filter(
        (pl.col("company") == ticker) & (pl.col("metric") == metric) & (pl.col("period") == period)
    )
    return list(frame.iter_rows(named=True))


def test_52_53_week_quarters_get_their_growth(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # NVIDIA: 13-week quarters ending the last Sunday of a month, fiscal years ending in January.
    add_companies(company("NVDA", 1045810, 1))
    revenue = [
        fact("2023-05-01", "2023-07-30", 13_507 * M, "10-Q", "2023-08-28", "0001045810-23-000175"),
        fact("2024-04-29", "2024-07-28", 30_040 * M, "10-Q", "2024-08-28", "0001045810-24-000264"),
        fact("2023-05-01", "2023-07-30", 13_507 * M, "10-Q", "2024-08-28", "0001045810-24-000264"),
        fact("2022-01-31", "2023-01-29", 26_974 * M, "10-K", "2023-02-24", "0001045810-23-000017"),
        fact("2023-01-30", "2024-01-28", 60_922 * M, "10-K", "2024-02-21", "0001045810-24-000029"),
    ]
    imported(capsys, tmp_path, document(1045810, {"Revenues": {"USD": revenue}}))
    growth = current("NVDA", "revenue_yoy")
    assert growth["FY2025Q2"]["value"] == pytest.approx(30_040 / 13_507 - 1)  # +122.4%
    assert round(growth["FY2025Q2"]["value"] * 100, 1) == 122.4
    assert growth["FY2024"]["value"] == pytest.approx(60_922 / 26_974 - 1)


# Oracle's June years: 10-Qs give each quarter; its FY2022 10-K tags the year (42,440M) with a
# three-month context for Q4 too, its FY2023 10-K gives Q4 right (13,837M).
ORACLE = [
    fact("2021-06-01", "2022-02-28", 30_600 * M, "10-Q", "2022-03-11", "Q3-22"),
    fact("2021-06-01", "2022-05-31", 42_440 * M, "10-K", "2022-06-21", "K-22"),
    fact("2022-03-01", "2022-05-31", 42_440 * M, "10-K", "2022-06-21", "K-22"),
    fact("2021-06-01", "2021-08-31", 9_728 * M, "10-Q", "2021-09-14", "Q1-22"),
    fact("2021-09-01", "2021-11-30", 10_360 * M, "10-Q", "2021-12-10", "Q2-22"),
    fact("2021-12-01", "2022-02-28", 10_512 * M, "10-Q", "2022-03-11", "Q3-22"),
    fact("2022-06-01", "2023-02-28", 36_117 * M, "10-Q", "2023-03-10", "Q3-23"),
    fact("2022-06-01", "2023-05-31", 49_954 * M, "10-K", "2023-06-20", "K-23"),
    fact("2023-03-01", "2023-05-31", 13_837 * M, "10-K", "2023-06-20", "K-23"),
]


def test_a_q4_context_carrying_the_year_is_replaced_and_kept_as_a_conflict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("ORCL", 1341439, 5))
    imported(capsys, tmp_path, document(1341439, {"Revenues": {"USD": ORACLE}}))
    q4 = current("ORCL", "revenue")["FY2022Q4"]
    assert q4["value"] == 11_840 * M  # 42,440M − 30,600M, not the year
    assert q4["conflict"] is True
    sides = {r["value"]: r for r in stored("ORCL", "revenue", "FY2022Q4")}
    assert set(sides) == {42_440 * M, 11_840 * M}  # the reported figure is kept, marked
    assert "equals the fiscal year FY2022" in sides[42_440 * M]["note"]
    assert sides[11_840 * M]["source"].endswith("(fiscal year minus nine months)")
    growth = current("ORCL", "revenue_yoy")["FY2023Q4"]["value"]
    assert round(growth * 100, 1) == 16.9  # not −67.4%
    # A year whose quarters add up is left alone: FY2023's reported Q4 stands.
    assert [r["value"] for r in stored("ORCL", "revenue", "FY2023Q4")] == [13_837 * M]


def test_quarters_that_do_not_add_up_to_the_year_are_corrected(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("ORCL", 1341439, 5))
    facts = [f for f in ORACLE if f["accn"] not in ("K-22",)] + [
        fact("2021-06-01", "2022-05-31", 42_440 * M, "10-K", "2022-06-21", "K-22"),
        # Not the year, but not the quarter either: 11,000M where FY − 9M is 11,840M.
        fact("2022-03-01", "2022-05-31", 11_000 * M, "10-K", "2022-06-21", "K-22"),
    ]
    imported(capsys, tmp_path, document(1341439, {"Revenues": {"USD": facts}}))
    assert current("ORCL", "revenue")["FY2022Q4"]["value"] == 11_840 * M
    (reported,) = [r for r in stored("ORCL", "revenue", "FY2022Q4") if r["value"] == 11_000 * M]
    assert "the four quarters add up to 41,600,000,000" in reported["note"]


# Amazon 2016 capex: the 10-Qs tag the net figure (PaymentsToAcquireProductiveAssets), the 10-K
# the gross one; 7,804M gross year − 4,731M net nine months "= 3,073M" is no quarter.
NET_9M = fact("2016-01-01", "2016-09-30", 4_731 * M, "10-Q", "2016-10-28", "Q3-16")
GROSS_FY = fact("2016-01-01", "2016-12-31", 7_804 * M, "10-K", "2017-02-10", "K-16")
NET_FY = fact("2016-01-01", "2016-12-31", 6_737 * M, "10-K", "2017-02-10", "K-16")


def test_q4_is_never_a_year_of_one_tag_minus_nine_months_of_another(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("AMZ2", 2018724, 12))
    tags = {
        "PaymentsToAcquireProductiveAssets": {"USD": [NET_9M]},
        "PaymentsToAcquirePropertyPlantAndEquipment": {"USD": [GROSS_FY]},
    }
    imported(capsys, tmp_path, document(2018724, tags))
    assert stored("AMZ2", "capex", "FY2016Q4") == []  # not 3,073M
    assert [r["value"] for r in stored("AMZ2", "capex", "FY2016")] == [7_804 * M]


def test_two_tags_of_one_filing_that_disagree_are_both_kept_as_a_conflict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("AMZ2", 2018724, 12))
    tags = {
        "PaymentsToAcquireProductiveAssets": {"USD": [NET_9M, NET_FY]},
        "PaymentsToAcquirePropertyPlantAndEquipment": {"USD": [GROSS_FY]},
    }
    imported(capsys, tmp_path, document(2018724, tags))
    # The quarter comes from one tag: 6,737M − 4,731M.
    assert [r["value"] for r in stored("AMZ2", "capex", "FY2016Q4")] == [2_006 * M]
    sides = {r["value"]: r["source"] for r in stored("AMZ2", "capex", "FY2016")}
    assert sides == {
        7_804 * M: "SEC EDGAR 10-K K-16 filed 2017-02-10 "
        "(us-gaap:PaymentsToAcquirePropertyPlantAndEquipment)",
        6_737
        * M: "SEC EDGAR 10-K K-16 filed 2017-02-10 (us-gaap:PaymentsToAcquireProductiveAssets)",
    }
    assert current("AMZ2", "capex")["FY2016"]["conflict"] is True


def test_revenues_against_revenue_from_contracts_ten_times_apart_is_a_conflict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("LPX", 99, 12))
    year = ("2024-01-01", "2024-12-31")
    tags = {
        "Revenues": {"USD": [fact(*year, 43_862_372, "10-K", "2025-04-02", "K")]},
        "RevenueFromContractWithCustomerExcludingAssessedTax": {
            "USD": [fact(*year, 5_053_779, "10-K", "2025-04-02", "K")]
        },
    }
    imported(capsys, tmp_path, document(99, tags))
    assert sorted(r["value"] for r in stored("LPX", "revenue", "FY2024")) == [5_053_779, 43_862_372]
    assert current("LPX", "revenue")["FY2024"]["conflict"] is True
    # The same figure under both tags is one figure, not a conflict.
    add_companies(company("AGR", 98, 12))
    same = {
        "Revenues": {"USD": [fact(*year, 500, "10-K", "2025-04-02", "K2")]},
        "RevenueFromContractWithCustomerExcludingAssessedTax": {
            "USD": [fact(*year, 500, "10-K", "2025-04-02", "K2")]
        },
    }
    imported(capsys, tmp_path, document(98, same))
    (row,) = stored("AGR", "revenue", "FY2024")
    assert row["source"] == "SEC EDGAR 10-K K2 filed 2025-04-02"


def test_older_and_alternative_tags_are_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("AMZ2", 2018724, 12))
    tags = {
        "SalesRevenueNet": {
            "USD": [fact("2015-01-01", "2015-12-31", 107_006 * M, "10-K", "2016-01-29", "K-15")]
        },
        "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations": {
            "USD": [fact("2015-01-01", "2015-12-31", 11_920 * M, "10-K", "2016-01-29", "K-15")]
        },
    }
    imported(capsys, tmp_path, document(2018724, tags))
    assert [r["value"] for r in stored("AMZ2", "revenue", "FY2015")] == [107_006 * M]
    assert [r["value"] for r in stored("AMZ2", "operating_cash_flow", "FY2015")] == [11_920 * M]


def test_facts_that_cannot_be_read_are_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("T", 42, 12))
    good = fact("2024-01-01", "2024-12-31", 380, "10-K", "2025-02-01")
    entries = [
        good,
        {**good, "end": "2024-13-01"},
        {**good, "val": "n/a"},
        "not an entry",
        {"end": "2024-12-31", "val": 5, "filed": "2025-02-01"},  # an instant: not counted
    ]
    out = imported(capsys, tmp_path, document(42, {"Revenues": {"USD": entries}}))
    assert "1 new row for T" in out and "3 facts could not be read" in out


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (b'[{"cik": 1}]', "a JSON array of 1 item, not an SEC EDGAR companyfacts response"),
        (
            b"<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title>",
            "an HTML web page titled 'SEC.gov | Request Rate Threshold Exceeded'",
        ),
        (gzip.compress(b'{"cik": 1}', mtime=0), "a gzip-compressed file; decompress it first"),
        (b'{"cik": 1, "name": "X", "filings": {}}', "an SEC EDGAR submissions response"),
    ],
)
def test_a_file_that_is_not_companyfacts_is_named_for_what_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, named: str
) -> None:
    path = tmp_path / "download.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "import", str(path))
    assert code == 2 and named in err
    assert "latin-1" not in err and "CSV" not in err


def test_remove_one_companys_edgar_import_in_one_step(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    add_companies(company("ORCL", 1341439, 5), company("NVDA", 1045810, 1))
    imported(capsys, tmp_path, document(1341439, {"Revenues": {"USD": ORACLE}}))
    nvda = [fact("2023-01-30", "2024-01-28", 60_922 * M, "10-K", "2024-02-21", "K-22")]
    imported(capsys, tmp_path, document(1045810, {"Revenues": {"USD": nvda}}))
    # Filing agents share accession prefixes: "K-2" names both companies' filings.
    code, _, err = run(capsys, "data", "remove", "SEC EDGAR 10-K K-2", "--prefix")
    assert code == 2 and "NVDA, ORCL" in err and "--company" in err
    assert main(["data", "remove", "--company", "ORCL", "--prefix", "SEC EDGAR"]) == 0
    out, _ = capsys.readouterr()
    assert "removed" in out and "ORCL" in out
    left = store.read(resolve().imported)
    assert set(left.get_column("company").to_list()) == {"NVDA"}
