"""The signals table: one row per signal, keyed by signal id, re-laid out when its width changes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import DataTable

from capexwatch.core.signals.evaluate import SignalResult
from capexwatch.tui import commands
from capexwatch.tui.watchlist import rows


class SignalsTable(DataTable[object]):
    """Rows of signals; the cursor stays on the same signal across refreshes."""

    BINDINGS = commands.bindings("signals-table")

    def __init__(self) -> None:
        super().__init__(id="signals-table", cursor_type="row", zebra_stripes=True)
        self.results: list[SignalResult] = []
        self._laid_out_for: tuple[str, ...] = ()

    class DetailsToggled(Message):
        """Enter on a row: the panel shows or hides the details."""

    def action_toggle_details(self) -> None:
        self.post_message(self.DetailsToggled())

    def fill(self, results: Sequence[SignalResult]) -> None:
        """Show `results` in this order; the selected signal stays selected if still there."""
        selected = self.selected_id
        self.results = list(results)
        if not self.size.width:  # not laid out yet: lay out again once it is
            self.call_after_refresh(self._relayout)
        width = rows.widths(self.size.width or self.app.size.width - 2)
        columns = tuple(rows.width_order(width))
        with self.app.batch_update():
            self.clear(columns=True)
            for name in columns:
                # A Text, not a str: no markup to parse (and no emoji table to load for it).
                self.add_column(Text(name), width=width[name], key=name)
            self._laid_out_for = tuple(f"{c}:{width[c]}" for c in columns)
            for result in self.results:
                self.add_row(*rows.cells(self.app, result, width), key=result.signal.id)
            ids = [r.signal.id for r in self.results]
            if selected in ids:
                self.move_cursor(row=ids.index(selected), animate=False)

    @property
    def selected(self) -> SignalResult | None:
        """The result under the cursor (None for an empty table)."""
        if not self.results or not 0 <= self.cursor_row < len(self.results):
            return None
        return self.results[self.cursor_row]

    @property
    def selected_id(self) -> str | None:
        result = self.selected
        return result.signal.id if result else None

    def select_id(self, signal_id: str) -> None:
        """Move the cursor to `signal_id`, if it is shown."""
        ids = [r.signal.id for r in self.results]
        if signal_id in ids:
            self.move_cursor(row=ids.index(signal_id), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        width = rows.widths(self.size.width)
        layout = tuple(f"{c}:{width[c]}" for c in rows.width_order(width))
        if self.size.width and layout != self._laid_out_for and self.results:
            self.fill(self.results)
