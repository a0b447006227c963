"""Peers panel (placeholder until the peers work lands): companies × metrics."""

from __future__ import annotations

from textual.widgets import Static

from core.snapshot import Snapshot


class PeersPanel(Static):
    """Companies × metrics for the chosen peer group."""

    HELP = "Peers: companies side by side."

    def show(self, snapshot: Snapshot) -> None:
        """Draw `snapshot` (called by the app after every refresh)."""
        self.update(f"{len(snapshot.watchlist.companies)} companies")
