"""The capexwatch App: assembles the screens; everything it shows comes from a core Snapshot."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from core import format as fmt
from core.snapshot import Snapshot
from core.text import clean
from core.workspace import Workspace


class CapexwatchApp(App[int]):
    TITLE = "capexwatch"

    def __init__(self, workspace: Workspace, snapshot: Snapshot) -> None:
        super().__init__()
        self.workspace = workspace
        self.snapshot = snapshot

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="signals", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Status", "Signal", "Co.", "Latest", "Period")
        for r in self.snapshot.sorted_results():
            table.add_row(
                r.status,
                clean(r.signal.title),
                r.signal.company or "",
                fmt.value(r.value, r.unit),
                r.period or "—",
            )
