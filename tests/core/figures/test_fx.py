"""FX conversion: amounts meet in one currency, and every converted figure says so."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from capexwatch.core.figures import fx
from capexwatch.core.figures.fx import FxRate

CNY_USD = FxRate("CNY", "USD", 0.1407, dt.date(2026, 1, 11), "analyses")


def test_a_direct_rate_converts_and_marks_the_amount() -> None:
    out = fx.convert(39.8e9, "CNY", [CNY_USD], "USD")
    assert out.value == pytest.approx(5.6e9, rel=0.001)  # RMB 39.8B = USD 5.6B
    assert out.unit == "USD"
    assert out.converted and not out.unconverted


def test_the_inverse_of_a_rate_converts_the_other_way() -> None:
    out = fx.convert(5.6e9, "USD", [CNY_USD], "CNY")
    assert out.value == pytest.approx(39.8e9, rel=0.001)
    assert out.unit == "CNY" and out.converted
    (conversion,) = fx.conversions([CNY_USD], "CNY").values()
    assert conversion.inverted
    assert "inverse of 1 CNY = 0.1407 USD" in conversion.description


def test_an_amount_without_a_rate_stays_as_it_is_and_is_marked() -> None:
    out = fx.convert(100.0, "EUR", [CNY_USD], "USD")
    assert (out.value, out.unit, out.converted, out.unconverted) == (100.0, "EUR", False, True)


def test_ratios_and_the_target_currency_never_convert() -> None:
    assert fx.convert(0.38, "ratio", [CNY_USD], "USD") == fx.Amount(0.38, "ratio")
    assert fx.convert(2.5, "x", [CNY_USD], "USD") == fx.Amount(2.5, "x")
    assert fx.convert(10.0, "USD", [CNY_USD], "USD") == fx.Amount(10.0, "USD")


def test_the_newest_rate_wins_and_a_direct_rate_beats_an_inverse() -> None:
    old = FxRate("CNY", "USD", 0.15, dt.date(2025, 1, 1))
    inverse = FxRate("USD", "CNY", 10.0, dt.date(2027, 1, 1))
    conversion = fx.conversions([old, CNY_USD, inverse], "USD")["CNY"]
    assert conversion.factor == 0.1407 and not conversion.inverted


def test_a_frame_converts_only_what_it_can() -> None:
    frame = pl.DataFrame(
        {
            "value": [1e9, 2e9, 0.5, 3e9, None],
            "unit": ["CNY", "USD", "ratio", "EUR", "CNY"],
        }
    )
    out = fx.convert_frame(frame, [CNY_USD], "usd")
    assert out.get_column("value").to_list() == pytest.approx([0.1407e9, 2e9, 0.5, 3e9, None])
    assert out.get_column("unit").to_list() == ["USD", "USD", "ratio", "EUR", "USD"]
    assert out.get_column("converted").to_list() == [True, False, False, False, True]
    assert out.get_column("unconverted").to_list() == [False, False, False, True, False]
    assert out.get_column("original_unit").to_list() == ["CNY", "USD", "ratio", "EUR", "CNY"]


def test_a_frame_with_no_rates_at_all_marks_foreign_amounts() -> None:
    frame = pl.DataFrame({"value": [1.0, 2.0], "unit": ["CNY", "USD"]})
    out = fx.convert_frame(frame, [], "USD")
    assert out.get_column("unconverted").to_list() == [True, False]
    assert out.get_column("value").to_list() == [1.0, 2.0]
