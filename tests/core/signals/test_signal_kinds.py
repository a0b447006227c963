"""Revision and event signals on small frames: what counts as a revision, windows and bands."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from capexwatch.core.figures import events as ev
from capexwatch.core.signals.evaluate import SignalResult, evaluate_with_data
from capexwatch.core.watchlist.model import Signal
from tests.frames import obs

TODAY = dt.date(2026, 1, 20)
PLAN = {"metric": "capex_plan", "freq": "FY", "period": "FY2026-FY2028", "kind": "guidance",
        "period_start": "2025-04-01", "period_end": "2028-03-31"}  # fmt: skip
CUT = Signal("cut", "Capex guidance cut", "BABA", "capex_plan", "<", 0.0, change="revision")


def plan(value: float, published: str, source: str = "s") -> dict[str, object]:
    return {**PLAN, "value": value, "published": published, "source": source}


def result(signal: Signal, data: pl.DataFrame, events: pl.DataFrame | None = None) -> SignalResult:
    return evaluate_with_data([signal], data, TODAY, events)[0]


def test_the_same_figure_from_a_second_source_is_not_a_revision() -> None:
    data = obs(plan(380e9, "2025-02-20"), plan(380.5e9, "2025-03-01", "other"))
    found = result(CUT, data)
    assert found.status == "ok" and "no revision" in found.reason


def test_the_latest_revision_counts_and_the_history_is_the_revisions_dated() -> None:
    data = obs(plan(380e9, "2025-02-20"), plan(480e9, "2025-09-01"), plan(450e9, "2026-01-10"))
    found = result(CUT, data)
    assert found.status == "triggered"
    assert found.value == pytest.approx(450 / 480 - 1)
    # The chart draws the revisions on their own (percent) axis, never the plan's amounts.
    assert found.unit == "ratio"
    assert [p.value for p in found.history] == pytest.approx([480 / 380 - 1, 450 / 480 - 1])
    assert [p.period for p in found.history] == ["2025-09-01", "2026-01-10"]
    assert {p.unit for p in found.history} == {"ratio"}
    assert found.previous == pytest.approx(480 / 380 - 1)
    assert found.period == "FY2026-FY2028"


def test_a_revision_outside_within_days_does_not_trigger() -> None:
    data = obs(plan(380e9, "2025-02-20"), plan(350e9, "2025-06-01"))
    recent = Signal("cut", "cut", "BABA", "capex_plan", "<", 0.0, change="revision", within_days=90)
    found = result(recent, data)
    assert found.status == "ok" and "outside 90 days" in found.reason
    assert result(CUT, data).status == "triggered"


def test_a_small_cut_inside_the_near_band_is_near() -> None:
    data = obs(plan(380e9, "2025-02-20"), plan(390e9, "2026-01-10"))
    band = Signal("cut", "cut", "BABA", "capex_plan", "<", 0.0, near=0.05, change="revision")
    assert result(band, data).status == "near"


def test_a_ratio_is_revised_in_percentage_points() -> None:
    rows = [
        {"metric": "cloud_revenue_yoy", "unit": "ratio", "value": v, "published": p,
         "period_end": "2025-09-30"}
        for v, p in ((0.30, "2025-10-01"), (0.34, "2025-11-25"))
    ]  # fmt: skip
    up = Signal("up", "up", "BABA", "cloud_revenue_yoy", ">", 0.03, change="revision")
    found = result(up, obs(*rows))
    assert found.status == "triggered" and found.unit == "pp"
    assert found.value == pytest.approx(0.04)


def test_figures_without_a_publication_date_cannot_be_ordered() -> None:
    data = obs(plan(380e9, "2025-02-20"), {**PLAN, "value": 300e9, "published": None})
    assert result(CUT, data).status == "ok"
    assert result(CUT, obs()).status == "no_data"


def events(*rows: tuple[str, str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"company": c, "kind": k, "date": dt.date.fromisoformat(d), "text": "t", "source": "s"}
         for c, k, d in rows],
        schema=ev.schema(),
    )  # fmt: skip


DISCLOSED = Signal("gpu", "GPU utilization disclosed", "BABA", event="utilization_disclosure",
                   within_days=90)  # fmt: skip


def test_an_event_within_the_window_triggers_on_its_last_day() -> None:
    edge = (TODAY - dt.timedelta(days=90)).isoformat()
    assert result(DISCLOSED, obs(), events(("BABA", "utilization_disclosure", edge))).status == (
        "triggered"
    )
    older = (TODAY - dt.timedelta(days=91)).isoformat()
    assert (
        result(DISCLOSED, obs(), events(("BABA", "utilization_disclosure", older))).status == "ok"
    )


def test_other_companies_kinds_and_future_dates_do_not_count() -> None:
    found = result(
        DISCLOSED,
        obs(),
        events(
            ("BIDU", "utilization_disclosure", "2026-01-10"),
            ("BABA", "capacity", "2026-01-10"),
            ("BABA", "utilization_disclosure", "2026-03-01"),
        ),
    )
    assert found.status == "no_data"
    assert result(DISCLOSED, obs(), None).status == "no_data"
