"""A scrolling text pane that answers the keys users try first: ↓ ↑ j k, PgDn PgUp, Home End."""

from __future__ import annotations

from textual.containers import VerticalScroll

from capexwatch.tui import commands


class TextScroll(VerticalScroll):
    """VerticalScroll (arrows, PgUp/PgDn, Home/End) plus j/k, the keys the tables move with."""

    BINDINGS = commands.bindings("text-scroll")
