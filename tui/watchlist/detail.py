"""The selected signal in full: status, rule in words, history chart, note, sources, conflicts."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from capexwatch.core.base import clock
from capexwatch.core.base.text import clean, clean_multiline
from capexwatch.core.signals import calendar
from capexwatch.core.signals.evaluate import SignalResult
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.tui.watchlist import describe, rows
from capexwatch.tui.widgets import status
from capexwatch.tui.widgets.chart import HistoryChart
from capexwatch.tui.widgets.scroll import TextScroll


class DetailPane(Horizontal):
    """Words on the left (scrollable), the history chart on the right."""

    def compose(self) -> ComposeResult:
        with TextScroll(id="detail-scroll"):
            yield Static(id="detail-text")
        # Drawn just after the app's first frame: plotext's import and drawing (~20 ms) wait.
        yield HistoryChart(id="detail-chart", wait_for_first_frame=True)

    def scroll_text(self, lines: int) -> None:
        """Scroll the words by `lines` (negative: up), wherever the focus is."""
        self.query_one(TextScroll).scroll_relative(y=lines, animate=False)

    def show(self, result: SignalResult | None, snapshot: Snapshot) -> None:
        """Describe `result` (None: nothing selected)."""
        text = self.query_one("#detail-text", Static)
        chart = self.query_one(HistoryChart)
        if result is None:
            text.update(Text("No signal selected. Press a to add one."))
            chart.clear_plot()
            return
        text.update(self.describe(result, snapshot))
        unit = result.unit or describe.metric_unit(result.signal.metric)
        # Nothing to draw (an event, a composite, no figure yet): the words take the width.
        chart.display = bool(result.history)
        if result.history:
            chart.plot(
                [p.period for p in result.history],
                [p.value for p in result.history],
                unit,
                result.threshold,
                against=describe.against(result),
            )
        else:
            chart.clear_plot()

    def describe(self, result: SignalResult, snapshot: Snapshot) -> Text:
        """The words of the pane; everything from the data goes in as plain text."""
        signal = result.signal
        company = snapshot.watchlist.companies.get(signal.company or "")
        out = Text(clean(signal.title), style="bold", end="")
        if company is not None:
            out.append(f" · {clean(company.name)}")
        out.append("\n")
        out.append(status.label(result.status), style=status.style(self.app, result.status))
        if result.stale:
            out.append(f"  {status.STALE}", style=status.style(self.app, "stale"))
            why = calendar.stale_words(
                snapshot.calendar, signal.company, signal.stale_after_days, clock.today()
            )
            out.append(f" ({clean(why)})")
        if signal.muted:
            out.append("  muted (left out of the header's counts)", style="dim")
        if rows.is_tripwire(result, snapshot) and snapshot.plan is not None:
            where = clean(str(snapshot.plan.path))
            out.append(
                f"\nFrom {where} [tripwire]: edit it on the Pressure test panel (3); it counts "
                "there as a gate, not in the header's signal counts.",
                style="italic",
            )
        titles = {s.id: s.title for s in snapshot.watchlist.signals}
        words = describe.rule_in_words(signal, result.unit, titles)
        out.append("\n" + clean(words) + "\n")
        out.append(clean(describe.latest_line(result)) + "\n")
        if signal.note:
            out.append("\nNote\n", style="bold")
            out.append(clean_multiline(signal.note) + "\n")
        if viewcache.pending(snapshot.observations):
            # Opened on the last run's stored view: what needs the data follows in a moment.
            out.append("\nSources, events and revisions: reading the data…\n", style="dim")
            out.append(f"\nid {clean(signal.id)}", style="dim")
            return out
        from capexwatch.core.signals import (
            provenance,  # with the data: not needed for a first frame from the cache
        )

        if signal.event:
            events = provenance.matching_events(signal, snapshot.events, snapshot.today)
            out.append("\nRecorded events\n", style="bold")
            lines = describe.event_lines(events) or ["none yet: n records one (Record: an event)"]
            out.append("\n".join(clean(line) for line in lines) + "\n")
        if signal.is_revision:
            revised = provenance.revision_history(signal, snapshot.observations)
            out.append("\nRevisions, latest first\n", style="bold")
            lines = describe.revision_lines(revised) or ["none yet"]
            out.append("\n".join(clean(line) for line in lines) + "\n")
        trace = None
        if signal.company and signal.metric and any(p.derived for p in result.history):
            tracer = provenance.Tracer(snapshot.observations, signal.company, signal.metric)
            trace = lambda point: tracer.of(point.period, point.period_end)  # noqa: E731
        found = [] if signal.is_revision else describe.sources(result.history, trace)
        if found:
            out.append("\nSources\n", style="bold")
            out.append("\n".join(clean(line) for line in found) + "\n")
        disagreements = describe.conflicts(result, snapshot.observations)
        if disagreements:
            out.append("\nSources disagree\n", style="bold")
            out.append("\n".join(clean(line) for line in disagreements) + "\n")
        out.append(f"\nid {clean(signal.id)}", style="dim")
        return out
