"""Import a file from the app: the same checks and all-or-nothing rule as `capexwatch import`.

`ImportForm(locations, watchlist)` asks for a path (CSV, Parquet or SEC EDGAR companyfacts
JSON), imports it through `ingest.importer`, and dismisses with what it did (None when cancelled).
A file with bad rows stays open showing every problem, located; "skip bad rows" imports the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.format import counted
from capexwatch.core.base.locations import Locations
from capexwatch.core.base.text import clean_multiline
from capexwatch.core.figures import store
from capexwatch.core.ingest import importer
from capexwatch.core.watchlist.model import Watchlist
from capexwatch.tui.forms.screen import FormScreen

MAX_SHOWN = 40


def describe(report: importer.ImportReport) -> str:
    """One line saying what an import did (as the CLI says it)."""
    who = f" for {report.company}" if report.company else ""
    same = report.rows - report.added
    already = f" ({same} already there)" if same else ""
    skipped = f"; skipped {counted(len(report.skipped), 'problem')}" if report.skipped else ""
    return f"imported {report.added} new row(s){who} from {report.kind}{already}{skipped}"


class ImportForm(FormScreen[str]):
    """A path and a checkbox; ctrl+s imports, escape cancels; problems show below."""

    DEFAULT_CSS = """
    ImportForm { align: center middle; }
    ImportForm #import-body {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ImportForm .import-heading { text-style: bold; margin-bottom: 1; }
    ImportForm .import-field { height: auto; }
    ImportForm .import-label { width: 8; padding: 0 1 0 0; text-align: right; }
    ImportForm .import-field Input { width: 1fr; }
    ImportForm #import-problems { display: none; color: $error; height: auto; max-height: 12; }
    ImportForm #import-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ImportForm #import-buttons Button { margin-left: 2; }
    """

    SAVE_BUTTON, CANCEL_BUTTON = "import-save", "import-cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Import", id="import.save", tooltip="Check and import the file"),
        Binding("escape", "cancel", "Cancel", id="import.cancel", tooltip="Close, import nothing"),
    ]

    def __init__(self, locations: Locations, watchlist: Watchlist) -> None:
        super().__init__()
        self.locations = locations
        self.watchlist = watchlist

    def compose(self) -> ComposeResult:
        with Vertical(id="import-body"):
            yield Static(
                Text("Import a CSV, Parquet or companyfacts file"), classes="import-heading"
            )
            with Horizontal(classes="import-field"):
                yield Label("File", classes="import-label")
                yield Input(id="path", placeholder="~/figures.csv", compact=True)
            with Horizontal(classes="import-field"):
                yield Label("Source", classes="import-label")
                yield Input(
                    id="source", placeholder="for rows without one, e.g. 10-Q 2025-09-30",
                    compact=True,
                )  # fmt: skip
            with Horizontal(classes="import-field"):
                yield Label("", classes="import-label")
                yield Checkbox("skip bad rows (import the others)", id="skip", compact=True)
            with VerticalScroll(id="import-problems"):
                yield Static("", id="import-problems-text")
            with Horizontal(id="import-buttons"):
                yield Button("Cancel (esc)", id="import-cancel")
                yield Button("Import (ctrl+s)", id="import-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def _show(self, message: str) -> None:
        lines = message.splitlines()
        if len(lines) > MAX_SHOWN:
            lines = [*lines[:MAX_SHOWN], f"… and {len(lines) - MAX_SHOWN} more lines"]
        self.query_one("#import-problems-text", Static).update(
            Text(clean_multiline("\n".join(lines)))
        )
        self.query_one("#import-problems").display = bool(message)

    def action_save(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._show("name a file to import")
            return
        try:
            report = importer.import_file(
                Path(text).expanduser(),
                self.locations.imported,
                self.watchlist,
                # The user's own metrics, imported or recorded before, are known ones.
                metrics=store.metric_ids(self.locations.imported),
                skip_bad_rows=self.query_one("#skip", Checkbox).value,
                source=self.query_one("#source", Input).value.strip() or None,
                skip_hint="tick “skip bad rows” below",
                source_hint="the Source field",
            )
        except CapexwatchError as error:
            self._show(str(error))
            return
        self.dismiss(describe(report))
