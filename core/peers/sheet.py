"""A peer group's table as text: every cell as the grid shows it, and what the rows sort by.

Made once from a computed `PeerTable` (for 5,000 companies that is 50,000 cells formatted,
about a tenth of a second) and stored with the view (core.snapshot.stored), so that the Peers tab
draws and sorts thousands of companies with plain Python values: no polars, no data read.

Marks are symbols so they read without colour: ▲ best, ▼ worst, ↑ highest, ↓ lowest (for a
column where neither direction is better). Flags follow the value: * converted into the display
currency, ? no FX rate (the company's own currency, left out of best/worst), ! sources disagree,
~ an estimate or guidance (shown only where the company reported no actual).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from capexwatch.core.base import format as fmt
from capexwatch.core.base.text import cells as width_of
from capexwatch.core.base.text import clean
from capexwatch.core.peers.columns import COLUMNS, COMPANY, PERIOD, PLAYBOOK
from capexwatch.core.peers.columns import column as column_of
from capexwatch.core.watchlist.model import PeerGroup

if TYPE_CHECKING:
    from capexwatch.core.peers.table import PeerTable

SYMBOLS = {"best": "▲", "worst": "▼", "highest": "↑", "lowest": "↓"}
KEYS: tuple[str, ...] = (COMPANY, PERIOD, *(c.id for c in COLUMNS), PLAYBOOK)
LABELS: dict[str, str] = {COMPANY: "Company", PERIOD: "Period", PLAYBOOK: "Playbook"} | {
    c.id: c.label for c in COLUMNS
}
MISSING = "—"
# The flags a cell's text can end with (see `cell_text`).
FLAGS = "*?!~"
# The longest a column's header can read: its label and the sort arrow (" ▾").
_ARROW = 2


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


def legend(currency: str, marks: str, *, short: bool = False) -> str:
    """The words for the marks and flags in `marks` ('▲▼*!'), in one line: '▲ best ▼ worst ·
    * in USD · ! sources disagree'; `short` for narrow screens (the same marks, fewer words).
    A pair (▲▼, ↑↓) is named whole when either of its marks is used."""
    words = (
        ("▲▼", "▲ best ▼ worst", "▲▼ best/worst"),
        ("↑↓", "↑ high ↓ low", "↑↓ high/low"),
        ("*", f"* in {currency}", f"* in {currency}"),
        ("?", "? no FX rate", "? no FX"),
        ("!", "! sources disagree", "! disagree"),
        ("~", "~ estimate", "~ estimate"),
    )
    return " · ".join(w[2 if short else 1] for w in words if set(w[0]) & set(marks))


@dataclass(frozen=True)
class PeerSheet:
    """Rows of text in the group's order (one per company, a cell per key of `KEYS`), the width
    each column needs, and per figure column the values and flags that `order` sorts by."""

    group: PeerGroup
    currency: str
    mode: str  # the period mode (core.peers.modes)
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    figures: Mapping[str, tuple[float | None, ...]]
    unconverted: Mapping[str, tuple[bool, ...]]
    playbooks: tuple[str, ...]
    estimates: bool  # some cell shows an estimate or guidance (the legend explains ~)
    period_ends: tuple[dt.date | None, ...] = ()  # each row's period end, to sort by period

    @property
    def companies(self) -> tuple[str, ...]:
        return self.group.companies

    def order(self, key: str, descending: bool = False) -> list[int]:
        """Row positions sorted by `key` (a column id, 'company' or 'playbook'). Companies
        without a figure come last either way, after the amounts that could not be converted;
        ties go by company id."""
        companies = self.companies
        by_id = sorted(range(len(companies)), key=companies.__getitem__)
        if key in (COMPANY, PLAYBOOK):
            texts = companies if key == COMPANY else self.playbooks
            return sorted(by_id, key=texts.__getitem__, reverse=descending)  # stable: ties by id
        if key == PERIOD:
            ends = self.period_ends or (None,) * len(companies)
            dated = sorted((i for i in by_id if ends[i] is not None), key=ends.__getitem__,  # type: ignore[arg-type]
                           reverse=descending)  # fmt: skip
            return dated + [i for i in by_id if ends[i] is None]
        column_of(key)  # an unknown key is a KeyError, never a silently unsorted table
        values, unconverted = self.figures[key], self.unconverted[key]
        present = [i for i in by_id if values[i] is not None]
        present.sort(key=values.__getitem__, reverse=descending)  # type: ignore[arg-type]
        present.sort(key=unconverted.__getitem__)  # stable: converted first, each band sorted
        return present + [i for i in by_id if values[i] is None]

    def companies_in(self, rows: Sequence[int]) -> list[str]:
        return [self.companies[i] for i in rows]

    def marks(self) -> str:
        """The marks and flags the figure cells show, in the legend's order ('▲▼*!')."""
        shown = {char for row in self.rows for text in row[2:-1] for char in text}
        return "".join(c for c in (*SYMBOLS.values(), *FLAGS) if c in shown)


def of(table: PeerTable, names: Mapping[str, str]) -> PeerSheet:
    """The sheet of `table`; `names` labels each company (ids alone where a name is missing)."""
    cells = table.cells
    fields = ("value", "unit", "mark", "converted", "unconverted", "conflict", "kind")
    texts: dict[tuple[str, str], str] = {}
    figures: dict[str, dict[str, float]] = {c.id: {} for c in COLUMNS}
    unconverted: dict[str, set[str]] = {c.id: set() for c in COLUMNS}
    estimates = False
    # Columns zipped, not rows as dicts: the cheap way through 50,000 cells.
    keys = zip(cells.get_column("company"), cells.get_column("column"), strict=True)
    columns = (cells.get_column(name).to_list() for name in fields)
    for (company, column), args in zip(keys, zip(*columns, strict=True), strict=True):
        texts[company, column] = cell_text(*args)
        value, kind, off = args[0], args[6], args[4]
        if value is not None and math.isfinite(value):
            figures[column][company] = value
        if off:
            unconverted[column].add(company)
        estimates = estimates or kind != "actual"
    companies = table.companies
    labels = dict(
        zip(table.table.get_column(COMPANY), table.table.get_column(PLAYBOOK), strict=True)
    )
    playbooks = tuple(str(labels.get(c) or "") for c in companies)
    periods = table.periods()
    ends: dict[str, dt.date] = {}
    if table.anchors is not None:
        ends = dict(table.anchors.select(COMPANY, "period_end").iter_rows())
    rows = tuple(
        (
            clean(f"{c} {names[c]}" if names.get(c, c) != c else c),
            clean(periods.get(c, MISSING)),
            *(texts.get((c, column.id), MISSING) for column in COLUMNS),
            playbook,
        )
        for c, playbook in zip(companies, playbooks, strict=True)
    )
    return PeerSheet(
        group=table.group,
        currency=table.currency,
        mode=table.mode,
        rows=rows,
        widths=_widths(rows),
        figures={k: tuple(v.get(c) for c in companies) for k, v in figures.items()},
        unconverted={k: tuple(c in v for c in companies) for k, v in unconverted.items()},
        playbooks=playbooks,
        estimates=estimates,
        period_ends=tuple(ends.get(c) for c in companies),
    )


def _widths(rows: Sequence[tuple[str, ...]]) -> tuple[int, ...]:
    """Each column's width: its widest cell or its label with a sort arrow, whichever is wider.
    A wide character (a Chinese company name) takes two terminal cells."""
    widths = [width_of(LABELS[key]) + _ARROW for key in KEYS]
    for row in rows:
        widths = [max(w, width_of(text)) for w, text in zip(widths, row, strict=True)]
    return tuple(widths)
