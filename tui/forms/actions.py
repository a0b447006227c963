"""The data-entry side of the App: `n` records a figure or event, `i` imports a file.

Mixed into the App (which supplies `workspace`, `snapshot` and `reload`), so tui/app.py only
assembles. The record form starts on what the user is looking at: the selected signal's company
and metric on the watchlist, the selected company and column's metric on the peers panel. After
a form writes, the app says what was written and reloads, so the affected signals move at once.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import TabbedContent

from capexwatch.core.figures import catalogue

# The forms (and the importers behind them) are imported when first opened, not before the
# app's first frame.

EVENT = "event:"  # record_preset's metric for an event signal: `event:<kind>`


def recordable(metric_id: str | None) -> str | None:
    """The metric one records to move `metric_id`: itself when reported, the stem of a change
    (capex for capex_yoy), none for a formula (capex / revenue has two inputs to choose from)."""
    metric = catalogue.lookup(metric_id) if metric_id else None
    if metric is None:
        return metric_id
    if metric.change:
        return recordable(metric.change[0])
    return None if metric.formula else metric_id


class DataEntryActions:
    """App mixin for the two data-entry forms."""

    def _entry_app(self) -> Any:
        assert isinstance(self, App)
        return self

    def record_preset(self) -> tuple[str | None, str | None]:
        """(company, metric) of what the active panel has selected, for the record form; an
        event signal's metric is its event kind, written `event:<kind>`."""
        app = self._entry_app()
        active = app.query_one(TabbedContent).active
        for panel in app.panels():
            if panel.id == f"{active}-panel" and hasattr(panel, "record_preset"):
                company, metric = panel.record_preset()
                if metric and metric.startswith(EVENT):
                    return company, metric
                return company, recordable(metric)
        return None, None

    def action_record(self) -> None:
        """Open the record form, preset to the selection (`n`)."""
        app = self._entry_app()
        company, metric = self.record_preset()
        event = metric.removeprefix(EVENT) if metric and metric.startswith(EVENT) else None
        from capexwatch.tui.forms.record import RecordForm

        form = RecordForm(
            app.workspace.locations,
            app.snapshot.watchlist.companies,
            company,
            None if event else metric,
            event=event,
            hints=self._quarter_hints,
        )
        app.push_screen(form, self._written)

    def _quarter_hints(self, company: str) -> list[Any]:
        """The record form's quarter mode: `company`'s metrics and their last values."""
        from capexwatch.core.peers.quarter import hints

        snapshot = self._entry_app().snapshot
        return hints(snapshot.watchlist, snapshot.observations, company)

    def action_import_file(self) -> None:
        """Open the import form (`i`)."""
        app = self._entry_app()
        from capexwatch.tui.forms.import_file import ImportForm

        form = ImportForm(app.workspace.locations, app.snapshot.watchlist)
        app.push_screen(form, self._written)

    def _written(self, line: str | None) -> None:
        if line is None:  # cancelled
            return
        app = self._entry_app()
        # The app reloads now: the file watcher need not notice the same write again.
        watcher = getattr(app, "_watcher", None)
        if watcher is not None:
            where = app.workspace.locations
            watcher.acknowledge((where.imported, where.events))
        app.notify(line, title="Data", markup=False)
        app.reload()
