"""The memo worth sending: each number with its period and a numbered source, marks as in the
app, rules in the user's units, and the review note at the top."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from capexwatch.tui.cli import main


def memo(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export"]) == 0
    return capsys.readouterr().out


def test_every_figure_cites_a_numbered_source_listed_at_the_end(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    text = memo(capsys)
    body, _, sources = text.partition("\n## Sources\n")
    listed = re.findall(r"^(\d+)\. (.+)$", sources, flags=re.M)
    assert listed and [int(n) for n, _ in listed] == list(range(1, len(listed) + 1))
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert cited == {int(n) for n, _ in listed}  # every footnote is used, every use listed
    row = next(line for line in body.splitlines() if "| Cloud growth beyond 34% |" in line)
    latest, previous = row.split(" | ")[3:5]
    assert re.fullmatch(r"34\.0% FY2026Q2 \[\d+\]", latest), latest
    assert re.fullmatch(r"26\.0% FY2026Q1 \[\d+\]", previous), previous


def test_rules_are_in_the_users_units_and_conflicts_are_marked(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    text = memo(capsys)
    assert "Cloud revenue YoY \\> 34.0% (near 2.0pp)" in text
    assert "\\> 0.34" not in text and "cloud_revenue_yoy >" not in text
    # Alibaba's September-quarter FCF has two sources that disagree in the sample: marked !
    fcf = next(line for line in text.splitlines() if "| Free cash flow still negative |" in line)
    assert "| -21.8B CNY! FY2026Q2 [" in fcf
    assert "! its sources disagree" in text


def test_the_review_note_leads_the_memo(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    assert main(["review", "--mark", "--note", "Hold capex | wait for Q3"]) == 0
    capsys.readouterr()
    text = memo(capsys)
    first = text.split("\n## ")[0]
    assert "> **Review note (" in first and "Hold capex \\| wait for Q3" in first
