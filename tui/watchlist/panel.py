"""The watchlist panel: the signals table, `/` filter, detail pane, and edits to the file."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

from core import watchlist_edit
from core.errors import CapexwatchError, ConfigError
from core.snapshot import Snapshot, known_metrics
from core.text import clean
from core.watchlist import Watchlist
from tui import commands
from tui.watchlist import rows
from tui.watchlist.detail import DetailPane
from tui.watchlist.form import MANAGED, SignalForm
from tui.watchlist.table import SignalsTable
from tui.widgets.confirm import ConfirmDialog


class FilterInput(Input):
    """The `/` filter: typing narrows the table; escape clears it, enter returns to the table."""

    BINDINGS = commands.bindings("signal-filter")

    def action_clear_filter(self) -> None:
        self.value = ""
        self.display = False
        self.screen.query_one(SignalsTable).focus()


class WatchlistPanel(Vertical):
    """One row per signal, the selected one described below; a, e, d, m edit watchlist.toml."""

    HELP = """Watchlist: one row per signal, most severe first, then closest to its threshold.

Status is a symbol and a word: ▲ TRIGGERED, ◆ NEAR (within the signal's near band),
● OK, ○ NO DATA. STALE (⚑ when narrow) marks a latest figure older than the signal allows.
Muted signals sink to the bottom and are left out of the header's counts.

The pane below the table shows the selected signal: its rule in words, the metric's history
with the threshold drawn across, the note, every source with its date, and where sources
disagree. Edits are written to watchlist.toml keeping its comments, and only if the file is
still what the app loaded: a change made outside the app meanwhile is never overwritten."""

    BINDINGS = commands.bindings("watchlist-panel")

    class Saved(Message):
        """watchlist.toml was changed by the panel; the app reloads it."""

        def __init__(self, select: str | None, watchlist: Watchlist) -> None:
            super().__init__()
            self.select = select
            self.watchlist = watchlist  # as saved: the app's next edit starts from it

    def __init__(self) -> None:
        super().__init__(id="watchlist-panel")
        self.snapshot: Snapshot | None = None
        self.order = "severity"
        self._keep_row: int | None = None

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder="filter: words in title, company, rule or status", id="signal-filter"
        )
        yield SignalsTable()
        yield DetailPane(id="signal-detail")

    def on_mount(self) -> None:
        self.query_one(FilterInput).display = False

    @property
    def table(self) -> SignalsTable:
        return self.query_one(SignalsTable)

    def show(self, snapshot: Snapshot) -> None:
        """Draw `snapshot` (the app calls this after every refresh, inside one batch update)."""
        self.snapshot = snapshot
        self._refill()
        if self._keep_row is not None:
            # A muted signal sinks to the bottom; the cursor stays put, on the next one.
            self.table.move_cursor(row=self._keep_row, animate=False)
            self._keep_row = None
            self._show_detail()

    def select(self, signal_id: str) -> None:
        """Put the cursor on `signal_id`."""
        self.table.select_id(signal_id)
        self._show_detail()

    def _refill(self) -> None:
        if self.snapshot is None:
            return
        query = self.query_one(FilterInput).value
        results = [r for r in self.snapshot.results if rows.matches(r, query)]
        self.table.fill(rows.sort(results, self.order))
        shown = (
            f"{len(results)} of {len(self.snapshot.results)}"
            if query.strip()
            else str(len(results))
        )
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

    @on(Input.Submitted, "#signal-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_filter(self) -> None:
        field = self.query_one(FilterInput)
        field.display = True
        field.focus()

    def action_toggle_details(self) -> None:
        self.toggle_class("-no-detail")

    def action_next_sort(self) -> None:
        orders = list(rows.SORTS)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self._refill()

    # Edits: each opens the file afresh, applies one change, validates it as the loader would.
    def _save(self, change: Any, *args: Any) -> dict[str, list[str]]:
        assert self.snapshot is not None
        editable, index = None, None
        try:
            editable = watchlist_edit.open_for_edit(self.snapshot.watchlist)
            index = change(editable, *args)
            saved = watchlist_edit.save(editable, known_metrics(self.snapshot.observations))
        except ConfigError as error:
            if editable is not None and index is not None:
                return watchlist_edit.field_problems(editable, index, error)
            return {"": [str(error)]}
        except (CapexwatchError, KeyError) as error:
            return {"": [str(error)]}
        # Edit the saved file next, even before the reload has finished.
        self.snapshot = replace(self.snapshot, watchlist=saved)
        return {}

    def _saved(self, fields: dict[str, Any] | None) -> None:
        if fields is not None:
            assert self.snapshot is not None
            self.post_message(self.Saved(fields.get("id"), self.snapshot.watchlist))

    def _companies(self) -> dict[str, str]:
        assert self.snapshot is not None
        return {cid: c.name for cid, c in self.snapshot.watchlist.companies.items()}

    def action_add_signal(self) -> None:
        if self.snapshot is None:
            return
        form = SignalForm(
            "Add a signal",
            None,
            self._companies(),
            lambda f: self._save(watchlist_edit.add_signal, f),
        )
        self.app.push_screen(form, self._saved)

    def action_edit_signal(self) -> None:
        selected = self.table.selected
        if selected is None or self.snapshot is None:
            return
        signal = selected.signal

        def submit(fields: dict[str, Any]) -> dict[str, list[str]]:
            return self._save(watchlist_edit.update_signal, signal.id, fields, MANAGED)

        form = SignalForm(f"Edit “{signal.title}”", signal, self._companies(), submit)
        self.app.push_screen(form, self._saved)

    def action_delete_signal(self) -> None:
        selected = self.table.selected
        if selected is None or self.snapshot is None:
            return
        signal = selected.signal
        question = (
            f"Delete the signal “{clean(signal.title)}” ({clean(signal.id)}) "
            f"from {self.snapshot.watchlist.path}?\nIts entry and the comments inside it go."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._report(self._save(watchlist_edit.delete_signal, signal.id), None)

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_toggle_mute(self) -> None:
        selected = self.table.selected
        if selected is None:
            return
        signal = selected.signal
        problems = self._save(watchlist_edit.set_muted, signal.id, not signal.muted)
        if not problems:
            self._keep_row = self.table.cursor_row
        self._report(problems, None)

    def _report(self, problems: dict[str, list[str]], select: str | None) -> None:
        if problems:
            message = "\n".join(m for ms in problems.values() for m in ms)
            self.app.notify(clean(message), title="Not saved", severity="error", markup=False)
        else:
            assert self.snapshot is not None
            self.post_message(self.Saved(select, self.snapshot.watchlist))
