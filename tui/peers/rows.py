"""What the peer table shows in each cell: the value, its mark and its flags, as plain text.

Marks are symbols so they read without colour: ▲ best, ▼ worst, ↑ highest, ↓ lowest (for a
column where neither direction is better). Flags follow the value: * converted into the display
currency, ? no FX rate (the company's own currency, left out of best/worst), ! sources disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyarrow as pa

from core import format as fmt
from core.fx import conversions
from core.peer_columns import COLUMNS, COMPANY, PLAYBOOK
from core.peers import PeerTable
from core.text import clean

SYMBOLS = {"best": "▲", "worst": "▼", "highest": "↑", "lowest": "↓"}
KEYS: tuple[str, ...] = (COMPANY, *(c.id for c in COLUMNS), PLAYBOOK)
LABELS: dict[str, str] = {COMPANY: "Company", PLAYBOOK: "Playbook"} | {
    c.id: c.label for c in COLUMNS
}
MISSING = "—"


def cell_text(row: Mapping[str, object]) -> str:
    """'▲ 47.1%', '↓ 1.8B*', '1.0B EUR?', '-61.0%!' from one row of `PeerTable.cells`."""
    value = row["value"]
    unit = row["unit"]
    number = float(value) if isinstance(value, int | float) else None
    unit_text = unit if isinstance(unit, str) else None
    shown = (
        fmt.value_with_unit(number, unit_text)
        if row["unconverted"]
        else fmt.value(number, unit_text)
    )
    symbol = SYMBOLS.get(str(row["mark"]), " ")
    flags = ("*" if row["converted"] else "") + ("?" if row["unconverted"] else "")
    flags += "!" if row["conflict"] else ""
    return f"{symbol} {shown}{flags}"


def texts(table: PeerTable) -> dict[tuple[str, str], str]:
    """Every cell's text by (company, column id)."""
    return {
        (str(r["company"]), str(r["column"])): cell_text(r)
        for r in table.cells.iter_rows(named=True)
    }


def arrow_table(table: PeerTable, order: Sequence[str], names: Mapping[str, str]) -> pa.Table:
    """The rows in `order`, one string column per key; names from outside are cleaned."""
    cells = texts(table)
    labels = dict(
        zip(table.table.get_column(COMPANY), table.table.get_column(PLAYBOOK), strict=True)
    )
    columns: dict[str, list[str]] = {key: [] for key in KEYS}
    for company in order:
        name = names.get(company, "")
        columns[COMPANY].append(clean(f"{company} {name}" if name and name != company else company))
        for column in COLUMNS:
            columns[column.id].append(cells.get((company, column.id), MISSING))
        columns[PLAYBOOK].append(str(labels.get(company, "")))
    return pa.table({key: pa.array(values, pa.string()) for key, values in columns.items()})


def header(key: str, sort_key: str, descending: bool) -> str:
    """A column label, with ▾/▴ on the column the table is sorted by."""
    arrow = (" ▾" if descending else " ▴") if key == sort_key else ""
    return f"{LABELS[key]}{arrow}"


def legend(table: PeerTable) -> str:
    """The marks explained, with the FX rates actually used."""
    rates = "; ".join(c.description for c in conversions(table.rates, table.currency).values())
    converted = f"* converted to {table.currency}" + (f" ({rates})" if rates else "")
    return (
        "▲ best ▼ worst · ↑ highest ↓ lowest (no better direction) · "
        f"{converted} · ? no FX rate: own currency · ! sources disagree"
    )
