"""capexwatch's Textual themes: a dark default, a light one and a high-contrast one.

Status colours are theme variables (`$signal-triggered`, `$signal-near`, `$signal-ok`,
`$signal-no-data`, `$signal-stale`), so styles and widgets never name a colour themselves.
Statuses are also always shown by symbol and word, so no theme relies on colour alone.
The names are `capexwatch.core.watchlist.model.THEMES`, the values `[ui] theme` accepts.
"""

from __future__ import annotations

from typing import Any

from textual.theme import Theme

from capexwatch.core.watchlist.model import THEMES as NAMES

DARK, LIGHT, CONTRAST = NAMES  # named once, where the watchlist validates `[ui] theme`

# Variables every theme defines; `STATUS_DEFAULTS` is the fallback for themes that do not.
STATUS_VARIABLES = (
    "signal-triggered",
    "signal-near",
    "signal-ok",
    "signal-no-data",
    "signal-stale",
)


def _theme(
    name: str,
    *,
    error: str,
    warning: str,
    success: str,
    no_data: str,
    stale: str,
    variables: dict[str, str],
    **colours: Any,
) -> Theme:
    """A theme whose status colours are its own error, warning and success colours (triggered,
    near, ok), so a status always reads like the theme's other alarms."""
    statuses = {
        "signal-triggered": error,
        "signal-near": warning,
        "signal-ok": success,
        "signal-no-data": no_data,
        "signal-stale": stale,
    }
    return Theme(
        name=name,
        error=error,
        warning=warning,
        success=success,
        variables={**statuses, **variables},
        **colours,
    )


THEMES: dict[str, Theme] = {
    DARK: _theme(
        DARK,
        primary="#4f9fd8",
        secondary="#2d6a99",
        accent="#e0a040",
        warning="#d4a72c",
        error="#e5534b",
        success="#57ab5a",
        no_data="#8b949e",
        stale="#b083f0",
        foreground="#d8dee4",
        background="#15191f",
        surface="#1c2128",
        panel="#262c36",
        dark=True,
        variables={"footer-key-foreground": "#e0a040"},
    ),
    LIGHT: _theme(
        LIGHT,
        primary="#0b5cad",
        secondary="#3a78b8",
        accent="#9a5b00",
        warning="#8a6100",
        error="#b3261e",
        success="#1f7a36",
        no_data="#57606a",
        stale="#6639ba",
        foreground="#1f2328",
        background="#f6f8fa",
        surface="#eaeef2",
        panel="#d8dee4",
        dark=False,
        variables={"footer-key-foreground": "#0b5cad"},
    ),
    CONTRAST: _theme(
        CONTRAST,
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffff00",
        warning="#ffff00",
        error="#ff5555",
        success="#55ff55",
        no_data="#ffffff",
        stale="#ff55ff",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#1a1a1a",
        dark=True,
        text_alpha=1.0,
        variables={
            "footer-key-foreground": "#ffff00",
            "block-cursor-background": "#ffff00",
            "block-cursor-foreground": "#000000",
        },
    ),
}
# For a theme that is not ours (Textual's own, chosen in the palette): the dark theme's.
STATUS_DEFAULTS = {key: THEMES[DARK].variables[key] for key in STATUS_VARIABLES}

LABELS = {DARK: "dark", LIGHT: "light", CONTRAST: "high contrast"}
