"""The peers panel: companies × metrics, sortable, marked, labelled, with the selected history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from core.peer_columns import BY_ID, COMPANY
from core.peers import PeerTable
from core.playbook import RULES
from core.snapshot import Snapshot
from core.text import clean
from tui import commands
from tui.peers import rows
from tui.peers.detail import PeerDetail

if TYPE_CHECKING:
    import pyarrow as pa
    from textual_fastdatatable import DataTable

    from tui.peers.grid import PeerGrid

# The grid (textual-fastdatatable, pyarrow, and through them polars) is imported when it is
# first built, on the Peers tab: the watchlist's first frame does not wait for those imports.

RULES_LINE = " · ".join(r.text for r in RULES) + " · otherwise balanced"


class PeersPanel(Vertical):
    """The chosen peer group's table; the selected company's playbook and history below it."""

    HELP = f"""Peers: the companies of a peer group side by side, one latest figure per column
(quarters first; the line under the table gives the selected figure's period and source).

s sorts by the selected column (again: reverse); companies without a figure stay last.
g shows the next peer group. Arrows (or h j k l) move; the chart shows the selected company's
history of the selected column's metric. n records a figure for the selected company and
column's metric.

Marks: ▲ best ▼ worst where higher (or lower) is better; ↑ high ↓ low (the highest and the
lowest) where neither is: capex, capex growth, capex intensity, forward P/S.
* converted into the display currency with the watchlist's FX table (the line under the table
names the rate); ? no FX rate: shown in the company's own currency, left out of best/worst;
! sources disagree; ~ an estimate or guidance, shown only where no actual was reported.
Margin Δ: the operating margin (adjusted, where only that is reported) against its previous
figure, in percentage points.

Playbooks, the first rule that holds: {RULES_LINE}."""

    BINDINGS = commands.bindings("peers-panel")
    DEFAULT_CSS = """
    PeersPanel { height: 1fr; }
    PeersPanel #peers-title { color: $text-muted; height: 1; }
    PeersPanel #peers-grid-box { height: 1fr; min-height: 4; }
    """

    def __init__(self) -> None:
        super().__init__(id="peers-panel")
        self.snapshot: Snapshot | None = None
        self.group: str | None = None
        self.sort: tuple[str, bool] = (COMPANY, False)
        self.sorted = False  # until the user sorts, companies keep the watchlist's order
        self._detail_pending = False
        self._grid: PeerGrid | None = None
        self._stale = False  # a snapshot arrived while the panel was hidden
        # Each group's cells as text, made once per snapshot: a sort only reorders rows.
        self._texts: dict[str, pa.Table] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="peers-title", markup=False)
        yield Vertical(id="peers-grid-box")
        yield PeerDetail()

    @property
    def table(self) -> PeerTable | None:
        """The peer table on screen (None before the first snapshot)."""
        if self.snapshot is None or self.snapshot.peers is None:
            return None
        tables = self.snapshot.peers.tables
        if self.group is not None and self.group in tables:
            return tables[self.group]
        return self.snapshot.peers.table()

    @property
    def grid(self) -> PeerGrid | None:
        return self._grid

    def show(self, snapshot: Snapshot) -> None:
        """Draw `snapshot` (called by the app after every refresh).

        Behind another tab the panel only keeps it and draws when first shown: building a
        grid of thousands of companies must not delay the watchlist's first frame.
        """
        self.snapshot = snapshot
        self._texts = {}
        self._stale = self._hidden()
        if not self._stale:
            self._rebuild()

    def _hidden(self) -> bool:
        return any(
            not node.display for node in self.ancestors_with_self if hasattr(node, "display")
        )

    def on_show(self) -> None:
        if self._stale:
            self._stale = False
            self._rebuild()
            # The app focused the tab before this grid existed: nothing has the keys yet.
            if self._grid is not None and self.app.focused is None:
                self._grid.focus()

    def _rebuild(self) -> None:
        table = self.table
        if table is None or self.snapshot is None:
            self.query_one("#peers-title", Static).update("No peer tables in this snapshot.")
            self.query_one("#peers-grid-box", Vertical).remove_children()
            self._grid = None
            return
        self.group = table.group.id
        key, descending = self.sort
        order = table.order(key, descending) if self.sorted else list(table.companies)
        if table.group.id not in self._texts:
            names = {cid: c.name for cid, c in self.snapshot.watchlist.companies.items()}
            self._texts[table.group.id] = rows.arrow_table(table, names)
        data = rows.reorder(self._texts[table.group.id], table.companies, order)
        old = self._grid
        cursor = (old.company, old.cursor_column) if old else (None, 0)
        from tui.peers.grid import PeerGrid

        grid = PeerGrid(data, order, (key, descending) if self.sorted else ("", False), cursor)
        refocus = old is not None and old.has_focus
        box = self.query_one("#peers-grid-box", Vertical)
        box.remove_children()
        box.mount(grid)
        self._grid = grid
        if refocus:
            grid.focus()
        self._title(table)
        self.query_one(PeerDetail).legend(table)
        self._highlighted()

    def record_preset(self) -> tuple[str | None, str | None]:
        """The selected company and its column's metric, for the record form (`n`)."""
        grid = self._grid
        if grid is None:
            return None, None
        column = BY_ID.get(grid.key)
        return grid.company, column.metrics[0] if column is not None else None

    def _title(self, table: PeerTable) -> None:
        assert self.snapshot is not None and self.snapshot.peers is not None
        count = len(self.snapshot.peers.tables)
        position = list(self.snapshot.peers.tables).index(table.group.id) + 1
        more = f" · group {position} of {count}, g next" if count > 1 else ""
        sort = f" · sorted by {rows.LABELS[self.sort[0]]}" if self.sorted else ""
        title = (
            f"{table.group.title} · {len(table.companies)} companies · {table.currency}{sort}{more}"
        )
        self.query_one("#peers-title", Static).update(Content(clean(title)))

    def refresh_detail(self) -> None:
        """Describe the selected company again (the app calls this once the data is read)."""
        if self._grid is not None:
            self._highlighted()

    def on_data_table_cell_highlighted(self) -> None:  # the grid's DataTable.CellHighlighted
        self._highlighted()

    def _highlighted(self) -> None:
        # Described after the grid's frame is painted, once for a burst of cursor moves.
        if not self._detail_pending:
            self._detail_pending = True
            self.call_after_refresh(self._selection_changed)

    def _selection_changed(self) -> None:
        self._detail_pending = False
        table, grid = self.table, self._grid
        if table is not None and grid is not None and grid.company is not None:
            self.query_one(PeerDetail).show(table, grid.company, grid.key)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if self._grid is not None:
            self._grid.move_cursor(column=event.column_index, animate=False)
            self.action_sort_column()

    def action_sort_column(self) -> None:
        """Sort by the cursor's column; the same column again reverses the order."""
        if self._grid is None:
            return
        key = self._grid.key
        if self.sorted and self.sort[0] == key:
            self.sort = (key, not self.sort[1])
        else:  # figures start highest first, names A to Z
            self.sort = (key, key in BY_ID)
        self.sorted = True
        self._resort()

    def _resort(self) -> None:
        """Reorder the grid on screen in place (a new grid would remount, refocus and redraw
        the whole screen: several times the 50 ms a key may take at 5,000 companies)."""
        table, grid = self.table, self._grid
        if table is None or grid is None or table.group.id not in self._texts:
            self._rebuild()
            return
        key, descending = self.sort
        order = table.order(key, descending)
        grid.reorder(
            rows.reorder(self._texts[table.group.id], table.companies, order), order, self.sort
        )
        self._title(table)
        self._highlighted()

    def action_next_group(self) -> None:
        """Show the next peer group (the groups come from the watchlist)."""
        if self.snapshot is None or self.snapshot.peers is None:
            return
        groups = list(self.snapshot.peers.tables)
        current = groups.index(self.group) if self.group in groups else 0
        self.group = groups[(current + 1) % len(groups)]
        self._rebuild()

    def action_move(self, rows_by: int, columns_by: int) -> None:
        """h j k l: move the cursor like the arrows."""
        if self._grid is not None:
            grid = self._grid
            grid.move_cursor(row=grid.cursor_row + rows_by, column=grid.cursor_column + columns_by)
