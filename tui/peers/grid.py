"""The peers grid: an Arrow-backed, virtualised table (textual-fastdatatable).

Only the visible rows are rendered, so a 5,000-company group scrolls as lightly as five. Cells
are plain strings rendered without markup: a company called `[bold]x[/]` shows those characters.
A new group (or snapshot) mounts a new grid; a sort swaps the rows in place (`reorder`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
from textual_fastdatatable import ArrowBackend, DataTable

from tui.peers import rows


class PeerGrid(DataTable):
    """Companies × columns in a given order; knows which company and column are selected."""

    DEFAULT_CSS = """
    PeerGrid { height: 1fr; max-height: 100%; }
    """

    def __init__(
        self,
        data: pa.Table,
        order: Sequence[str],
        sort: tuple[str, bool],
        cursor: tuple[str | None, int],
    ) -> None:
        """`data`: the rows already in `order` (see rows.reorder)."""
        self.order = list(order)
        key, descending = sort
        super().__init__(
            backend=ArrowBackend(data),
            column_labels=[rows.header(k, key, descending) for k in rows.KEYS],
            fixed_columns=1,
            show_row_labels=False,
            zebra_stripes=True,
            cursor_type="cell",
            null_rep=rows.MISSING,
            render_markup=False,
        )
        self._start = cursor

    def on_mount(self) -> None:
        company, column = self._start
        row = self.order.index(company) if company in self.order else 0
        self.move_cursor(row=row, column=column, animate=False)

    def reorder(self, data: pa.Table, order: Sequence[str], sort: tuple[str, bool]) -> None:
        """Show the same companies in a new order, in place: unlike a new grid, this keeps the
        focus, the footer and the layout, so a sort repaints only the table."""
        company, column = self.company, self.cursor_column
        self.order = list(order)
        key, descending = sort
        backend = ArrowBackend(data)
        backend.render_markup = False
        self.backend = backend
        self._column_labels = [rows.header(k, key, descending) for k in rows.KEYS]
        self._ordered_columns = None  # the headers carry the sort arrow
        self._clear_caches()
        self._update_count += 1
        self._require_update_dimensions = True
        row = self.order.index(company) if company in self.order else 0
        self.move_cursor(row=row, column=column, animate=False)
        self.refresh()

    @property
    def company(self) -> str | None:
        """The company on the cursor's row (None for an empty group)."""
        if not self.order or not 0 <= self.cursor_row < len(self.order):
            return None
        return self.order[self.cursor_row]

    @property
    def key(self) -> str:
        """The key ('company', a column id or 'playbook') of the cursor's column."""
        return rows.KEYS[min(max(self.cursor_column, 0), len(rows.KEYS) - 1)]
