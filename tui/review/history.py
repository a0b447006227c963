"""The history of past reviews: when, what the signals and gates said, what was acknowledged."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from capexwatch.core.base.format import counted
from capexwatch.core.base.text import clean
from capexwatch.core.review.log import Review

_ORDER = ("triggered", "near", "ok", "no_data", "fail", "open", "pass")


def _counts(counts: dict[str, int]) -> str:
    keys = sorted(counts, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))
    return ", ".join(f"{counts[k]} {k.replace('_', ' ')}" for k in keys) or "none"


def describe(reviews: list[Review]) -> Text:
    """Newest first: one heading line per review, then the changes it acknowledged."""
    if not reviews:
        return Text("No reviews recorded yet: press r to mark today's review done.")
    out = Text(end="")
    for item in reversed(reviews):
        out.append(f"{item.at:%Y-%m-%d %H:%M} UTC", style="bold")
        out.append(f"  signals: {_counts(item.status_counts())}")
        out.append(f"  ·  gates: {_counts(item.gate_counts())}\n")
        for line in item.note.splitlines():
            out.append("    note: ", style="bold")
            out.append(f"{clean(line)}\n", style="italic")
        if not item.changes:
            out.append("    no changes since the review before\n", style="dim")
        for change in item.changes:
            out.append(f"    {clean(change)}\n")
    return out


class HistoryScreen(ModalScreen[None]):
    """Past reviews, newest first; escape closes."""

    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > VerticalScroll {
        width: 90%; height: 80%; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "close", "Close", id="history.close", tooltip="Back to the panels"),
    ]

    def __init__(self, reviews: list[Review]) -> None:
        super().__init__()
        self.reviews = reviews

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history") as scroll:
            scroll.border_title = f"Review history · {counted(len(self.reviews), 'review')}"
            yield Static(describe(self.reviews), id="history-text")

    def action_close(self) -> None:
        self.dismiss(None)
