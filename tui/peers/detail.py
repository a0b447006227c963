"""Under the peers grid: why the selected company got its playbook, the legend, and its chart."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from capexwatch.core.base.text import clean
from capexwatch.core.peers.columns import BY_ID
from capexwatch.core.peers.sheet import PeerSheet
from capexwatch.core.peers.table import PeerTable
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.tui.peers import rows
from capexwatch.tui.widgets.chart import HistoryChart


class PeerDetail(Vertical):
    """The selected company: the rule that fired with its numbers, the cell's period and
    source, and the history of the selected column's metric (converted amounts say so)."""

    DEFAULT_CSS = """
    PeerDetail { height: 50%; }
    PeerDetail #peers-why { height: auto; max-height: 4; color: $text; }
    PeerDetail #peers-legend { height: 1; color: $text-muted; }
    PeerDetail HistoryChart { height: 1fr; min-height: 5; border: round $panel-lighten-2; }
    """

    def __init__(self) -> None:
        super().__init__(id="peers-detail")
        self.chart_key = "capex"  # the company and playbook columns keep the last metric's chart

    def compose(self) -> ComposeResult:
        yield Static(id="peers-why", markup=False)
        yield Static(id="peers-legend", markup=False)
        yield HistoryChart(id="peers-chart")

    def legend(self, sheet: PeerSheet) -> None:
        """The marks' legend, in its short form when the long one does not fit one line."""
        width = self.size.width or self.app.size.width
        text = rows.legend(sheet)
        if len(text) > width:
            text = rows.legend(sheet, short=True)
        self.query_one("#peers-legend", Static).update(Content(clean(text)))

    def on_resize(self) -> None:
        sheet = getattr(self.parent, "sheet", None)
        if isinstance(sheet, PeerSheet):
            self.legend(sheet)

    def waiting(self, company: str) -> None:
        """Say that the selected company's details are being read (a start from the stored
        view draws the grid before the computed tables are read)."""
        self.query_one("#peers-why", Static).update(Content(clean(f"{company}: reading the data…")))
        chart = self.query_one(HistoryChart)
        chart.border_title = Content(clean(company))
        chart.clear_plot("reading the data…")

    def show(self, table: PeerTable, company: str, key: str) -> None:
        """Describe `company`, with the cell in column `key` (a column id, company or playbook)."""
        if key in BY_ID:
            self.chart_key = key
        _label, why = table.playbook(company)
        cell = table.cell(company, key) if key in BY_ID else None
        text = clean(f"{company}: {why}")
        if cell is not None:
            text += "\n" + clean(rows.provenance(table, cell))
        self.query_one("#peers-why", Static).update(Content(text))
        self._chart(table, company)

    def _chart(self, table: PeerTable, company: str) -> None:
        chart = self.query_one(HistoryChart)
        if viewcache.pending(table.observations):
            # Opened on the stored view: the history is drawn once the data is read (the app
            # asks again), rather than the keys waiting for it.
            chart.border_title = Content(clean(company))
            chart.clear_plot("reading the data…")
            return
        history = table.history(company, self.chart_key)
        star = f" · {table.currency}* converted" if history.converted else ""
        # Content, not a str: a border title string would be read as markup.
        chart.border_title = Content(clean(f"{history.label} · {company}{star}"))
        if not history.points:
            chart.clear_plot()
            return
        unit = history.points[-1].unit
        chart.plot([p.period for p in history.points], [p.value for p in history.points], unit)
