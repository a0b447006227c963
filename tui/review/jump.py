"""From a line of the Changes view to what it is about: the signal, the peer cell or the card.

A new or revised figure goes to its peer cell; a figure no peer column shows goes to a signal
reading it, if any. `go(app, change)` returns what to tell the user when there is nowhere to go.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import TabbedContent

from capexwatch.core.review.diff import Change
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.pressure.card import GateCard
from capexwatch.tui.pressure.panel import PressurePanel
from capexwatch.tui.watchlist.panel import WatchlistPanel


def _tab(app: Any, pane_id: str) -> None:
    app.query_one(TabbedContent).active = pane_id


def to_signal(app: Any, signal_id: str) -> bool:
    if signal_id not in {r.signal.id for r in app.snapshot.results}:
        return False
    _tab(app, "watchlist")
    panel = app.query_one(WatchlistPanel)
    panel.select(signal_id)
    panel.table.focus()
    return True


def to_card(app: Any, gate_id: str) -> bool:
    _tab(app, "pressure")
    app.query_one(PressurePanel).reveal()  # the cards are mounted when first shown
    found = app.query(f"#card-{gate_id}")
    if not found:
        return False
    card = found.first(GateCard)
    card.focus()
    card.scroll_visible(animate=False)
    return True


def to_figure(app: Any, company: str, metric: str) -> bool:
    _tab(app, "peers")
    panel = app.query_one(PeersPanel)
    if panel.select_figure(company, metric):
        if panel.grid is not None:
            panel.grid.focus()
        return True
    reading = [
        r.signal.id
        for r in app.snapshot.results
        if r.signal.company == company and r.signal.metric == metric
    ]
    return bool(reading) and to_signal(app, reading[0])


def go(app: Any, change: Change) -> str | None:
    """Show what `change` is about; None when shown, else why it cannot be."""
    if change.target == "signal" and to_signal(app, change.subject):
        return None
    if change.target == "gate" and to_card(app, change.subject):
        return None
    if change.target == "figure" and to_figure(app, change.company, change.metric):
        return None
    return f"{change.subject}: not on any panel now (removed, or shown by no column)"
