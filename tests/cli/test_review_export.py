"""`capexwatch review` and `capexwatch export`, and the memo they print."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capexwatch.core.base import markdown
from capexwatch.tui.cli import main

PLAN = """\
[utilization]
answer = "Add capacity above 85% | only then"
owner = "VP *Infra*"
threshold = 0.85
current = 0.78

[payback]
max_months = 12
[[payback.market]]
name = "North"
investment = 120
monthly_contribution = 20
[[payback.market]]
name = "South <script>"
investment = 120
monthly_contribution = 5
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_lists_every_gate(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    code, out, _ = run(capsys, "check", "--json", "--fail-on", "never")
    assert code == 0
    gates = json.loads(out)["gates"]
    assert [g["id"] for g in gates][:3] == ["utilization", "unit_economics", "payback"]
    assert {g["status"] for g in gates} == {"open"}
    assert (config_dir / "plan.toml").exists()


def test_review_mark_then_change_then_history(
    capsys: pytest.CaptureFixture[str], config_dir: Path, isolated_dirs: Path
) -> None:
    assert "Not reviewed yet" in run(capsys, "review")[1]
    code, out, _ = run(capsys, "review", "--mark")
    assert code == 0 and "Review recorded" in out
    assert (isolated_dirs / "state" / "reviews.jsonl").exists()
    assert not list(config_dir.glob("*.jsonl"))  # app state stays out of the config dir
    assert "0 changes since review" in run(capsys, "review")[1]
    # The user edits a threshold in another editor.
    watchlist = config_dir / "watchlist.toml"
    text = watchlist.read_text("utf-8").replace("threshold = 0.34", "threshold = 0.30", 1)
    watchlist.write_text(text, "utf-8")
    (config_dir / "plan.toml").write_text(PLAN, "utf-8")
    data = json.loads(run(capsys, "review", "--json")[1])
    kinds = [c["kind"] for c in data["changes"]]
    assert kinds == ["crossed", "gate", "gate", "rule"]
    assert data["count"] == 4
    assert "NEAR → TRIGGERED" in data["changes"][0]["text"]
    run(capsys, "review", "--mark")
    history = json.loads(run(capsys, "review", "--history", "--json")[1])
    assert [len(h["changes"]) for h in history] == [0, 4]
    assert "4 changes acknowledged" in run(capsys, "review", "--history")[1]


def test_export_markdown_structure_values_and_escaping(
    capsys: pytest.CaptureFixture[str], config_dir: Path, tmp_path: Path
) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "plan.toml").write_text(PLAN, "utf-8")
    target = tmp_path / "out" / "memo.md"
    target.parent.mkdir()
    target.write_text("old memo")
    code, out, _ = run(capsys, "export", "-o", str(target))
    assert code == 0 and str(target) in out
    memo = target.read_text("utf-8")
    headings = re.findall(r"^#+ .*$", memo, flags=re.M)
    assert headings[0] == "# capexwatch review memo — 2026-01-20"
    assert headings[1:4] == [
        "## Changes since the last review",
        "## Signals",
        "## Peers — Alibaba and its peers, latest (amounts in USD)",
    ]
    assert "## Pressure test" in headings
    assert (
        headings.count(
            "### Stage gate: Is the next stage of capacity covered by contracted backlog?"
        )
        == 1
    )
    # Values a reader would check.
    assert "| ▲ TRIGGERED | Free cash flow still negative | BABA | -21.8B CNY! FY2026Q2 [" in memo
    assert "| Last crossing |" in memo
    # Microsoft's capex intensity passed 40% (plus the band) in its September quarter.
    assert re.search(r"\| Microsoft capex above 40% of revenue \|.*\| crossed FY2026Q1 \|", memo)
    assert "**✘ FAIL** · owner: VP \\*Infra\\*" in memo
    assert "> Add capacity above 85% \\| only then" in memo
    assert "utilization 78.0% is 7.0pp below the 85.0% threshold" in memo
    assert (
        "| South \\<script\\> | ✘ FAIL | 120 ÷ 5 a month = 24.0 months, past the 12-month limit |"
        in memo
    )
    # Every table row has as many cells as its header: data never breaks a table.
    for block in re.findall(r"(?:^\|.*\|\n)+", memo, flags=re.M):
        rows = block.strip().split("\n")
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows[0]
    assert not list(target.parent.glob(".memo.md.*"))  # no temp file left behind


def test_export_json(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "plan.toml").write_text(PLAN, "utf-8")
    data = json.loads(run(capsys, "export", "--format", "json")[1])
    payback = next(g for g in data["gates"] if g["id"] == "payback")
    assert payback["status"] == "fail"
    assert payback["to_pause"] == ["South <script>"]
    assert data["last_review"] is None
    tencent = next(p for p in data["peers"]["companies"] if p["company"] == "TCEHY")
    assert tencent["playbook"] == "balanced"  # no Q3 2024 margin: no Margin Δ YoY
    assert tencent["period"] == "FY2025Q3 · Sep 2025"
    assert tencent["columns"]["capex_yoy"]["value"] == pytest.approx(-0.24)
    assert any(
        s["id"] == "baba-fcf-negative" and s["status"] == "triggered" for s in data["signals"]
    )


def test_a_broken_plan_is_a_located_error_and_exit_2(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "plan.toml").write_text("[payback]\nmax_month = 3\n", "utf-8")
    code, _, err = run(capsys, "export")
    assert code == 2
    assert f"{config_dir / 'plan.toml'}:2:1: unknown key 'max_month'" in err
    assert "did you mean 'max_months'" in err


def test_inline_markdown_escapes_what_would_break_a_table() -> None:
    assert markdown.inline("a|b *c* `d` [e](f) <g>\x1b[31m\nnext") == (
        "a\\|b \\*c\\* \\`d\\` \\[e\\](f) \\<g\\>␛\\[31m␊next"
    )


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_stays_inside_its_table_cell(text: str) -> None:
    cell = markdown.inline(text)
    assert "\n" not in cell and "\r" not in cell
    assert len(re.split(r"(?<!\\)\|", "| " + cell + " |")) == 3
    assert not re.search(r"(?<!\\)[`*_<\[]", cell.replace("\\\\", ""))


def test_the_memos_peer_table_names_the_mode_and_each_rows_period(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert "| Company | Period | Capex |" in out
    assert "Period mode: latest, each company's latest period" in out
    # Each figure as the Peers tab shows it, with its source numbered with the rest of the memo.
    assert "| TCEHY Tencent Holdings | FY2025Q3 · Sep 2025 | ↓ 1.8B\\* [" in out
    assert "Marks as in the app: ▲ best ▼ worst · ↑ high ↓ low · \\* in USD" in out
    # The rate that converted each amount, of its own period.
    assert "- 1 CNY = 0.140458 USD as of 2025-09-30 (ECB reference rate): BABA, TCEHY" in out
    assert "- 1 CNY = 0.142836 USD as of 2025-12-31 (ECB reference rate): BIDU" in out
    code, out, _ = run(capsys, "export", "--format", "json")
    tencent = next(c for c in json.loads(out)["peers"]["companies"] if c["company"] == "TCEHY")
    capex = tencent["columns"]["capex"]
    assert capex["text"] == "↓ 1.8B*" and capex["source"].startswith("article: ")
    assert capex["fx_note"] == "1 CNY = 0.140458 USD as of 2025-09-30 (ECB reference rate)"


def test_the_memo_marks_a_signal_driven_by_an_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    line = next(x for x in out.splitlines() if "CMR growth slows below 8%" in x)
    assert "10.0% \\~ estimate FY2026" in line
    code, out, _ = run(capsys, "export", "--format", "json")
    cmr = next(s for s in json.loads(out)["signals"] if s["id"] == "baba-cmr-growth")
    assert cmr["kind"] == "estimate"
