"""Pressure-test panel (placeholder until the plan work lands): the five questions as cards."""

from __future__ import annotations

from textual.widgets import Static

from core.snapshot import Snapshot


class PressurePanel(Static):
    """The pressure-test questions and the operator gates."""

    HELP = "Pressure test: the questions to ask of a capex plan."

    def show(self, snapshot: Snapshot) -> None:
        """Draw `snapshot` (called by the app after every refresh)."""
        self.update("Pressure test")
