"""The watchlist panel: the signals table, `/` filter, detail pane, and edits to the file."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.widgets import DataTable, Input

from capexwatch.core.base.text import clean
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.tui import commands
from capexwatch.tui.watchlist import rows
from capexwatch.tui.watchlist.detail import DetailPane
from capexwatch.tui.watchlist.edits import SignalEdits
from capexwatch.tui.watchlist.table import SignalsTable


class FilterInput(Input):
    """The `/` filter: typing narrows the table; escape clears it, enter returns to the table."""

    BINDINGS = commands.bindings("signal-filter")

    def action_clear_filter(self) -> None:
        self.value = ""
        self.display = False
        self.screen.query_one(SignalsTable).focus()


class WatchlistPanel(SignalEdits, Vertical):
    """One row per signal, the selected one described below; a, e, d, m edit watchlist.toml."""

    HELP = """Watchlist: one row per signal, most severe first, then closest to its threshold.

Status is a symbol and a word: ▲ TRIGGERED, ◆ NEAR (within the signal's near band),
● OK, ○ NO DATA. STALE (⚑ when narrow) marks a latest figure older than the signal allows.
Muted signals sink to the bottom and are left out of the header's counts.
The plan's tripwire, once plan.toml gives it, is one more row ("plan.toml tripwire: …"): it is
edited on the Pressure test panel (3) and counted there as a gate, not in the header's counts.

The pane below (or beside) the table shows the selected signal: its rule in words, the history
with the threshold drawn across, the note, every source with its date, and where sources
disagree. Edits are written to watchlist.toml keeping its comments, and only if the file is
still what the app loaded: a change made outside the app meanwhile is never overwritten.

n records a figure (or, on an event signal, an event) for the selected signal's company and
metric; i imports a CSV, Parquet or companyfacts file. The signals move as soon as it is saved."""

    BINDINGS = commands.bindings("watchlist-panel")

    def __init__(self) -> None:
        super().__init__(id="watchlist-panel")
        self.snapshot: Snapshot | None = None
        self.order = "severity"

    def compose(self) -> ComposeResult:
        # The `/` filter is mounted above the table when first asked for (`action_filter`): a
        # hidden Input cost the first frame ~5 ms.
        with Container(id="signal-body"):  # stacked; side by side on a very wide screen
            yield SignalsTable()
            yield DetailPane(id="signal-detail")

    def _filter_text(self) -> str:
        """What the filter holds ("" before it was first opened)."""
        found = self.query(FilterInput)
        return found.first().value if found else ""

    @property
    def table(self) -> SignalsTable:
        return self.query_one(SignalsTable)

    def show(self, snapshot: Snapshot) -> None:
        """Draw `snapshot` (the app calls this after every refresh, inside one batch update)."""
        self.snapshot = snapshot
        self._refill()  # the selected signal stays selected, wherever it sorts to

    def select(self, signal_id: str) -> None:
        """Put the cursor on `signal_id`."""
        self.table.select_id(signal_id)
        self._show_detail()

    def record_preset(self) -> tuple[str | None, str | None]:
        """The selected signal's company and metric (`event:<kind>` for an event signal), for
        the record form (`n`)."""
        selected = self.table.selected
        if selected is None:
            return None, None
        signal = selected.signal
        return signal.company, f"event:{signal.event}" if signal.event else signal.metric

    def _refill(self) -> None:
        if self.snapshot is None:
            return
        query = self._filter_text()
        every = rows.with_tripwire(self.snapshot)
        results = [r for r in every if rows.matches(r, query)]
        self.table.fill(rows.sort(results, self.order))
        shown = f"{len(results)} of {len(every)}" if query.strip() else str(len(results))
        filtered = f" · filter “{clean(query)}”" if query.strip() else ""
        # A Text, not a str: a str title is markup, and the filter is whatever the user typed.
        self.table.border_title = Text(f"Signals ({shown}) · sorted by {self.order}{filtered}")
        self._show_detail()

    def _show_detail(self) -> None:
        if self.snapshot is not None:
            self.query_one(DetailPane).show(self.table.selected, self.snapshot)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Input.Changed, "#signal-filter")
    def _filter_changed(self) -> None:
        self._refill()
        self.refresh_bindings()  # escape clears a filter, when there is one

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self._filter_text())
        return True

    def action_clear_filter(self) -> None:
        for field in self.query(FilterInput):
            field.action_clear_filter()

    @on(Input.Submitted, "#signal-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_filter(self) -> None:
        found = self.query(FilterInput)
        if found:
            field = found.first()
            field.display = True
        else:
            field = FilterInput(
                placeholder="/ filter: words in title, company, rule or status",
                id="signal-filter",
                compact=True,  # one line: the table keeps its rows
            )
            self.mount(field, before=0)
        field.focus()

    @on(SignalsTable.DetailsToggled)
    def action_toggle_details(self) -> None:
        self.toggle_class("-no-detail")

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        order = rows.SORT_BY_COLUMN.get(str(event.column_key.value))
        if order:
            self.order = order
            self._refill()

    def action_scroll_details(self, lines: int) -> None:
        self.query_one(DetailPane).scroll_text(lines)

    def action_next_sort(self) -> None:
        orders = list(rows.SORTS)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self._refill()
