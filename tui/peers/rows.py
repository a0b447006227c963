"""What the peer table shows in each cell: the value, its mark and its flags, as plain text.

Marks are symbols so they read without colour: ▲ best, ▼ worst, ↑ highest, ↓ lowest (for a
column where neither direction is better). Flags follow the value: * converted into the display
currency, ? no FX rate (the company's own currency, left out of best/worst), ! sources disagree,
~ an estimate or guidance (shown only where the company reported no actual).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from core import format as fmt
from core.fx import conversions
from core.peer_columns import COLUMNS, COMPANY, PLAYBOOK
from core.peers import Cell, PeerTable
from core.text import clean

if TYPE_CHECKING:
    import pyarrow as pa

SYMBOLS = {"best": "▲", "worst": "▼", "highest": "↑", "lowest": "↓"}
KEYS: tuple[str, ...] = (COMPANY, *(c.id for c in COLUMNS), PLAYBOOK)
LABELS: dict[str, str] = {COMPANY: "Company", PLAYBOOK: "Playbook"} | {
    c.id: c.label for c in COLUMNS
}
MISSING = "—"


def cell_text(
    value: float | None,
    unit: str | None,
    mark: str | None,
    converted: bool,
    unconverted: bool,
    conflict: bool,
    kind: str | None = "actual",
) -> str:
    """'▲ 47.1%', '↓ 1.8B*', '1.0B EUR?', '-61.0%!', '2.0B~' for one cell of `PeerTable.cells`."""
    shown = fmt.value_with_unit(value, unit) if unconverted else fmt.value(value, unit)
    flags = ("*" if converted else "") + ("?" if unconverted else "") + ("!" if conflict else "")
    flags += "" if kind == "actual" else "~"
    return f"{SYMBOLS.get(mark or '', ' ')} {shown}{flags}"


_CELL_FIELDS = ("value", "unit", "mark", "converted", "unconverted", "conflict", "kind")


def texts(table: PeerTable) -> dict[tuple[str, str], str]:
    """Every cell's text by (company, column id); columns zipped, not rows as dicts (50,000
    cells of a 5,000-company group take a tenth of a second)."""
    cells = table.cells
    keys = zip(cells.get_column("company"), cells.get_column("column"), strict=True)
    fields = (cells.get_column(name).to_list() for name in _CELL_FIELDS)
    return {
        key: cell_text(*args) for key, args in zip(keys, zip(*fields, strict=True), strict=True)
    }


def arrow_table(table: PeerTable, names: Mapping[str, str]) -> pa.Table:
    """One string column per key, rows in the group's order; names from outside are cleaned."""
    cells = texts(table)
    companies = list(table.companies)
    labels = dict(
        zip(table.table.get_column(COMPANY), table.table.get_column(PLAYBOOK), strict=True)
    )
    columns: dict[str, list[str]] = {
        COMPANY: [clean(f"{c} {names[c]}" if names.get(c, c) != c else c) for c in companies],
        PLAYBOOK: [str(labels.get(c, "")) for c in companies],
    }
    for column in COLUMNS:
        columns[column.id] = [cells.get((c, column.id), MISSING) for c in companies]
    import pyarrow as pa  # here, not at import: the app's first frame does not need it

    return pa.table({key: pa.array(columns[key], pa.string()) for key in KEYS})


def reorder(arrow: pa.Table, companies: Sequence[str], order: Sequence[str]) -> pa.Table:
    """`arrow` (rows in `companies` order) with its rows in `order` instead."""
    if list(order) == list(companies):  # unsorted: as is (take() would import pyarrow.compute)
        return arrow
    position = {company: i for i, company in enumerate(companies)}
    import pyarrow as pa

    return arrow.take(pa.array([position[c] for c in order], pa.int64()))


def header(key: str, sort_key: str, descending: bool) -> str:
    """A column label, with ▾/▴ on the column the table is sorted by."""
    arrow = (" ▾" if descending else " ▴") if key == sort_key else ""
    return f"{LABELS[key]}{arrow}"


def legend(table: PeerTable, *, short: bool = False) -> str:
    """The marks in one line (the help says more; a converted cell's line names its rate)."""
    forecast = (table.cells.get_column("kind") != "actual").any()
    if short:  # for narrow screens: the same marks, fewer words
        return f"▲▼ best/worst · ↑↓ high/low · * in {table.currency} · ? no FX · ! disagree" + (
            " · ~ estimate" if forecast else ""
        )
    return (
        f"▲ best ▼ worst · ↑ high ↓ low · * in {table.currency} · ? no FX rate · ! sources disagree"
        + (" · ~ estimate" if forecast else "")
    )


def provenance(table: PeerTable, cell: Cell) -> str:
    """'Capex: FY2026Q2, actual · 31.5B CNY at 1 CNY = 0.1407 USD · source: …'."""
    line = f"{LABELS[cell.column]}: {cell.period}, {cell.kind}"
    if cell.converted and cell.original_unit:
        rate = conversions(table.rates, table.currency).get(cell.original_unit.upper())
        original = fmt.value_with_unit(cell.original_value, cell.original_unit)
        line += f" · {original}" + (f" at {rate.description}" if rate else "")
    return f"{line} · source: {cell.source}"
