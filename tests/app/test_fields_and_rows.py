"""The pure parts of the watchlist UI: typed text to TOML values, sparklines, columns, filter."""

from __future__ import annotations

from dataclasses import replace

from capexwatch.core.signals.evaluate import SignalResult
from capexwatch.core.watchlist.model import Signal
from capexwatch.tui.watchlist import rows
from capexwatch.tui.watchlist.fields import kind_of, parse_number, plain_message
from capexwatch.tui.widgets.sparkline import sparkline


def test_numbers_as_people_type_them() -> None:
    assert parse_number("57%") == 0.57  # not 0.5700000000000001
    assert parse_number(" 2pp ") == 0.02
    assert parse_number("1_000") == 1000.0
    assert parse_number("") is None
    assert parse_number("revenue_yoy") == "revenue_yoy"  # a metric threshold, for the loader
    assert parse_number("150", whole=True) == 150
    assert parse_number("1.5", whole=True) == 1.5  # the loader then says: an integer, please


def test_loader_messages_lose_the_key_path_the_form_already_shows() -> None:
    assert plain_message("[signal[13]] needs 'metric'") == "needs 'metric'"
    assert plain_message("'signal[2].near' must be a number") == "'near' must be a number"


def test_kind_of_each_signal() -> None:
    assert kind_of(None) == "rule"
    assert kind_of(Signal("a", "A", all=("b",))) == "all"
    assert kind_of(Signal("a", "A", any=("b",))) == "any"
    assert kind_of(Signal("a", "A", company="X", event="utilization_disclosure")) == "event"
    assert kind_of(Signal("a", "A", company="X", metric="m", change="revision")) == "revision"


def test_sparkline_spans_lowest_to_highest() -> None:
    assert sparkline([1.0, 2.0, 3.0]) == "▁▅█"
    assert sparkline([5.0, None, 5.0]) == "▄ ▄"
    assert sparkline([]) == ""
    assert len(sparkline([float(i) for i in range(20)])) == 8


def test_columns_fit_the_width() -> None:
    for total in (60, 78, 100, 118, 200):
        width = rows.widths(total)
        used = sum(width.values()) + rows.CELL_PADDING * len(width) + 2
        assert used <= max(total, 60)
    # The value is never shown without the line it is judged against; the rule in full only
    # where it fits (the details always have it).
    for total in (60, 78, 118, 200):
        assert "Threshold" in rows.widths(total)
    assert "Rule" not in rows.widths(118) and "Rule" in rows.widths(160)
    assert rows.widths(118)["Latest"] >= len("-21.8B CNY")


def test_the_threshold_cell_reads_with_its_operator_and_currency() -> None:
    def cell(signal: Signal, **found: object) -> str:
        status = found.pop("status", "ok")
        return rows.threshold_text(SignalResult(signal, status, False, "", **found))  # type: ignore[arg-type]

    share = Signal("m", "M", company="MSFT", metric="capex_intensity", op=">", threshold=0.4)
    assert cell(share, value=0.461, threshold=0.4, unit="ratio") == "> 40.0%"
    assert cell(share, status="no_data") == "> 40.0%"  # no figure yet: the line is still known
    spend = Signal("c", "C", company="BABA", metric="capex", op=">", threshold=12e9)
    assert cell(spend, value=13e9, threshold=12e9, unit="USD") == "> 12.0B USD"
    negative = Signal("f", "F", company="BABA", metric="free_cash_flow", op="<", threshold=0)
    assert cell(negative, value=-21.8e9, threshold=0.0, unit="CNY") == "< 0"
    versus = Signal("v", "V", company="BABA", metric="opex_yoy", op=">", threshold="revenue_yoy")
    assert cell(versus, value=0.19, threshold=0.05, unit="ratio") == "> 5.0%"
    assert cell(versus, status="no_data", value=0.19, unit="ratio") == "missing"
    assert cell(Signal("a", "A", all=("m", "c"))) == "—"


def test_filter_matches_every_word_anywhere() -> None:
    result = SignalResult(
        Signal("tc", "Tencent capex", company="TCEHY", metric="capex_yoy", op=">", threshold=0.0),
        "near",
        False,
        "",
    )
    assert rows.matches(result, "tencent NEAR")
    assert rows.matches(result, "capex_yoy")
    assert not rows.matches(result, "baidu")


def test_rules_in_words() -> None:
    from capexwatch.tui.watchlist.describe import rule_in_words

    growth = Signal("g", "G", company="BABA", metric="cloud_revenue_yoy", op=">", threshold=0.34)
    assert rule_in_words(growth) == "Triggers when Cloud revenue YoY is above 34.0%."
    near = Signal(
        "n", "N", company="BABA", metric="capex_intensity", op=">=", threshold=0.4, near=0.03
    )
    assert rule_in_words(near).endswith("at or above 40.0% (near within 3.0pp).")
    versus = Signal("v", "V", company="BABA", metric="opex_yoy", op=">", threshold="revenue_yoy")
    assert rule_in_words(versus) == "Triggers when Operating expenses YoY is above its Revenue YoY."
    both = Signal("b", "B", all=("g", "n"))
    assert rule_in_words(both) == "Triggers when all of these trigger: “g”, “n”."
    titled = rule_in_words(both, titles={"g": "Cloud growth", "n": "Capex share"})
    assert titled == "Triggers when all of these trigger: “Cloud growth”, “Capex share”."
    event = Signal("e", "E", company="BABA", event="utilization_disclosure", within_days=90)
    assert "utilization disclosure event is at most 90 days old" in rule_in_words(event)
    cut = Signal("c", "C", company="BABA", metric="capex", op="<", threshold=0, change="revision")
    assert rule_in_words(cut).startswith("Triggers when the latest revision of Capex is below")


def test_chart_axis_labels_fit() -> None:
    from capexwatch.tui.widgets.chart import short_period, tick_positions

    assert short_period("FY2026Q2") == "26Q2"
    assert short_period("2025H1") == "25H1"
    assert short_period("FY2025") == "FY25"
    assert short_period("TTM to 2025-09-30") == "TTM 25-09"
    assert short_period("2026-01-11") == "26-01-11"  # a revision, dated by its publication
    assert short_period("FY2026-FY2028") == "FY26-28"
    assert short_period("a very long label") == "a very "
    assert tick_positions(8, 80) == list(range(8))
    assert tick_positions(8, 30) == [0, 4, 7]  # room for three: first, middle, last


def test_the_details_say_why_a_value_back_over_the_line_is_still_triggered() -> None:
    from capexwatch.tui.watchlist.describe import latest_line

    growth = Signal("g", "G", company="BABA", metric="cloud_revenue_yoy", op=">", threshold=0.34)
    held = SignalResult(
        replace(growth, near=0.02), "triggered", False, "", value=0.339, threshold=0.34,
        unit="ratio", period="Q3",
    )  # fmt: skip
    assert "Still TRIGGERED: back under 34.0% but not clearly: it clears below 33.0%." in (
        latest_line(held)
    )
    plain = replace(held, value=0.35)
    assert "Still" not in latest_line(plain)
