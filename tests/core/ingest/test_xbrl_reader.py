"""The XBRL reader (core/ingest/xbrl) on three real SEC filings and small hand-written ones."""

import contextlib
import gzip
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from capexwatch.core.ingest.xbrl import document as xbrl
from capexwatch.core.ingest.xbrl.document import Document, Fact, Period, XbrlError
from capexwatch.core.ingest.xbrl.inline import text_of

FIXTURES = Path(__file__).parents[2] / "fixtures" / "xbrl"
AMZN, IBM, NVDA = "amzn-20221231_htm.xml", "ibm-20241231.htm", "nvda-10q-2025-08-27.htm"
SEGMENT_AXIS = "us-gaap:StatementBusinessSegmentsAxis"
IX = "{http://www.xbrl.org/2013/inlineXBRL}"
M = 1_000_000


@pytest.fixture(scope="module", params=[AMZN, IBM, NVDA])
def any_fixture(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, (FIXTURES / request.param).read_bytes()


_docs: dict[str, Document] = {}


def doc(name: str) -> Document:
    if name not in _docs:
        _docs[name] = xbrl.read((FIXTURES / name).read_bytes(), name)
    return _docs[name]


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31))


def find(d: Document, concept: str, period: Period, **dims: str) -> list[Fact]:
    """Facts of `concept` in `period` whose dimensions are exactly `dims` (axis local -> member)."""
    return [
        f
        for f in d.facts
        if f.concept == concept
        and f.period == period
        and {a.rpartition(":")[2]: m for a, m in f.dimensions}.keys() == dims.keys()
        and all(xbrl.member_matches(m, dims[a.rpartition(":")[2]]) for a, m in f.dimensions)
    ]


def one(d: Document, concept: str, period: Period, **dims: str) -> Fact:
    found = find(d, concept, period, **dims)
    assert len(found) == 1, found
    return found[0]


# --- Amazon 10-K 2022, XBRL instance ---------------------------------------------------------

AWS = "AmazonWebServicesSegmentMember"
REVENUE = "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"


@pytest.mark.parametrize(("y", "millions"), [(2022, 80_096), (2021, 62_202), (2020, 45_370)])
def test_amazon_aws_segment_revenue(y: int, millions: int) -> None:
    fact = one(doc(AMZN), REVENUE, year(y), StatementBusinessSegmentsAxis=AWS)
    assert fact.value == millions * M
    assert fact.unit == "USD" and fact.decimals == -6
    assert fact.dimensions == ((SEGMENT_AXIS, "amzn:AmazonWebServicesSegmentMember"),)


@pytest.mark.parametrize(("y", "millions"), [(2022, 22_841), (2021, 18_532), (2020, 13_531)])
def test_amazon_aws_segment_operating_income(y: int, millions: int) -> None:
    fact = one(doc(AMZN), "us-gaap:OperatingIncomeLoss", year(y), StatementBusinessSegmentsAxis=AWS)
    assert fact.value == millions * M


def test_amazon_international_operating_loss_is_negative() -> None:
    def income(y: int) -> float | None:
        f = one(
            doc(AMZN),
            "us-gaap:OperatingIncomeLoss",
            year(y),
            StatementBusinessSegmentsAxis=("InternationalSegmentMember"),
        )
        return f.value

    assert income(2022) == -7_746 * M
    assert income(2021) == -924 * M
    assert income(2020) == 717 * M


def test_amazon_two_dimension_segment_assets_and_capex() -> None:
    capex = one(
        doc(AMZN),
        "us-gaap:PropertyPlantAndEquipmentAdditions",
        year(2022),
        StatementBusinessSegmentsAxis=AWS,
        ConsolidationItemsAxis="OperatingSegmentsMember",
    )
    assert capex.value == 27_755 * M
    assert capex.dimensions[0] == ("srt:ConsolidationItemsAxis", "us-gaap:OperatingSegmentsMember")


def test_amazon_typed_member_nil_and_dei() -> None:
    d = doc(AMZN)
    rpo = find(
        d,
        "us-gaap:RevenueRemainingPerformanceObligation",
        Period(None, date(2022, 12, 31)),
        RevenueRemainingPerformanceObligationExpectedTimingOfSatisfactionStartDateAxis="2023-01-01",
    )
    assert [f.value for f in rpo] == [110_400 * M]
    nil = find(d, "us-gaap:CommitmentsAndContingencies", Period(None, date(2022, 12, 31)))
    assert [f.value for f in nil] == [None]
    assert d.dei["DocumentType"] == "10-K"
    assert d.dei["EntityCentralIndexKey"] == "0001018724"
    assert d.dei["TradingSymbol"] == "AMZN"
    assert "DocumentsIncorporatedByReferenceTextBlock" not in d.dei


def test_amazon_repeated_facts_are_kept_once() -> None:
    # The instance writes 1,280 numeric items; 117 repeat an earlier one exactly.
    d = doc(AMZN)
    assert len(d.facts) == 1_163
    keys = [(f.concept, f.unit, f.period, f.dimensions) for f in d.facts]
    assert len(set(keys)) == len(keys)
    assert d.skipped == ()


# --- IBM 10-K 2024, inline XBRL ---------------------------------------------------------------

ALLOWANCE_AXIS = "us-gaap:ValuationAllowancesAndReservesTypeAxis"


def test_ibm_dei() -> None:
    dei = doc(IBM).dei
    assert dei["DocumentType"] == "10-K"
    assert dei["DocumentFiscalYearFocus"] == "2024"
    assert dei["DocumentPeriodEndDate"] == "2024-12-31"  # shown as "DECEMBER 31, 2024"
    assert dei["EntityRegistrantName"] == "INTERNATIONAL BUSINESS MACHINES CORPORATION"
    assert dei["TradingSymbol"] == "IBM"  # not "IBM 25A", a note listed on an exchange axis


def test_ibm_schedule_ii_matches_printed_table() -> None:
    # Printed row "2024 Current  $ 431  $ (11)  $ (146)  $ (20)  $ 254" (USD millions). "(11)"
    # carries sign="-"; "(146)" is a positive write-off with typographic parentheses.
    d, member = doc(IBM), "AllowanceForCreditLossesCurrentMember"
    axis = {"ValuationAllowancesAndReservesTypeAxis": member}
    pre = "us-gaap:ValuationAllowancesAndReserves"
    assert one(d, pre + "Balance", Period(None, date(2023, 12, 31)), **axis).value == 431 * M
    assert one(d, pre + "ChargedToCostAndExpense", year(2024), **axis).value == -11 * M
    assert one(d, pre + "Deductions", year(2024), **axis).value == 146 * M
    assert one(d, pre + "Adjustments", year(2024), **axis).value == -20 * M
    assert one(d, pre + "Balance", Period(None, date(2024, 12, 31)), **axis).value == 254 * M
    # The member is written on its own line with indentation in the file.
    fact = one(d, pre + "Balance", Period(None, date(2024, 12, 31)), **axis)
    assert fact.dimensions == ((ALLOWANCE_AXIS, "ibm:" + member),)


def test_ibm_fixed_zero_dash_and_public_float() -> None:
    d, axis = (
        doc(IBM),
        {"ValuationAllowancesAndReservesTypeAxis": "AllowanceForCreditLossesNoncurrentMember"},
    )
    # Printed "—" in the 2023 Noncurrent write-offs column, format ixt:fixed-zero.
    assert one(d, "us-gaap:ValuationAllowancesAndReservesDeductions", year(2023), **axis).value == 0
    public_float = [f for f in d.facts if f.concept == "dei:EntityPublicFloat"]
    assert [(f.value, f.decimals) for f in public_float] == [(159_200 * M, -8)]  # "159.2" scale 9


def test_ibm_primary_document_has_no_segment_facts() -> None:
    # IBM's 10-K incorporates its financial statements from Exhibit 13, a separate document of
    # the same inline filing: this file declares the segment contexts (ibm:SoftwareMember, ...)
    # but holds only the cover page and Schedule II facts.
    d = doc(IBM)
    assert len(d.facts) == 54
    assert not [f for f in d.facts if any(a == SEGMENT_AXIS for a, _ in f.dimensions)]


# --- NVIDIA 10-Q for the quarter to 2025-07-27, inline XBRL -------------------------------------

Q2_FY26 = Period(date(2025, 4, 28), date(2025, 7, 27))  # 13 weeks
H1_FY26 = Period(date(2025, 1, 27), date(2025, 7, 27))  # 26 weeks
Q2_FY25 = Period(date(2024, 4, 29), date(2024, 7, 28))
SEGMENT = {"ConsolidationItemsAxis": "OperatingSegmentsMember"}


@pytest.mark.parametrize(
    ("member", "quarter", "half"),
    [
        ("ComputeAndNetworkingSegmentMember", 41_331, 80_920),
        ("GraphicsSegmentMember", 5_412, 9_885),
    ],
)
def test_nvidia_segment_revenue_quarter_and_half_year(member: str, quarter: int, half: int) -> None:
    d = doc(NVDA)
    dims = SEGMENT | {"StatementBusinessSegmentsAxis": member}
    q = one(d, "us-gaap:Revenues", Q2_FY26, **dims)
    h = one(d, "us-gaap:Revenues", H1_FY26, **dims)
    assert (q.value, h.value) == (quarter * M, half * M)
    assert q.period.end == h.period.end == date(2025, 7, 27)
    assert len(q.dimensions) == 2


def test_nvidia_segment_operating_income_prior_year() -> None:
    dims = SEGMENT | {"StatementBusinessSegmentsAxis": "ComputeAndNetworkingSegmentMember"}
    assert one(doc(NVDA), "us-gaap:OperatingIncomeLoss", Q2_FY25, **dims).value == 18_848 * M


def test_nvidia_scale_6_value_is_display_text_times_a_million() -> None:
    root = etree.fromstring((FIXTURES / NVDA).read_bytes())
    shown = {
        (e.get("name"), e.get("contextRef")): (
            -1 if e.get("sign") == "-" else 1,
            text_of(e),
        )
        for e in root.iter(IX + "nonFraction")
        if e.get("scale") == "6" and e.get("format") == "ixt:num-dot-decimal"
    }
    facts = {(f.concept, f.context): f.value for f in doc(NVDA).facts}
    assert len(shown) > 400
    for key, (sign, text) in shown.items():
        if key in facts:  # a duplicate may have been replaced by a finer twin
            assert facts[key] == sign * int(text.replace(",", "")) * M, key
    assert shown[("us-gaap:Revenues", "c-133")] == (1, "41,331")
    assert facts["us-gaap:DeferredIncomeTaxExpenseBenefit", "c-1"] == -2_160 * M  # sign="-"


def test_nvidia_dei() -> None:
    dei = doc(NVDA).dei
    assert dei["DocumentType"] == "10-Q"
    assert dei["DocumentFiscalPeriodFocus"] == "Q2"
    assert dei["DocumentFiscalYearFocus"] == "2026"
    assert dei["DocumentPeriodEndDate"] == "2025-07-27"  # shown as "July 27, 2025"
    assert dei["CurrentFiscalYearEndDate"] == "--01-25"  # shown as "1/25"
    assert dei["EntityShellCompany"] == "false"  # shown as "No ☒" under ixt:fixed-false


def test_nvidia_odd_formats() -> None:
    d = doc(NVDA)
    by = {(f.concept, f.context): f for f in d.facts}
    assert by["us-gaap:NumberOfReportableSegments", "c-1"].value == 2  # numwordsen "two"
    assert by["us-gaap:NumberOfOperatingSegments", "c-1"].value == 2  # outer of a nested pair
    assert by["us-gaap:CommercialPaper", "c-130"].value == 0  # fixed-zero over the word "no"
    assert by["us-gaap:LongTermDebtPercentageBearingFixedInterestRate", "c-108"].value == 0.032
    assert by["us-gaap:CommitmentsAndContingencies", "c-6"].value is None  # nil
    assert by["us-gaap:PreferredStockValueOutstanding", "c-6"].value == 0  # "—"


def test_nvidia_rounded_duplicate_keeps_the_finer_value() -> None:
    # Income tax appears as "4,784" (millions) in the statements and "4.8" (billions) in MD&A.
    fact = one(doc(NVDA), "us-gaap:IncomeTaxExpenseBenefit", Q2_FY26)
    assert (fact.value, fact.decimals) == (4_784 * M, -6)
    assert doc(NVDA).skipped == ()


def test_fixtures_sniff_as_xbrl_and_read_without_skipping(any_fixture: tuple[str, bytes]) -> None:
    name, data = any_fixture
    assert xbrl.is_xbrl(data)
    assert xbrl.read(data, name).facts


# --- small hand-written inline documents --------------------------------------------------------

NAMESPACES = (
    'xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
    'xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" '
    'xmlns:iso4217="http://www.xbrl.org/2003/iso4217" '
    'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" '
    'xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:gaap="http://fasb.org/us-gaap/2024" '
    'xmlns:srt="http://fasb.org/srt/2024" xmlns:dei="http://xbrl.sec.gov/dei/2024" '
    'xmlns:acme="http://acme.example/20241231"'
)
CONTEXTS = """
<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier>
  </xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>
  <xbrli:endDate>2024-12-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="c-seg"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier>
  <xbrli:segment>
    <xbrldi:explicitMember dimension="gaap:StatementBusinessSegmentsAxis">
        acme:CloudSegmentMember
    </xbrldi:explicitMember>
    <xbrldi:explicitMember dimension="srt:ConsolidationItemsAxis">gaap:OperatingSegmentsMember
    </xbrldi:explicitMember>
  </xbrli:segment></xbrli:entity>
  <xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-12-31</xbrli:endDate>
  </xbrli:period></xbrli:context>
<xbrli:context id="c-typed"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
  </xbrli:entity><xbrli:period><xbrli:instant>2024-12-31</xbrli:instant></xbrli:period>
  <xbrli:scenario><xbrldi:typedMember dimension="acme:TrancheAxis">
  <acme:Tranche> B 7 </acme:Tranche>
  </xbrldi:typedMember></xbrli:scenario></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>
<xbrli:unit id="eps"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure>
  </xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure>
  </xbrli:unitDenominator></xbrli:divide></xbrli:unit>
"""


def inline(body: str, *, hidden: str = "", prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<html {NAMESPACES}><head><title>t</title>'
        f'</head><body><div style="display:none"><ix:header><ix:hidden>'
        f'<ix:nonNumeric name="dei:DocumentType" contextRef="c-1">10-K</ix:nonNumeric>{hidden}'
        f"</ix:hidden><ix:resources>{CONTEXTS}</ix:resources></ix:header></div>{body}</body></html>"
    ).encode()


def nf(
    text: str, name: str = "gaap:Revenues", ctx: str = "c-1", unit: str = "usd", **attrs: str
) -> str:
    attrs = {"decimals": "-6", "scale": "6"} | attrs
    extra = " ".join(f'{k.replace("_", ":")}="{v}"' for k, v in attrs.items())
    head = f'<ix:nonFraction name="{name}" contextRef="{ctx}" unitRef="{unit}" {extra}>'
    return f"{head}{text}</ix:nonFraction>"


def values(data: bytes) -> list[float | None]:
    return [f.value for f in xbrl.read(data).facts]


def test_inline_segment_operating_loss_with_sign() -> None:
    body = (
        "<table><tr><td>("
        + nf("1,234", "gaap:OperatingIncomeLoss", "c-seg", sign="-", format="ixt:num-dot-decimal")
        + ")</td></tr></table>"
    )
    d = xbrl.read(inline(body))
    (fact,) = d.facts
    assert fact.value == -1_234 * M
    assert fact.concept == "us-gaap:OperatingIncomeLoss"  # gaap: prefix normalised
    assert fact.dimensions == (
        ("srt:ConsolidationItemsAxis", "us-gaap:OperatingSegmentsMember"),
        ("us-gaap:StatementBusinessSegmentsAxis", "acme:CloudSegmentMember"),
    )
    assert d.dei == {"DocumentType": "10-K"}


def test_inline_parentheses_inside_the_tag_are_not_a_sign() -> None:
    d = xbrl.read(inline(nf("(5)", format="ixt:num-dot-decimal") + nf("5", ctx="c-seg")))
    assert [f.value for f in d.facts] == [5 * M]
    assert d.skipped == (
        "fact us-gaap:Revenues in context c-1: the text '(5)' is not a number under "
        "ixt:num-dot-decimal",
    )


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("—", "ixt:fixed-zero", 0),
        ("-", "ixt:zerodash", 0),
        ("1.234,5", "ixt:num-comma-decimal", 1_234.5),
        ("1 234,5", "ixt:numcommadecimal", 1_234.5),
        ("1,234.5", "ixt:numdotdecimal", 1_234.5),
        ("1234", "ixt:num-dot-decimal", 1_234),
        ("no", "ixt-sec:numwordsen", 0),
        ("None", "ixt-sec:numwordsen", 0),
        ("twenty", "ixt-sec:numwordsen", 20),
        ("forty-two", "ixt-sec:numwordsen", 42),
        ("5 dollars 25 cents", "ixt:numunitdecimal", 5.25),
        ("7.5", None, 7.5),
    ],
)
def test_inline_formats(text: str, fmt: str | None, expected: float) -> None:
    attrs = {"scale": "0", "decimals": "INF"} | ({"format": fmt} if fmt else {})
    assert values(inline(nf(text, **attrs))) == [expected]


def test_inline_percent_scale_minus_two_and_divide_unit() -> None:
    d = xbrl.read(
        inline(
            nf("12.5", "gaap:Rate", unit="pure", scale="-2", decimals="3")
            + nf("2.10", "gaap:EarningsPerShareBasic", unit="eps", scale="0", decimals="2")
        )
    )
    assert [(f.value, f.unit, f.decimals) for f in d.facts] == [
        (0.125, "pure", 3),
        (2.1, "USD/shares", 2),
    ]


def test_inline_nil_nested_hidden_and_formatting_tags() -> None:
    nil = '<ix:nonFraction name="gaap:Debt" contextRef="c-1" unitRef="usd" xsi:nil="true"/>'
    nested = nf(
        nf("<b>3</b><span>,000</span>", "gaap:Inner", format="ixt:num-dot-decimal"),
        "gaap:Outer",
        format="ixt:num-dot-decimal",
    )
    hidden = nf("9", "gaap:Hidden", scale="0", decimals="INF")
    d = xbrl.read(inline(f"<p>{nil}</p><div><p>{nested}</p></div>", hidden=hidden))
    got = {f.concept: (f.value, f.decimals) for f in d.facts}
    assert got == {
        "us-gaap:Hidden": (9, None),
        "us-gaap:Debt": (None, None),
        "us-gaap:Outer": (3_000 * M, -6),
        "us-gaap:Inner": (3_000 * M, -6),
    }


def test_inline_typed_member_and_scenario() -> None:
    (fact,) = xbrl.read(inline(nf("1", "acme:Notes", "c-typed"))).facts
    assert fact.concept == "acme:Notes"
    assert fact.period == Period(None, date(2024, 12, 31))
    assert fact.dimensions == (("acme:TrancheAxis", "B 7"),)


def test_inline_unknown_format_is_skipped_and_others_still_read() -> None:
    d = xbrl.read(
        inline(
            nf("XIV", "gaap:A", format="ixt:num-roman")
            + nf("12..3", "gaap:B", format="ixt:num-dot-decimal")
            + nf("7", "gaap:C")
        )
    )
    assert [f.concept for f in d.facts] == ["us-gaap:C"]
    assert d.skipped[0] == (
        "fact us-gaap:A in context c-1: the format 'ixt:num-roman' is not one this reader "
        "knows (text 'XIV')"
    )
    assert d.skipped[1] == (
        "fact us-gaap:B in context c-1: the text '12..3' is not a number under ixt:num-dot-decimal"
    )


def test_inline_missing_context_unit_and_bad_decimals() -> None:
    no_unit = '<ix:nonFraction name="gaap:D" contextRef="c-1" decimals="0">4</ix:nonFraction>'
    d = xbrl.read(
        inline(
            nf("1", "gaap:A", ctx="c-404")
            + nf("2", "gaap:B", unit="eur")
            + nf("3", "gaap:C", decimals="lots")
            + no_unit
            + nf("5", "gaap:E")
        )
    )
    assert [f.concept for f in d.facts] == ["us-gaap:E"]
    assert d.skipped == (
        "fact us-gaap:A in context c-404: the context is not defined in the document",
        "fact us-gaap:B in context c-1: its unit 'eur' is not defined or has no measure",
        "fact us-gaap:C in context c-1: decimals 'lots' is not a whole number or INF",
        "fact us-gaap:D in context c-1: it has no unitRef",
    )


def test_inline_duplicates() -> None:
    same = nf("100", "gaap:A") + nf("100", "gaap:A")
    rounded = nf("0.1", "gaap:B", scale="9", decimals="-8") + nf("123", "gaap:B")
    clash = nf("100", "gaap:C") + nf("200", "gaap:C")
    d = xbrl.read(inline(same + rounded + clash))
    assert [(f.concept, f.value) for f in d.facts] == [
        ("us-gaap:A", 100 * M),
        ("us-gaap:B", 123 * M),
        ("us-gaap:C", 100 * M),
    ]
    assert d.skipped == (
        "fact us-gaap:C in context c-1: repeats us-gaap:C of context c-1 with a different "
        "value, 200000000 (ignored) against 100000000 (kept)",
    )


def test_inline_continuation_and_exclude_are_harmless() -> None:
    text = (
        '<ix:nonNumeric name="gaap:PolicyTextBlock" contextRef="c-1" continuedAt="k1">a'
        '<ix:exclude>page 3</ix:exclude></ix:nonNumeric><ix:continuation id="k1">'
        + nf("8", "gaap:A", scale="0")
        + "</ix:continuation>"
    )
    d = xbrl.read(inline(text))
    assert [(f.concept, f.value) for f in d.facts] == [("us-gaap:A", 8)]


def test_entities_are_not_expanded() -> None:
    prolog = '<!DOCTYPE html [<!ENTITY e SYSTEM "file:///etc/passwd"><!ENTITY n "42">]>'
    hidden = '<ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c-1">&e;</ix:nonNumeric>'
    d = xbrl.read(inline(nf("&n;", "gaap:A") + nf("1", "gaap:B"), hidden=hidden, prolog=prolog))
    assert "root:" not in d.dei["EntityRegistrantName"]
    assert [f.concept for f in d.facts] == ["us-gaap:B"]
    assert d.skipped == (
        "fact us-gaap:A in context c-1: the text '&n;' is not a number (no format given, so a "
        "plain number was expected)",
    )


# --- instances by hand ------------------------------------------------------------------------


def instance(items: str) -> bytes:
    return (
        '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" '
        'xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:us-gaap="http://fasb.org/us-gaap/2023" '
        'xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:dei="http://xbrl.sec.gov/dei/2023" '
        'xmlns:gaap="http://fasb.org/us-gaap/2023" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + CONTEXTS.replace("acme:", "us-gaap:")
        + '<xbrli:context id="c-forever"><xbrli:entity><xbrli:identifier scheme="x">1'
        "</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:forever/></xbrli:period>"
        '</xbrli:context><xbrli:context id="c-bad"><xbrli:entity><xbrli:identifier scheme="x">'
        "1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2024-02-30"
        "</xbrli:instant></xbrli:period></xbrli:context>" + items + "</xbrli:xbrl>"
    ).encode()


def test_instance_by_hand() -> None:
    d = xbrl.read(
        instance(
            '<us-gaap:OperatingIncomeLoss contextRef="c-seg" unitRef="usd" decimals="-6">'
            "-1200000000</us-gaap:OperatingIncomeLoss>"
            '<gaap:Eps contextRef="c-1" unitRef="eps" decimals="2"> 2.10 </gaap:Eps>'
            '<gaap:A contextRef="c-forever" unitRef="usd">1</gaap:A>'
            '<gaap:B contextRef="c-bad" unitRef="usd">1</gaap:B>'
            '<gaap:C contextRef="c-1" unitRef="usd">nan</gaap:C>'
            '<dei:DocumentType contextRef="c-1">10-Q</dei:DocumentType>'
            '<us-gaap:Policy contextRef="c-1">text facts are skipped</us-gaap:Policy>'
        )
    )
    assert [(f.concept, f.value, f.unit) for f in d.facts] == [
        ("us-gaap:OperatingIncomeLoss", -1.2e9, "USD"),
        ("us-gaap:Eps", 2.1, "USD/shares"),
    ]
    assert d.facts[0].dimensions[1] == (SEGMENT_AXIS, "us-gaap:CloudSegmentMember")
    assert d.dei == {"DocumentType": "10-Q"}
    assert d.skipped == (
        "fact us-gaap:C in context c-1: 'nan' is not a number",
        "fact us-gaap:A in context c-forever: the context has no dated period",
        "fact us-gaap:B in context c-bad: the period date '2024-02-30' is not a date",
    )


# --- not XBRL -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<!DOCTYPE html><html><body><p>Hello<br></body></html>", "HTML page without inline XBRL"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "HTML page without inline"),
        (b'{"cik": 320193, "facts": {}}', "looks like JSON"),
        (b"  [1, 2]", "looks like JSON"),
        (gzip.compress(b"<xbrl/>", mtime=0), "gzip-compressed"),
        (b"", "not XML: line 1, column 1: Document is empty"),
        (b"<a>\n<b>\n  <c></b></a>", "not XML: line 3, column 10: Opening and ending tag mismatch"),
        (b"<rss><channel/></rss>", "XML with root element <rss>"),
        (
            inline("").replace(b"<ix:header>", b"<ix:header><p>"),
            "inline XBRL that is not well-formed",
        ),
        (inline(nf("1")).replace(b"ix:header", b"ix:headless"), "no ix:header"),
    ],
)
def test_not_xbrl_raises_a_clear_sentence(data: bytes, message: str) -> None:
    with pytest.raises(XbrlError, match=message):
        xbrl.read(data, "x.htm")
    assert not xbrl.is_xbrl(data) or b"inlineXBRL" in data


def test_gzip_of_a_real_filing_is_refused_with_a_hint() -> None:
    with pytest.raises(XbrlError, match=r"nvda\.htm\.gz: this is gzip-compressed data"):
        xbrl.read(gzip.compress((FIXTURES / NVDA).read_bytes()), "nvda.htm.gz")


def test_member_matches() -> None:
    member = "amzn:AmazonWebServicesSegmentMember"
    assert xbrl.member_matches(member, "AmazonWebServicesSegmentMember")
    assert xbrl.member_matches(member, member)
    assert not xbrl.member_matches(member, "aws:AmazonWebServicesSegmentMember")
    assert not xbrl.member_matches(member, "amazonwebservicessegmentmember")
    assert not xbrl.member_matches(member, "WebServicesSegmentMember")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_raise_only_xbrl_error(data: bytes) -> None:
    with contextlib.suppress(XbrlError):
        xbrl.read(data)


SEED = inline(
    nf("1,234", "gaap:A", "c-seg", sign="-", format="ixt:num-dot-decimal")
    + nf("—", "gaap:B", format="ixt:fixed-zero")
    + nf("5", "gaap:C", "c-typed", scale="-2")
)
NOISE = [
    b"<",
    b">",
    b'"',
    b"=",
    b"/",
    b":",
    b"&n;",
    b"ix:",
    b"-",
    b"\x00",
    b"\xff",
    b"INF",
    b"9" * 30,
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(SEED)),
            st.integers(0, 40),
            st.one_of(st.sampled_from(NOISE), st.binary(max_size=8)),
        ),
        max_size=6,
    )
)
def test_mutated_inline_documents_raise_only_xbrl_error(
    edits: list[tuple[int, int, bytes]],
) -> None:
    data = SEED
    for at, cut, insert in edits:
        data = data[:at] + insert + data[at + cut :]
    try:
        result = xbrl.read(data)
    except XbrlError:
        return
    assert all(isinstance(f, Fact) for f in result.facts)
