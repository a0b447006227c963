"""The report calendar: the next report from the cadence of past ones, or set by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from capexwatch.core.figures.filings import FiledReport
from capexwatch.core.signals import calendar
from capexwatch.core.watchlist.model import Company
from capexwatch.tui.cli import main
from tests.frames import obs, quarter

D = dt.date.fromisoformat
SEEN = dt.datetime(2026, 1, 1)
ACME = Company("ACME", "Acme", "USD", 12, 42)


def filed(form: str, period: str, on: str, company: str = "ACME") -> FiledReport:
    return FiledReport(company, form, D(on), D(period), f"acc-{on}", "", SEEN)


QUARTERLY = [
    filed("10-Q", "2024-09-30", "2024-10-31"),
    filed("10-K", "2024-12-31", "2025-02-07"),  # the annual report comes later
    filed("10-Q", "2025-03-31", "2025-05-01"),
    filed("10-Q", "2025-06-30", "2025-07-31"),
    filed("10-Q", "2025-09-30", "2025-10-30"),
    filed("8-K", "2025-10-30", "2025-10-30"),  # current reports are news, not the cadence
]


def entry(company: Company, reports: list[FiledReport], today: str) -> calendar.Entry:
    (found,) = calendar.build({company.id: company}, obs(), reports, D(today))
    return found


def test_a_quarterly_filer_reports_a_year_after_the_same_quarter() -> None:
    found = entry(ACME, QUARTERLY, "2026-01-20")
    assert (found.last_period, found.last_report) == (D("2025-09-30"), D("2025-10-30"))
    # Next period ends ~92 days later (2025-12-31); the 10-K came 38 days after its year end.
    assert found.next_report == D("2025-12-31") + dt.timedelta(days=38)
    assert found.state == "expected"
    assert found.words(D("2026-01-20")) == "reports in ~18 days"
    assert "periods every 3 months" in found.reason


def test_past_the_expected_date_without_a_newer_report_is_overdue() -> None:
    found = entry(ACME, QUARTERLY, "2026-03-01")
    assert found.state == "overdue"
    assert found.words(D("2026-03-01")) == "report overdue (expected 2026-02-07)"
    assert calendar.nearest([found], D("2026-03-01")) is None
    assert calendar.due_soon([found], "ACME", D("2026-03-01")) == found


def test_a_date_set_by_hand_wins() -> None:
    company = Company("ACME", "Acme", "USD", 12, 42, next_report=D("2026-02-20"))
    found = entry(company, QUARTERLY, "2026-01-20")
    assert (found.next_report, found.state) == (D("2026-02-20"), "set")
    assert found.words(D("2026-02-11")) == "reports in 9 days"
    assert entry(company, QUARTERLY, "2026-02-21").state == "overdue"


def test_unknown_says_why() -> None:
    assert entry(ACME, [], "2026-01-20").reason == "no dated reports yet"
    assert entry(ACME, QUARTERLY[:1], "2026-01-20").reason == "only one dated report"


def test_published_figures_count_but_not_a_late_source_quoting_an_old_one() -> None:
    data = obs(
        quarter("ACME", "revenue", "2025-04-01", "2025-06-30", 1.0, published="2025-07-31"),
        quarter("ACME", "revenue", "2025-07-01", "2025-09-30", 1.0, published="2025-10-31"),
        # an analysis published months later repeats an old quarter: not its report date
        quarter("ACME", "revenue", "2024-10-01", "2024-12-31", 1.0, published="2026-01-11"),
    )
    (found,) = calendar.build({"ACME": ACME}, data, [], D("2026-01-20"))
    assert found.last_report == D("2025-10-31")
    assert found.next_report == D("2025-12-31") + dt.timedelta(days=31)


def test_nearest_and_due_soon() -> None:
    soon = calendar.Entry("BABA", None, None, D("2026-01-29"), "expected")
    later = calendar.Entry("AMZN", None, None, D("2026-02-05"), "expected")
    assert calendar.nearest([later, soon], D("2026-01-20")) == soon
    assert soon.words(D("2026-01-20")) == "reports in ~9 days"
    assert calendar.due_soon([later, soon], "AMZN", D("2026-01-20")) is None
    assert calendar.due_soon([later, soon], "BABA", D("2026-01-20")) == soon


def test_calendar_command_lists_every_company(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    assert main(["calendar", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["company"] for r in rows] == ["BABA", "TCEHY", "BIDU", "AMZN", "MSFT"]
    amzn = next(r for r in rows if r["company"] == "AMZN")
    assert amzn["state"] == "expected" and amzn["next_report"] > "2026-01-20"
    tencent = next(r for r in rows if r["company"] == "TCEHY")
    assert tencent["state"] == "unknown" and tencent["why"]
    assert main(["calendar"]) == 0
    assert "AMZN" in capsys.readouterr().out


def test_a_gap_in_the_data_does_not_stretch_the_cadence() -> None:
    # An old 10-K, then quarters with one missing: still quarterly, next quarter to Dec 31.
    reports = [
        filed("10-K", "2022-12-31", "2023-02-03"),
        filed("10-Q", "2024-09-30", "2024-11-01"),
        filed("10-Q", "2025-03-31", "2025-05-02"),
        filed("10-Q", "2025-06-30", "2025-07-31"),
        filed("10-Q", "2025-09-30", "2025-10-30"),
    ]
    found = entry(ACME, reports, "2026-01-20")
    assert found.next_report == D("2025-12-31") + dt.timedelta(days=32)  # the median delay


def test_a_52_53_week_filer_moves_by_thirteen_weeks() -> None:
    reports = [
        filed("10-Q", "2025-04-27", "2025-05-28", "NVDA"),
        filed("10-Q", "2025-07-27", "2025-08-27", "NVDA"),
    ]
    found = entry(Company("NVDA", "NVIDIA", "USD", 1, 1045810), reports, "2025-09-01")
    assert found.next_report == D("2025-10-26") + dt.timedelta(days=31)
