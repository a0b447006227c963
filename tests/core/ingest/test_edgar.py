"""SEC EDGAR companyfacts: real responses for Snowflake (10-K/10-Q, January year) and an IFRS 20-F.

Expected values were read by hand from the fixture JSON; derived quarters are the differences
written out in each test.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import store
from capexwatch.core.ingest import companyfacts
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures"
SNOW = FIXTURES / "CIK0001640147_SNOW_companyfacts.json"
LPA = FIXTURES / "CIK0001997711_LPA_companyfacts_ifrs_20F.json"
SNOW_TOML = (
    '\n[company.SNOW]\nname = "Snowflake"\ncurrency = "USD"\n'
    "fiscal_year_end_month = 1\ncik = 1640147\n"
)
LPA_TOML = (
    '\n[company.LPA]\nname = "LPA"\ncurrency = "USD"\nfiscal_year_end_month = 12\ncik = 1997711\n'
)


def add_companies(*tables: str) -> None:
    path = resolve().watchlist
    watchlist.ensure_exists(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(tables))


def imported(company: str, metric: str) -> dict[str, dict[str, object]]:
    frame = store.read(resolve().imported).filter(
        (pl.col("company") == company) & (pl.col("metric") == metric)
    )
    return {r["period"]: r for r in frame.iter_rows(named=True)}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def snow(capsys: pytest.CaptureFixture[str]) -> str:
    add_companies(SNOW_TOML)
    code, out, err = run(capsys, "import", str(SNOW))
    assert code == 0, err
    return out


def test_snowflake_quarters_follow_its_january_fiscal_year(snow: str) -> None:
    assert "for SNOW from SEC EDGAR companyfacts" in snow
    revenue = imported("SNOW", "revenue")
    q1 = revenue["FY2025Q1"]
    assert (q1["freq"], str(q1["period_start"]), str(q1["period_end"])) == (
        "Q",
        "2024-02-01",
        "2024-04-30",
    )
    assert q1["value"] == 828_709_000
    # Repeated as a comparative in 2025; dated by the filing that first reported it.
    assert q1["source"] == "SEC EDGAR 10-Q 0001640147-24-000135 filed 2024-05-31"
    assert str(q1["published"]) == "2024-05-31"
    fy = revenue["FY2025"]
    assert (fy["freq"], fy["value"]) == ("FY", 3_626_396_000)
    assert fy["source"] == "SEC EDGAR 10-K 0001640147-25-000052 filed 2025-03-21"


def test_the_fourth_quarter_is_the_year_minus_nine_months(snow: str) -> None:
    q4 = imported("SNOW", "revenue")["FY2025Q4"]
    assert q4["value"] == 3_626_396_000 - 2_639_626_000 == 986_770_000
    assert (str(q4["period_start"]), str(q4["period_end"])) == ("2024-11-01", "2025-01-31")
    assert q4["source"] == "SEC EDGAR 10-K 0001640147-25-000052 filed 2025-03-21"
    assert "derived" in str(q4["note"])
    ocf = imported("SNOW", "operating_cash_flow")["FY2025Q4"]
    assert ocf["value"] == 959_764_000 - 527_039_000
    loss = imported("SNOW", "operating_income")["FY2025Q4"]
    assert loss["value"] == -1_456_010_000 - -1_069_332_000


def test_a_quarter_reported_only_year_to_date_is_a_difference(snow: str) -> None:
    capex = imported("SNOW", "capex")
    # Capex is only ever reported year to date: 16.519M (Q1), 21.562M (H1), 35.002M (9M).
    assert capex["FY2025Q1"]["value"] == 16_519_000
    assert capex["FY2025Q2"]["value"] == 21_562_000 - 16_519_000
    assert capex["FY2025Q3"]["value"] == 35_002_000 - 21_562_000
    assert capex["FY2025Q4"]["value"] == 46_279_000 - 35_002_000


def test_a_10q_fact_mislabelled_fp_fy_stays_a_quarter(snow: str) -> None:
    revenue = imported("SNOW", "revenue")
    # accn 0001640147-22-000044 is a 10-Q whose facts say fp "FY": 2022-02-01..2022-04-30.
    assert revenue["FY2023Q1"]["value"] == 422_371_000
    years = {p: r for p, r in revenue.items() if r["freq"] == "FY"}
    assert sorted(years) == [f"FY{y}" for y in range(2019, 2026)]
    assert all(str(r["period_end"]).endswith("-01-31") for r in years.values())


def test_data_show_json_has_discrete_quarters_and_derived_fcf(
    snow: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "data", "show", "SNOW", "--metric", "free_cash_flow", "--json")
    assert code == 0
    rows = {r["period"]: r for r in json.loads(out)["observations"]}
    q4 = rows["FY2025Q4"]
    assert q4["derived"] is True
    assert q4["value"] == pytest.approx((959_764_000 - 527_039_000) - (46_279_000 - 35_002_000))
    assert set(q4) >= {
        "company",
        "metric",
        "period",
        "freq",
        "period_start",
        "period_end",
        "value",
        "unit",
        "kind",
        "published",
        "source",
    }
    assert q4["freq"] == "Q" and q4["period_end"] == "2025-01-31" and q4["unit"] == "USD"


def test_an_unknown_cik_says_how_to_add_the_company(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(LPA))
    assert code == 2
    assert "CIK 1997711 (Logistic Properties of the Americas) is not a company" in err
    assert "[company.LPA]" in err and "cik = 1997711" in err
    assert "fiscal_year_end_month = 12" in err
    assert not resolve().imported.exists()


def test_ifrs_20f_annual_figures(capsys: pytest.CaptureFixture[str]) -> None:
    add_companies(LPA_TOML)
    code, _, err = run(capsys, "import", str(LPA))
    assert code == 0, err
    revenue = imported("LPA", "revenue")
    assert sorted(revenue) == ["FY2021", "FY2022", "FY2023", "FY2024"]
    assert revenue["FY2024"]["value"] == 43_862_372
    assert revenue["FY2022"]["source"] == "SEC EDGAR 20-F 0001493152-24-016772 filed 2024-04-26"
    assert imported("LPA", "capex")["FY2024"]["value"] == 71_066
    assert imported("LPA", "operating_cash_flow")["FY2023"]["value"] == 17_199_470
    assert all(r["unit"] == "USD" for r in revenue.values())


def test_a_fiscal_year_end_that_disagrees_with_the_filings_is_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_companies(SNOW_TOML.replace("fiscal_year_end_month = 1", "fiscal_year_end_month = 12"))
    code, _, err = run(capsys, "import", str(SNOW))
    assert code == 2
    assert "annual reports end in month 1" in err and "fiscal_year_end_month = 1" in err


def fact(start: str, end: str, val: float, form: str, filed: str, accn: str = "A") -> dict:
    return {
        "start": start,
        "end": end,
        "val": val,
        "accn": accn,
        "fy": 2099,
        "fp": "FY",
        "form": form,
        "filed": filed,
    }


def synthetic(tags: dict[str, dict[str, list[dict]]]) -> dict:
    return {
        "cik": 42,
        "entityName": "Test Co",
        "facts": {"us-gaap": {tag: {"label": tag, "units": units} for tag, units in tags.items()}},
    }


COMPANY = {"T": watchlist.Company("T", "Test", "USD", 12, 42)}


def rows_of(document: dict) -> dict[tuple[str, str, str], float]:
    found = companyfacts.read_companyfacts(document, COMPANY, Path("t.json"))
    return {(r["metric"], r["unit"], r["period"]): r["value"] for r in found.rows}


def test_the_newest_fact_across_candidate_tags_wins() -> None:
    document = synthetic(
        {
            "PaymentsToAcquirePropertyPlantAndEquipment": {
                "USD": [
                    fact("2024-01-01", "2024-03-31", 10, "10-Q", "2024-05-01"),
                    fact("2024-04-01", "2024-06-30", 20, "10-Q", "2024-08-01"),
                ]
            },
            "PaymentsToAcquireProductiveAssets": {
                "USD": [
                    fact("2024-01-01", "2024-03-31", 12, "10-Q", "2025-05-01"),
                ]
            },
        }
    )
    rows = rows_of(document)
    assert rows[("capex", "USD", "FY2024Q1")] == 12
    assert rows[("capex", "USD", "FY2024Q2")] == 20


def test_a_trailing_twelve_months_in_a_10q_is_never_a_year() -> None:
    document = synthetic(
        {
            "Revenues": {
                "USD": [
                    fact("2023-07-01", "2024-06-30", 400, "10-Q", "2024-08-01"),
                    fact("2023-01-01", "2023-12-31", 380, "10-K", "2024-02-01"),
                ],
                "USD/shares": [fact("2023-01-01", "2023-12-31", 1.5, "10-K", "2024-02-01")],
            }
        }
    )
    assert rows_of(document) == {("revenue", "USD", "FY2023"): 380}


def test_every_currency_is_read_and_the_reporting_one_wins_a_period() -> None:
    document = synthetic(
        {
            "Revenues": {
                "USD": [fact("2023-01-01", "2023-12-31", 380, "10-K", "2024-02-01")],
                # A convenience translation of the same year, and a year only given in euros.
                "EUR": [
                    fact("2023-01-01", "2023-12-31", 350, "10-K", "2024-02-01"),
                    fact("2022-01-01", "2022-12-31", 300, "10-K", "2023-02-01"),
                ],
            },
            "OperatingIncomeLoss": {
                "JPY": [fact("2023-01-01", "2023-12-31", 9000, "10-K", "2024-02-01")]
            },
        }
    )
    assert rows_of(document) == {
        ("revenue", "USD", "FY2023"): 380,
        ("revenue", "EUR", "FY2022"): 300,
        ("operating_income", "JPY", "FY2023"): 9000,
    }


def test_a_document_without_the_mapped_tags_is_an_error() -> None:
    with pytest.raises(DataError, match="no revenue, operating income"):
        rows_of(
            synthetic(
                {"Goodwill": {"USD": [fact("2023-01-01", "2023-12-31", 1, "10-K", "2024-02-01")]}}
            )
        )


def test_a_year_repeated_in_a_later_10q_is_still_the_fiscal_year() -> None:
    document = synthetic(
        {
            "Revenues": {
                "USD": [
                    fact("2023-01-01", "2023-12-31", 380, "10-K", "2024-02-01", "K1"),
                    fact("2023-01-01", "2023-12-31", 385, "10-Q", "2024-05-01", "Q1"),
                ]
            }
        }
    )
    found = companyfacts.read_companyfacts(document, COMPANY, Path("t.json"))
    (row,) = found.rows
    assert (row["period"], row["freq"], row["value"]) == ("FY2023", "FY", 385)
    assert row["source"] == "SEC EDGAR 10-Q Q1 filed 2024-05-01"
