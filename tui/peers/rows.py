"""The peer grid's words around the cells (core.peers.sheet makes the cells): headers with the
sort arrow, the legend of marks and flags, and the line that traces the selected cell."""

from __future__ import annotations

from capexwatch.core.base import format as fmt
from capexwatch.core.peers import sheet as peer_sheet
from capexwatch.core.peers.sheet import FLAGS, LABELS, SYMBOLS, PeerSheet
from capexwatch.core.peers.table import Cell, PeerTable


def header(key: str, sort_key: str, descending: bool) -> str:
    """A column label, with ▾/▴ on the column the table is sorted by."""
    arrow = (" ▾" if descending else " ▴") if key == sort_key else ""
    return f"{LABELS[key]}{arrow}"


def legend(sheet: PeerSheet, *, short: bool = False) -> str:
    """The marks in one line (the help says more; a converted cell's line names its rate):
    every mark the grid can show, and ~ where some cell is an estimate."""
    marks = "".join(SYMBOLS.values()) + FLAGS.replace("~", "~" if sheet.estimates else "")
    return peer_sheet.legend(sheet.currency, marks, short=short)


def provenance(table: PeerTable, cell: Cell) -> str:
    """'Capex: FY2026Q2, actual · 31.5B CNY at 1 CNY = 0.1405 USD as of 2025-09-30 (ECB
    reference rate) · source: …'."""
    line = f"{LABELS[cell.column]}: {cell.period}, {cell.kind}"
    if cell.converted and cell.original_unit:
        # The rate of the cell's own period and its date (`figures.fx.convert_frame`).
        rate = cell.fx_note
        original = fmt.value_with_unit(cell.original_value, cell.original_unit)
        line += f" · {original}" + (f" at {rate}" if rate else "")
    line += f" · source: {cell.source}"
    found = table.sides(cell)
    if found:  # a disputed figure: every side, the user settles it with `data prefer`
        line += " · disputed: " + "; ".join(side.text for side in found)
    return line
