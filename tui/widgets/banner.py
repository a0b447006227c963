"""An error banner above the panels: what went wrong, where, and that the app keeps running."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from capexwatch.core.base.text import clean_multiline

SHOWN_LINES = 3


class ErrorBanner(Static):
    """Shows a located error (`PATH:LINE:COL: message`) until it is fixed or dismissed."""

    DEFAULT_CSS = """
    ErrorBanner {
        display: none;
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $error 25%;
        color: $text;
        border-left: thick $error;
    }
    ErrorBanner.-visible { display: block; }
    """

    def show_error(self, title: str, message: str) -> None:
        """Show `message` (from a file or the system: never markup) under `title`."""
        body = Text(f"⚠ {title}\n", style="bold", end="")
        lines = clean_multiline(message).splitlines()
        if len(lines) > SHOWN_LINES:  # the panels stay usable; the CLI lists every problem
            more = len(lines) - SHOWN_LINES + 1
            lines = [*lines[: SHOWN_LINES - 1], f"… and {more} more (capexwatch config lists all)"]
        body.append("\n".join(lines))
        body.append("\nShowing the last good version. ctrl+x hides this.", style="dim")
        self.update(body)
        self.add_class("-visible")

    def clear(self) -> None:
        """Hide the banner."""
        self.remove_class("-visible")
        self.update("")
