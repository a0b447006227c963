"""The record form's quarter mode: one line per metric the company's signals and the peer
columns read (core.peers.quarter), its last value as the placeholder; fill the ones you have."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from capexwatch.core.base.text import clean
from capexwatch.core.peers.quarter import MetricHint

Hints = Callable[[str], list[MetricHint]]


class QuarterFields(Vertical):
    """The metric inputs of one company; `values()` gives the filled ones."""

    DEFAULT_CSS = """
    QuarterFields { height: auto; }
    QuarterFields .quarter-note { color: $text-muted; padding-left: 13; }
    QuarterFields .record-label { width: 28; }
    /* not .record-error: the form clears those by their ids */
    QuarterFields .quarter-error { display: none; color: $error; padding-left: 28; }
    """

    def __init__(self, hints: Hints) -> None:
        super().__init__(id="quarter-fields")
        self.hints = hints
        self.metrics: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(
            "Pick a company: its metrics are listed here.", classes="quarter-note", markup=False
        )

    async def show(self, company: str) -> None:
        """List `company`'s metrics (none when no company is picked)."""
        found = self.hints(company) if company else []
        self.metrics = [h.metric for h in found]
        await self.remove_children()
        if not found:
            note = (
                "Pick a company: its metrics are listed here."
                if not company
                else ("No metric to list: no signal or peer column reads this company.")
            )
            await self.mount(Static(note, classes="quarter-note", markup=False))
            return
        await self.mount_all(self._rows(found))

    def _rows(self, found: list[MetricHint]) -> list[Horizontal | Static]:
        out: list[Horizontal | Static] = [
            Static(
                "Fill the figures you have; empty ones are left out. Last value as a hint.",
                classes="quarter-note",
                markup=False,
            )
        ]
        for hint in found:
            field = Input(
                id=f"q-{hint.metric}",
                placeholder=f"last {clean(hint.last)}" if hint.last else "no figure yet",
                compact=True,
            )
            name = clean(hint.label)
            label = Label(
                Text(name if len(name) <= 27 else name[:26] + "…"), classes="record-label"
            )
            label.tooltip = hint.metric
            out.append(Horizontal(label, field, classes="record-field"))
            out.append(Static("", classes="quarter-error", id=f"q-error-{hint.metric}"))
        return out

    def values(self) -> dict[str, str]:
        """{metric: typed value} of the filled lines, in the listed order."""
        out = {}
        for metric in self.metrics:
            text = self.query_one(f"#q-{metric}", Input).value.strip()
            if text:
                out[metric] = text
        return out

    def show_problems(self, by_metric: Mapping[str, list[str]]) -> None:
        """Each metric's problems under its line (the others cleared)."""
        for metric in self.metrics:
            error = self.query_one(f"#q-error-{metric}", Static)
            messages = by_metric.get(metric, [])
            error.update(Text("\n".join(clean(m) for m in messages)))
            error.display = bool(messages)
