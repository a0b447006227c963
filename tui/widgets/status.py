"""How a signal status reads: always a symbol and a word, coloured from the theme's variables."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App

from capexwatch.core.signals.evaluate import SYMBOLS, WORDS, Status
from capexwatch.core.signals.evaluate import status_label as label

STALE = "⚑ STALE"
__all__ = ["STALE", "SYMBOLS", "WORDS", "label", "style", "text", "variable"]


def variable(status: Status | str) -> str:
    """The theme variable holding the status colour: `signal-no-data`."""
    return "signal-" + status.replace("_", "-")


def style(app: App[object], status: Status | str, *, bold: bool = False) -> Style:
    """A Rich style in the current theme's colour for `status` (or "stale")."""
    color = app.theme_variables.get(variable(status))
    return Style(color=color, bold=bold)


def text(app: App[object], status: Status, *, muted: bool = False) -> Text:
    """The status as styled text; a muted signal's is dimmed (its title says "muted")."""
    out = Text(label(status), style=style(app, status, bold=status == "triggered"), end="")
    if muted:
        out.stylize(Style(dim=True))
    return out
