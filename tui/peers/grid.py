"""The peers grid: one peer sheet (core.peers.sheet) in a virtual grid (tui.widgets.grid).

Only the visible rows are drawn, so a 5,000-company group scrolls as lightly as five, and the
rows are the sheet's own text: showing the tab needs neither polars nor the data. A new group
(or snapshot) mounts a new grid; a sort reorders the rows in place (`reorder`).
"""

from __future__ import annotations

from collections.abc import Sequence

from capexwatch.core.peers.columns import COMPANY, PERIOD, PLAYBOOK
from capexwatch.core.peers.sheet import KEYS, PeerSheet
from capexwatch.tui.peers import rows
from capexwatch.tui.widgets.grid import Grid

# Figures read best right-aligned, so their units and decimals line up.
ALIGN = tuple("left" if key in (COMPANY, PERIOD, PLAYBOOK) else "right" for key in KEYS)


class PeerGrid(Grid):
    """The sheet's rows in a given order; knows which company and column are selected."""

    DEFAULT_CSS = """
    PeerGrid { height: 1fr; max-height: 100%; }
    """

    def __init__(
        self,
        sheet: PeerSheet,
        positions: Sequence[int],
        sort: tuple[str, bool],
        cursor: tuple[str | None, int],
    ) -> None:
        """`positions`: the sheet's rows in display order (PeerSheet.order, or as listed);
        `cursor`: the company and column to start on."""
        self.sheet = sheet
        self.positions = list(positions)
        company, column = cursor
        super().__init__(
            _labels(sort),
            [sheet.rows[i] for i in self.positions],
            sheet.widths,
            align=ALIGN,
            fixed_columns=1,
            cursor=(self._row_of(company), column),
        )

    def reorder(self, positions: Sequence[int], sort: tuple[str, bool]) -> None:
        """Show the same companies in a new order, in place: unlike a new grid, this keeps the
        focus, the footer and the layout, so a sort repaints only the table."""
        company = self.company
        self.positions = list(positions)
        self.set_rows(
            [self.sheet.rows[i] for i in self.positions],
            _labels(sort),
            self.sheet.widths,
            cursor_row=self._row_of(company),
        )

    def _row_of(self, company: str | None) -> int:
        companies = self.sheet.companies
        for row, position in enumerate(self.positions):
            if companies[position] == company:
                return row
        return 0

    @property
    def order(self) -> list[str]:
        """The company ids, top to bottom."""
        return self.sheet.companies_in(self.positions)

    @property
    def company(self) -> str | None:
        """The company on the cursor's row (None for an empty group)."""
        if not 0 <= self.cursor_row < len(self.positions):
            return None
        return self.sheet.companies[self.positions[self.cursor_row]]

    @property
    def key(self) -> str:
        """The key ('company', a column id or 'playbook') of the cursor's column."""
        return KEYS[min(max(self.cursor_column, 0), len(KEYS) - 1)]


def _labels(sort: tuple[str, bool]) -> list[str]:
    key, descending = sort
    return [rows.header(k, key, descending) for k in KEYS]
