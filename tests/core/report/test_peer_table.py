"""The memo's peer table: each figure as the Peers tab shows it (marks and flags), the period
it reads where that is not its row's, its numbered source shared with the rest of the memo, a
legend of the marks used, and the FX rate that converted each amount."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from capexwatch.core.base import markdown as md
from capexwatch.core.figures.fx import FxRate
from capexwatch.core.peers import table as peers
from capexwatch.core.peers.columns import COLUMNS
from capexwatch.core.report import peer_table
from capexwatch.core.report.sources import Footnotes
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.watchlist.model import Company, PeerGroup, UiSettings, Watchlist
from tests.frames import obs, quarter

Q3 = ("2025-07-01", "2025-09-30")
RATE = FxRate("CNY", "USD", 0.14, dt.date(2025, 9, 30), "treasury rate sheet")


def snapshot() -> Snapshot:
    """A: two sources disagree on its capex, and its forward P/S is of a later period;
    B: capex in CNY, converted at the watchlist's rate; C: in TWD, which has no rate at all;
    D: only an estimate."""
    data = obs(
        quarter("A", "capex", *Q3, 10e9, unit="USD", period="Q3", source="A 10-Q"),
        quarter("A", "capex", *Q3, 12e9, unit="USD", period="Q3", source="A article"),
        quarter("A", "revenue", *Q3, 100e9, unit="USD", period="Q3", source="A 10-Q"),
        quarter("A", "forward_ps", "2025-10-01", "2025-12-31", 3.0, unit="x", period="Q4",
                source="broker note"),
        quarter("B", "capex", *Q3, 70e9, unit="CNY", period="Q3", source="B release"),
        quarter("C", "capex", *Q3, 900e9, unit="TWD", period="Q3", source="C release"),
        quarter("D", "capex", *Q3, 20e9, unit="USD", period="Q3", source="D guidance",
                kind="estimate"),
    )  # fmt: skip
    ids = ("A", "B", "C", "D")
    companies = {c: Company(c, f"{c} Corp", "USD") for c in ids}
    group = PeerGroup("g", "Group", ids)
    watchlist = Watchlist(
        Path("w.toml"), companies, {"g": group}, (RATE,), UiSettings(peer_group="g"), ()
    )
    return Snapshot(
        watchlist, data, (), dt.date(2026, 1, 20), dt.datetime(2026, 1, 20, 8, 0),
        peers=peers.build(watchlist, data),
    )  # fmt: skip


@pytest.fixture(scope="module")
def built() -> Snapshot:
    return snapshot()


def rows_of(lines: list[str]) -> dict[str, list[str]]:
    """The table's rows by company id, as cells."""
    found = {}
    for line in "\n".join(lines).splitlines():
        if line.startswith("| ") and " Corp " in line:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            found[cells[0].split()[0]] = cells
    return found


def test_each_figure_reads_as_the_app_shows_it_with_its_source_numbered_with_the_memo(
    built: Snapshot,
) -> None:
    notes = Footnotes()
    notes.cite("B release")  # cited earlier in the memo (a signal): [1] again in the table
    lines = peer_table.markdown_section(built, notes)
    rows = rows_of(lines)
    sheet = built.peers.sheet()  # type: ignore[union-attr]
    capex = 2 + [c.id for c in COLUMNS].index("capex")
    # Every figure is the grid's own text (marks and flags), then its source's number.
    for company, texts in zip(sheet.companies, sheet.rows, strict=True):
        for text, cell in zip(texts[2:-1], rows[company][2:-1], strict=True):
            assert cell.startswith(md.inline(text.strip())), (company, text, cell)
    assert rows["B"][capex] == "↓ 9.8B\\* [1]"  # converted: *, and the source cited first
    assert re.fullmatch(r"[↑ ]*1[02]\.0B! \[\d+\]", rows["A"][capex])  # sources disagree
    assert re.fullmatch(r"900\.0B TWD\? \[\d+\]", rows["C"][capex])  # no FX rate
    assert re.fullmatch(r"↑ 20\.0B\\~ \[\d+\]", rows["D"][capex])  # an estimate
    # A's forward P/S is of Q4, not its row's Q3: the cell names it.
    fwd = rows["A"][2 + [c.id for c in COLUMNS].index("forward_ps")]
    assert re.fullmatch(r"3\.00x Q4 \[\d+\]", fwd), fwd
    assert " Q3" not in rows["A"][capex]  # the row's own period is not repeated
    # Each number points to its source in the memo's one list.
    body = "\n".join(lines)
    for number in re.findall(r"\[(\d+)\]", body):
        assert 1 <= int(number) <= len(notes.sources)
    assert {"broker note", "C release", "D guidance"} <= set(notes.sources)
    assert notes.sources[0] == "B release" and notes.sources.count("B release") == 1


def test_the_legend_explains_every_mark_the_table_uses_and_no_other(built: Snapshot) -> None:
    lines = peer_table.markdown_section(built, Footnotes())
    legend = next(line for line in lines if line.startswith("Marks as in the app:"))
    for words in ("↑ high ↓ low", "\\* in USD", "? no FX rate", "! sources disagree",
                  "\\~ estimate"):  # fmt: skip
        assert words in legend, legend
    assert "▲" not in legend  # no column with a better direction has two figures here


def test_the_rate_that_converted_each_amount_is_named_with_its_source(built: Snapshot) -> None:
    notes = Footnotes()
    lines = peer_table.markdown_section(built, notes)
    rate = next(line for line in lines if line.startswith("- 1 CNY"))
    number = notes.sources.index("treasury rate sheet") + 1
    assert rate == f"- 1 CNY = 0.14 USD as of 2025-09-30 (watchlist \\[\\[fx\\]\\]) [{number}]: B"
    assert not any(line.startswith("- 1 TWD") for line in lines)  # never converted


def test_the_json_carries_each_cells_source_text_and_rate(built: Snapshot) -> None:
    data = peer_table.as_json(built)
    assert data is not None
    by_id = {row["company"]: row["columns"] for row in data["companies"]}
    b = by_id["B"]["capex"]
    assert (b["source"], b["text"], b["original_unit"]) == ("B release", "↓ 9.8B*", "CNY")
    assert b["fx_note"] == "1 CNY = 0.14 USD as of 2025-09-30 (watchlist [[fx]])"
    assert b["fx_source"] == "treasury rate sheet"
    assert by_id["A"]["forward_ps"]["period"] == "Q4" and by_id["A"]["capex"]["conflict"]
    assert by_id["C"]["capex"]["text"] == "900.0B TWD?"


def test_a_disputed_figure_lists_every_side_as_the_apps_details_do(built: Snapshot) -> None:
    lines = "\n".join(peer_table.markdown_section(built, Footnotes())).splitlines()
    side = next(line for line in lines if line.startswith("- A Capex (Q3): "))
    assert "10.0B USD · A 10-Q" in side and "12.0B USD · A article" in side
    assert side.count("current") == 1
    data = peer_table.as_json(built)
    assert data is not None
    a = next(row for row in data["companies"] if row["company"] == "A")["columns"]
    assert {s["source"] for s in a["capex"]["sides"]} == {"A 10-Q", "A article"}
    assert a["forward_ps"]["sides"] == []


def test_beyond_the_first_disputed_figures_the_memo_says_how_many_more(
    built: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(peer_table, "_LISTED", 0)
    lines = "\n".join(peer_table.markdown_section(built, Footnotes())).splitlines()
    assert not any(line.startswith("- A Capex") for line in lines)
    assert "- and 1 more: `export --format json` gives every side of each" in "\n".join(lines)
