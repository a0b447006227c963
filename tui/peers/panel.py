"""The peers panel: companies × metrics, sortable, marked, labelled, with the selected history."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from capexwatch.core.base.text import clean
from capexwatch.core.peers import modes
from capexwatch.core.peers.columns import BY_ID, COMPANY
from capexwatch.core.peers.playbook import RULES
from capexwatch.core.peers.sheet import KEYS, LABELS, PeerSheet
from capexwatch.core.peers.table import Peers, PeerTable
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.tui import commands
from capexwatch.tui.peers.detail import PeerDetail

if TYPE_CHECKING:
    from capexwatch.tui.peers.grid import PeerGrid
    from capexwatch.tui.widgets.grid import Grid

# The grid is imported when it is first built, on the Peers tab: the watchlist's first frame
# does not wait for it.

RULES_LINE = " · ".join(r.text for r in RULES) + " · otherwise balanced"


class PeersPanel(Vertical):
    """The chosen peer group's table; the selected company's playbook and history below it."""

    HELP = f"""Peers: the companies of a peer group side by side, one period per row (the Period
column; the line under the table gives the selected figure's period and source).

p: the period mode, in the title: latest (each company's latest quarter), same quarter (the
latest calendar quarter every company reported, matched by the month it ends in) or TTM (the
last four quarters summed where no TTM was reported; never a fiscal year). A ratio and its
parts always come from the row's period; forward P/S is its latest figure.
s sorts by the selected column (again: reverse); companies without a figure stay last.
g shows the next peer group. Arrows (or h j k l) move; the chart shows the selected company's
history of the selected column's metric. n records a figure for the selected company and
column's metric.

Marks: ▲ best ▼ worst where higher (or lower) is better; ↑ high ↓ low (the highest and the
lowest) where neither is: capex, capex growth, capex intensity, forward P/S.
* converted into the display currency with the watchlist's FX table (the line under the table
names the rate); ? no FX rate: shown in the company's own currency, left out of best/worst;
! sources disagree; ~ an estimate or guidance, shown only where no actual was reported.
Margin Δ YoY: the operating margin (adjusted, where only that is reported) against the same
period a year earlier, in percentage points: a quarter against a quarter, never a year.

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
        self.mode: str = modes.DEFAULT
        self.sort: tuple[str, bool] = (COMPANY, False)
        self.sorted = False  # until the user sorts, companies keep the watchlist's order
        self._detail_pending = False
        self._grid: PeerGrid | None = None
        self._stale = False  # a snapshot arrived while the panel was hidden

    def compose(self) -> ComposeResult:
        yield Static(id="peers-title", markup=False)
        yield Vertical(id="peers-grid-box")
        yield PeerDetail()

    @property
    def _group(self) -> str | None:
        """The group on screen: the one chosen with g, else the watchlist's default."""
        peers = self.snapshot.peers if self.snapshot is not None else None
        if peers is None:
            return None
        return self.group if self.group in peers.groups else peers.default

    @property
    def sheet(self) -> PeerSheet | None:
        """The group on screen as text (None before the first snapshot)."""
        group = self._group
        if group is None or self.snapshot is None or self.snapshot.peers is None:
            return None
        return self.snapshot.peers.sheet(group, self.mode)

    @property
    def table(self) -> PeerTable | None:
        """The computed table on screen, behind the selected company's details. On a start from
        the stored view, reading it imports polars: the grid itself needs only the sheet."""
        group = self._group
        if group is None or self.snapshot is None or self.snapshot.peers is None:
            return None
        return self.snapshot.peers.table(group, self.mode)

    @property
    def grid(self) -> PeerGrid | None:
        return self._grid

    def show(self, snapshot: Snapshot) -> None:
        """Draw `snapshot` (called by the app after every refresh).

        Behind another tab the panel only keeps it and draws when first shown: building a
        grid of thousands of companies must not delay the watchlist's first frame.
        """
        self.snapshot = snapshot
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
        sheet = self.sheet
        if sheet is None:
            self.query_one("#peers-title", Static).update("No peer tables in this snapshot.")
            self.query_one("#peers-grid-box", Vertical).remove_children()
            self._grid = None
            return
        self.group = sheet.group.id
        sort = self.sort if self.sorted else ("", False)
        positions = sheet.order(*self.sort) if self.sorted else range(len(sheet.companies))
        old = self._grid
        cursor = (old.company, old.cursor_column) if old else (None, 0)
        from capexwatch.tui.peers.grid import PeerGrid

        grid = PeerGrid(sheet, positions, sort, cursor)
        refocus = old is not None and old.has_focus
        box = self.query_one("#peers-grid-box", Vertical)
        box.remove_children()
        box.mount(grid)
        self._grid = grid
        if refocus:
            grid.focus()
        self._title(sheet)
        self.query_one(PeerDetail).legend(sheet)
        self._highlighted()

    def record_preset(self) -> tuple[str | None, str | None]:
        """The selected company and its column's metric, for the record form (`n`)."""
        grid = self._grid
        if grid is None:
            return None, None
        column = BY_ID.get(grid.key)
        return grid.company, column.metrics[0] if column is not None else None

    def _title(self, table: PeerSheet) -> None:
        assert self.snapshot is not None and self.snapshot.peers is not None
        count = len(self.snapshot.peers.groups)
        position = self.snapshot.peers.groups.index(table.group.id) + 1
        more = f" · group {position} of {count}, g next" if count > 1 else ""
        sort = f" · sorted by {LABELS[self.sort[0]]}" if self.sorted else ""
        mode = f"period: {modes.LABELS.get(table.mode, table.mode)} (p)"
        title = (
            f"{table.group.title} · {len(table.companies)} companies · {mode} · "
            f"{table.currency}{sort}{more}"
        )
        self.query_one("#peers-title", Static).update(Content(clean(title)))

    def refresh_detail(self) -> None:
        """Describe the selected company again (the app calls this once the data is read)."""
        if self._grid is not None:
            self._highlighted()

    def on_grid_cell_highlighted(self) -> None:
        self._highlighted()

    def _highlighted(self) -> None:
        # Described after the grid's frame is painted, once for a burst of cursor moves.
        if not self._detail_pending:
            self._detail_pending = True
            self.call_after_refresh(self._selection_changed)

    def _selection_changed(self) -> None:
        self._detail_pending = False
        grid, peers = self._grid, self.snapshot.peers if self.snapshot else None
        if grid is None or grid.company is None or peers is None:
            return
        detail = self.query_one(PeerDetail)
        if viewcache.pending(peers.tables):
            # Opened on the stored view: the computed tables (polars) are read in the
            # background, so the grid is on screen and answers keys meanwhile.
            detail.waiting(grid.company)
            self._read_tables(peers)
            return
        table = self.table
        if table is not None:
            detail.show(table, grid.company, grid.key)

    @work(thread=True, exclusive=True, group="peer-tables", exit_on_error=False)
    def _read_tables(self, peers: Peers) -> None:
        with contextlib.suppress(Exception):  # unreadable: computed from the data instead
            len(peers.tables)
        self.app.call_from_thread(self._highlighted)

    def on_grid_header_selected(self, event: Grid.HeaderSelected) -> None:
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
        sheet, grid = self.sheet, self._grid
        if sheet is None or grid is None or grid.sheet is not sheet:
            self._rebuild()
            return
        grid.reorder(sheet.order(*self.sort), self.sort)
        self._title(sheet)
        self._highlighted()

    def action_next_group(self) -> None:
        """Show the next peer group (the groups come from the watchlist)."""
        if self.snapshot is None or self.snapshot.peers is None:
            return
        groups = self.snapshot.peers.groups
        if len(groups) < 2:  # say so: a key that does nothing looks broken
            named = self.snapshot.watchlist.peers.get(groups[0]) if groups else None
            title = named.title if named is not None else groups[0] if groups else ""
            only = f"only one peer group, “{clean(title)}”" if groups else "no peer groups"
            self.app.notify(
                f"There is {only}: add a [peers.NAME] table to watchlist.toml for another.",
                title="No other peer group",
                markup=False,
            )
            return
        current = groups.index(self.group) if self.group in groups else 0
        self.group = groups[(current + 1) % len(groups)]
        self._rebuild()

    def action_next_mode(self) -> None:
        """Show the next period mode: latest, same quarter, TTM."""
        self.mode = modes.next_mode(self.mode)
        self._rebuild()

    def action_move(self, rows_by: int, columns_by: int) -> None:
        """h j k l: move the cursor like the arrows."""
        if self._grid is not None:
            grid = self._grid
            grid.move_cursor(row=grid.cursor_row + rows_by, column=grid.cursor_column + columns_by)

    def select_figure(self, company: str, metric: str) -> bool:
        """Put the cursor on `company`'s cell of the column showing `metric` (in a group that
        has the company, the one on screen first); False when no peer table shows it. The
        Changes view jumps here for a new or revised figure."""
        peers = self.snapshot.peers if self.snapshot is not None else None
        columns = [i for i, key in enumerate(KEYS) if key in BY_ID and metric in BY_ID[key].metrics]
        if peers is None or not columns:
            return False
        groups = [g for g in peers.groups if company in peers.sheet(g).companies]
        if not groups:
            return False
        self.group = self._group if self._group in groups else groups[0]
        self._rebuild()
        grid = self._grid
        if grid is None:
            return False
        grid.move_cursor(row=grid.order.index(company), column=columns[0])
        return True
