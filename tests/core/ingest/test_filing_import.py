"""`capexwatch import` of an XBRL filing: headline figures and the watchlist's mapped segments.

Expected values are the filings' own (Amazon's 10-K 2022 segment table, NVIDIA's 10-Q for the
quarter to 2025-07-27), and the hand-written ACME 10-Q's, whose cloud operating loss is written
"(150)" with sign="-".
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import metrics, store
from capexwatch.core.ingest import filing
from capexwatch.core.watchlist import model as watchlist
from capexwatch.tui.cli import main

XBRL = Path(__file__).parents[2] / "fixtures" / "xbrl"
AMZN, NVDA, IBM = "amzn-20221231_htm.xml", "nvda-10q-2025-08-27.htm", "ibm-20241231.htm"
ACME = "acme-20250930-segment-loss.htm"
M = 1_000_000
EXTRA = """
[company.NVDA]
name = "NVIDIA"
currency = "USD"
fiscal_year_end_month = 1
cik = 1045810

[company.NVDA.segments]
datacenter = "nvda:ComputeAndNetworkingSegmentMember"
graphics = "GraphicsSegmentMember"

[company.ACME]
name = "Acme Cloud"
currency = "USD"
cik = 42
segments = { cloud = "CloudSegmentMember" }
"""


@pytest.fixture(autouse=True)
def mapped_watchlist() -> None:
    path = resolve().watchlist
    watchlist.ensure_exists(path)
    text = path.read_text("utf-8").replace(
        "cik = 1018724\n",
        'cik = 1018724\nsegments = { cloud = "AmazonWebServicesSegmentMember", '
        'north_america = "amzn:NorthAmericaSegmentMember" }\n',
    )
    path.write_text(text + EXTRA, "utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def imported(company: str) -> pl.DataFrame:
    return store.read(resolve().imported).filter(pl.col("company") == company)


def values(frame: pl.DataFrame, metric: str) -> dict[str, float]:
    rows = frame.filter(pl.col("metric") == metric).iter_rows(named=True)
    return {r["period"]: r["value"] for r in rows}


def derived(frame: pl.DataFrame, metric: str) -> dict[str, float]:
    return values(metrics.compute(frame, [metric]), metric)


def test_amazon_instance_gives_aws_as_the_filing_states_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "import", str(XBRL / AMZN))
    assert code == 0, err
    assert "for AMZN from SEC 10-K XBRL" in out
    data = imported("AMZN")
    assert values(data, "cloud_revenue") == {
        "FY2022": 80_096 * M, "FY2021": 62_202 * M, "FY2020": 45_370 * M,
    }  # fmt: skip
    assert values(data, "cloud_operating_income") == {
        "FY2022": 22_841 * M, "FY2021": 18_532 * M, "FY2020": 13_531 * M,
    }  # fmt: skip
    # A segment's operating loss in an instance is a negative number (North America, 2022).
    assert values(data, "north_america_operating_income")["FY2022"] == -2_847 * M
    assert values(data, "revenue")["FY2022"] == 513_983 * M
    margin = derived(data, "cloud_margin")
    assert margin["FY2022"] == pytest.approx(22_841 / 80_096)
    assert derived(data, "cloud_revenue_yoy")["FY2022"] == pytest.approx(80_096 / 62_202 - 1)
    source = data.filter(pl.col("metric") == "cloud_revenue").get_column("source")[0]
    assert source == f"SEC EDGAR 10-K {AMZN}, segment amzn:AmazonWebServicesSegmentMember"
    # The same AWS revenue on the product axis, Rivian on an equity-method axis: not segments.
    assert set(data.get_column("metric")) == {
        "revenue", "operating_income", "operating_cash_flow", "capex",
        "cloud_revenue", "cloud_operating_income",
        "north_america_revenue", "north_america_operating_income",
    }  # fmt: skip


def test_nvidia_inline_two_dimension_contexts_and_bare_or_prefixed_members(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run(capsys, "import", str(XBRL / NVDA))
    assert code == 0, err
    data = imported("NVDA")
    revenue = values(data, "datacenter_revenue")
    assert revenue["FY2026Q2"] == 41_331 * M  # the quarter, not the six months' 80,920
    assert set(revenue) == {"FY2026Q2", "FY2025Q2"}
    assert values(data, "graphics_revenue")["FY2026Q2"] > 0
    row = data.filter(pl.col("metric") == "datacenter_revenue").row(0, named=True)
    assert str(row["period_end"]) in ("2025-07-27", "2024-07-28")
    assert "datacenter_margin" in metrics.compute(data, ["datacenter_margin"])["metric"]


def test_inline_segment_loss_with_sign_scale_and_formats(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run(capsys, "import", str(XBRL / ACME))
    assert code == 0, err
    data = imported("ACME")
    assert values(data, "cloud_revenue") == {"FY2025Q3": 1_200 * M, "FY2024Q3": 1_000 * M}
    assert values(data, "cloud_operating_income") == {"FY2025Q3": -150 * M, "FY2024Q3": 0.0}
    assert derived(data, "cloud_margin") == {"FY2025Q3": pytest.approx(-0.125), "FY2024Q3": 0.0}
    assert derived(data, "cloud_revenue_yoy") == {"FY2025Q3": pytest.approx(0.2)}
    assert values(data, "revenue") == {"FY2025Q3": 5_000 * M, "FY2024Q3": 4_000 * M}
    # Nine months of capex alone give no quarter, and a file names no filing date.
    assert "capex" not in set(data.get_column("metric"))
    assert data.get_column("published").is_null().all()


def test_a_mapped_member_missing_from_the_filing_is_named_with_the_members_there(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = resolve().watchlist
    path.write_text(
        path.read_text("utf-8").replace('"CloudSegmentMember"', '"CloudSegmentMembr"'), "utf-8"
    )
    code, _out, err = run(capsys, "import", str(XBRL / ACME))
    assert code == 0
    assert "segment cloud = 'CloudSegmentMembr': no revenue or operating income" in err
    assert "(members there: CloudSegmentMember)" in err
    assert "cloud_revenue" not in set(imported("ACME").get_column("metric"))


def test_a_filer_not_in_the_watchlist_gets_its_company_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run(capsys, "import", str(XBRL / IBM))
    assert code == 2
    assert "CIK 51143 (INTERNATIONAL BUSINESS MACHINES CORPORATION) is not a company" in err
    assert "[company.IBM]" in err and "cik = 51143" in err
    assert not resolve().imported.exists()


def test_a_filing_without_statements_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    path = resolve().watchlist
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[company.IBM]\nname = "IBM"\ncurrency = "USD"\ncik = 51143\n')
    code, _out, err = run(capsys, "import", str(XBRL / IBM))
    assert code == 2
    assert "no revenue, operating income, operating cash flow or capex" in err


def test_a_wrong_fiscal_year_end_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    path = resolve().watchlist
    path.write_text(path.read_text("utf-8").replace("fiscal_year_end_month = 1\n", ""), "utf-8")
    code, _out, err = run(capsys, "import", str(XBRL / NVDA))
    assert code == 2
    assert "NVDA's fiscal year ends in month 1" in err and "fiscal_year_end_month = 1" in err


def test_an_html_page_without_xbrl_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "page.htm"
    page.write_text("<!DOCTYPE html><html><body><p>10-K</p></body></html>", "utf-8")
    code, _out, err = run(capsys, "import", str(page))
    assert code == 2
    assert "page.htm: an HTML web page" in err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('segments = { Cloud = "AwsMember" }', "segment key 'Cloud' must be lower-case"),
        ("segments = { cloud = 3 }", "a segment is the XBRL member of the segment axis"),
        ('segments = { cloud = "two words" }', "a segment is the XBRL member of the segment axis"),
        ('segments = "AwsMember"', "'company.AMZN.segments' must be a table"),
        ('segmnets = { cloud = "AwsMember" }', "unknown key 'segmnets' in [company.AMZN]"),
        ('next_report = "soon"', "'company.AMZN.next_report' must be a date"),
    ],
)
def test_segments_and_next_report_are_checked_with_their_place(line: str, message: str) -> None:
    path = resolve().watchlist
    text = path.read_text("utf-8")
    text = text.replace("cik = 1018724\nsegments = {", f"cik = 1018724\n{line}\nxsegments = {{")
    text = text.replace("xsegments", "# segments")
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        watchlist.load(path)
    problem = caught.value.problems[0]
    assert message in problem.message
    line_no = text[: text.index(line)].count("\n") + 1
    assert problem.line == line_no


def test_the_default_watchlists_commented_segment_examples_load_once_uncommented() -> None:
    text = watchlist.default_text()
    keys = ("segments", "name", "currency", "fiscal_year_end_month", "cik")
    examples = (*(f"# {key} = " for key in keys), "# [company.GOOGL]")
    lines = [
        line.removeprefix("# ") if line.startswith(examples) else line for line in text.splitlines()
    ]
    path = resolve().config_dir / "uncommented.toml"
    path.write_text("\n".join(lines), "utf-8")
    loaded = watchlist.load(path)
    assert loaded.companies["AMZN"].segments == (("cloud", "AmazonWebServicesSegmentMember"),)
    assert loaded.companies["GOOGL"].segments == (("cloud", "goog:GoogleCloudMember"),)
    assert loaded.companies["MSFT"].segments == (("cloud", "IntelligentCloudMember"),)


@pytest.mark.parametrize(
    ("dimensions", "total"),
    [
        ((("us-gaap:StatementBusinessSegmentsAxis", "amzn:AwsMember"),), True),
        (
            (
                ("srt:ConsolidationItemsAxis", "us-gaap:OperatingSegmentsMember"),
                ("us-gaap:StatementBusinessSegmentsAxis", "amzn:AwsMember"),
            ),
            True,
        ),
        (
            (
                ("ifrs-full:SegmentConsolidationItemsAxis", "ifrs-full:OperatingSegmentsMember"),
                ("ifrs-full:SegmentsAxis", "baba:AwsMember"),
            ),
            True,
        ),
        (
            (
                ("srt:ConsolidationItemsAxis", "us-gaap:IntersegmentEliminationMember"),
                ("us-gaap:StatementBusinessSegmentsAxis", "amzn:AwsMember"),
            ),
            False,
        ),
        (
            (
                ("srt:ProductOrServiceAxis", "amzn:ComputeMember"),
                ("us-gaap:StatementBusinessSegmentsAxis", "amzn:AwsMember"),
            ),
            False,
        ),
        ((("srt:ProductOrServiceAxis", "amzn:AwsMember"),), False),
    ],
)
def test_a_segments_total_is_its_member_alone_or_beside_operating_segments(
    dimensions: tuple[tuple[str, str], ...], total: bool
) -> None:
    assert (filing.segment_of(dimensions, "AwsMember") is not None) is total
