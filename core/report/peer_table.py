"""The memo's peer table: the app's peer sheet (core.peers.sheet) in Markdown.

Each figure reads as the grid shows it, marks and flags included (`▲ 47.1%`, `4.4B*`,
`-61.0%!`), then the period it reads where that is not its row's (forward P/S: its latest) and
its numbered source, numbered with the rest of the memo (core.report.sources). Under the table:
the period mode, a legend of the marks the table uses, and the FX rates that converted its
amounts, each with the companies it converted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from capexwatch.core.base import markdown as md
from capexwatch.core.peers import modes
from capexwatch.core.peers import sheet as peer_sheet
from capexwatch.core.peers.columns import COLUMNS
from capexwatch.core.peers.sheet import KEYS, LABELS, MISSING, PeerSheet
from capexwatch.core.peers.table import PeerTable
from capexwatch.core.report.sources import Footnotes
from capexwatch.core.snapshot.picture import Snapshot

# A rate's line names at most this many companies, then how many more.
_NAMED = 12
# The memo lists the sides of at most this many disputed figures, then how many more.
_LISTED = 25
_CELL_FIELDS = (
    "value", "unit", "period", "kind", "converted", "unconverted", "conflict", "mark", "source",
    "original_value", "original_unit", "fx_note", "fx_source",
)  # fmt: skip

Cells = Mapping[tuple[str, str], dict[str, Any]]


def _cells(table: PeerTable) -> Cells:
    # One pass over the cells (a peer group can hold thousands of companies).
    return {(c["company"], c["column"]): c for c in table.cells.iter_rows(named=True)}


def _row_periods(table: PeerTable) -> dict[str, str | None]:
    """Each company's own period label in this mode (FY2026Q2), which its figures read."""
    if table.anchors is None:
        return {}
    return dict(table.anchors.select("company", "period").iter_rows())


def _figure(text: str, cell: dict[str, Any] | None, row_period: str | None,
            notes: Footnotes) -> str:  # fmt: skip
    """`▲ 4.4B* [3]`: the grid's text, the cell's period where it is not the row's, its source."""
    shown = text.strip()
    if cell is None or shown == MISSING:
        return md.inline(shown)
    period = cell.get("period") or ""
    if period and period != row_period:
        shown += f" {period}"
    return md.inline(shown) + notes.cite(cell.get("source"))


def _rates(sheet: PeerSheet, cells: Cells, notes: Footnotes) -> list[str]:
    """One line per FX rate that converted a figure: the rate, its date and origin (a watchlist
    rate's own source cited), and the companies whose figures it converted."""
    used: dict[str, tuple[str | None, list[str]]] = {}
    for company in sheet.companies:
        for column in COLUMNS:
            cell = cells.get((company, column.id))
            if cell is None or not cell.get("converted") or not cell.get("fx_note"):
                continue
            _source, companies = used.setdefault(cell["fx_note"], (cell.get("fx_source"), []))
            if company not in companies:
                companies.append(company)
    if not used:
        return []
    lines = ["", f"\\* converted into {md.inline(sheet.currency)} at the rate of the figure's "
             "own period end:", ""]  # fmt: skip
    for note, (source, companies) in used.items():
        named = ", ".join(companies[:_NAMED])
        more = len(companies) - _NAMED
        named += f" and {more} more" if more > 0 else ""
        lines.append(f"- {md.inline(note)}{notes.cite(source)}: {md.inline(named)}")
    return lines


def _in_order(sheet: PeerSheet, keys: Mapping[tuple[str, str], object]) -> list[tuple[str, str]]:
    """`keys` (company, column id) in the table's order: rows, then columns."""
    return [(c, k.id) for c in sheet.companies for k in COLUMNS if (c, k.id) in keys]


def _sides(table: PeerTable, sheet: PeerSheet, cells: Cells) -> list[str]:
    """Every side of each disputed figure (in the company's own currency), as the app's details
    show them, so the reader can judge; `data prefer` settles one."""
    lines = []
    disputed = table.disputed()
    order = _in_order(sheet, disputed)
    for company, column in order[:_LISTED]:
        sides = disputed[company, column]
        period = cells[company, column].get("period") or ""
        lines.append(
            f"- {md.inline(f'{company} {LABELS[column]} ({period})')}: "
            + "; ".join(md.inline(side.text) for side in sides)
        )
    if not order:
        return []
    if len(order) > _LISTED:  # a market's import can dispute thousands: the memo stays readable
        lines.append(
            f"- and {len(order) - _LISTED} more: `export --format json` gives every side of "
            "each, and the app's details the selected one's"
        )
    return ["", "Disputed figures in the table, every side (current marked):", "", *lines]


def markdown_section(snapshot: Snapshot, notes: Footnotes) -> list[str]:
    """The default peer group's table in its default mode, as the Peers tab shows it; sources
    are numbered in `notes`, shared with the rest of the memo."""
    if snapshot.peers is None or not snapshot.peers.tables:
        return []
    table, sheet = snapshot.peers.table(), snapshot.peers.sheet()
    cells, own = _cells(table), _row_periods(table)
    rows = []
    for company, texts in zip(sheet.companies, sheet.rows, strict=True):
        row = [md.inline(texts[0]), md.inline(texts[1])]
        row += [
            _figure(text, cells.get((company, column.id)), own.get(company), notes)
            for column, text in zip(COLUMNS, texts[2:-1], strict=True)
        ]
        rows.append([*row, md.inline(texts[-1])])
    mode = modes.LABELS.get(table.mode, table.mode)
    title = f"Peers — {table.group.title}, {mode} (amounts in {table.currency})"
    note = (
        f"Period mode: {mode}, {modes.DESCRIPTIONS.get(table.mode, '')}; each row reads the "
        "period it names, and a figure that reads another one names it (forward P/S: its "
        "latest). Margin Δ YoY: against the same period a year earlier. [n]: the figure's "
        "source, listed at the end."
    )
    marks = sheet.marks()
    legend = [] if not marks else ["", "Marks as in the app: " + md.inline(peer_sheet.legend(
        table.currency, marks)) + "."]  # fmt: skip
    return [
        "",
        "## " + md.inline(title),
        "",
        md.table([LABELS[k] for k in KEYS], rows, escape=False),
        "",
        note,
        *legend,
        *_rates(sheet, cells, notes),
        *_sides(table, sheet, cells),
    ]


def as_json(snapshot: Snapshot) -> dict[str, Any] | None:
    """The same table as data: per cell its value, unit, period, kind, flags, mark, source,
    the amount before conversion and the rate that converted it, and the grid's text."""
    if snapshot.peers is None or not snapshot.peers.tables:
        return None
    table, sheet = snapshot.peers.table(), snapshot.peers.sheet()
    cells = _cells(table)
    periods = table.periods()
    disputed = table.disputed()
    companies = []
    for company, texts, playbook in zip(sheet.companies, sheet.rows, sheet.playbooks,
                                        strict=True):  # fmt: skip
        columns = {}
        for column, text in zip(COLUMNS, texts[2:-1], strict=True):
            cell = cells.get((company, column.id))
            if cell is not None:
                fields = {k: cell.get(k) for k in _CELL_FIELDS}
                sides = [side.as_json() for side in disputed.get((company, column.id), [])]
                columns[column.id] = {**fields, "text": text.strip(), "sides": sides}
        companies.append(
            {"company": company, "period": periods.get(company), "playbook": playbook,
             "columns": columns}
        )  # fmt: skip
    return {
        "group": table.group.id,
        "currency": table.currency,
        "mode": table.mode,
        "companies": companies,
    }
