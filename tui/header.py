"""The header: the data's as-of date, signals counted by status, and changes since the review."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from core import format as fmt
from core.signals import STATUSES
from core.snapshot import Snapshot
from tui.widgets import status


class AppHeader(Static):
    """One line: `capexwatch · data to 2025-12-31 · ▲ 2 triggered ◆ 1 near …`.

    The "changes since review" part reads `snapshot.changes_since_review` (a count or a
    sequence of changes) once the snapshot carries one; until then it is left out.
    """

    DEFAULT_CSS = """
    AppHeader { height: 1; padding: 0 1; background: $panel; color: $foreground; }
    """

    def show(self, snapshot: Snapshot) -> None:
        """Draw the header for `snapshot`."""
        self.update(self.line_for(snapshot))

    def line_for(self, snapshot: Snapshot) -> Text:
        # Narrower, the name goes first: the counts and what changed matter more.
        width = self.size.width
        gap = "  " if width >= 120 else " "
        out = Text("", end="")
        if width >= 100:
            out.append("capexwatch" + (" · daily review" if width >= 140 else "") + gap, "bold")
        out.append(f"data to {fmt.date(snapshot.data_as_of)}{gap}")
        counts = snapshot.counts()
        for name in STATUSES:
            out.append(
                f"{status.SYMBOLS[name]} {counts[name]} ", style=status.style(self.app, name)
            )
            out.append(f"{status.WORDS[name].lower()}{gap}")
        changes = changes_since_review(snapshot)
        if changes is not None:
            plural = "" if changes == 1 else "s"
            out.append(f"· {changes} change{plural} since review", style="bold")
        elif getattr(snapshot, "review", None) is not None:
            out.append("· not reviewed yet (r marks it)", style="bold")
        return out

    def on_resize(self) -> None:
        snapshot = getattr(self.app, "snapshot", None)
        if isinstance(snapshot, Snapshot):
            self.show(snapshot)


def changes_since_review(snapshot: Snapshot) -> int | None:
    """How many changes since the last review, if the snapshot knows (None: no review log)."""
    changes = getattr(snapshot, "changes_since_review", None)
    if changes is None:
        return None
    if isinstance(changes, int):
        return changes
    try:
        return len(changes)
    except TypeError:
        return None
