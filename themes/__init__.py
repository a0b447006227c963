"""capexwatch's Textual themes: a dark default, a light one and a high-contrast one.

Status colours are theme variables (`$signal-triggered`, `$signal-near`, `$signal-ok`,
`$signal-no-data`, `$signal-stale`), so styles and widgets never name a colour themselves.
Statuses are also always shown by symbol and word, so no theme relies on colour alone.
The names match `core.watchlist.THEMES`, the values `[ui] theme` accepts.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = "capexwatch-dark"
LIGHT = "capexwatch-light"
CONTRAST = "capexwatch-contrast"

# Variables every theme defines; `STATUS_DEFAULTS` is the fallback for themes that do not.
STATUS_VARIABLES = (
    "signal-triggered",
    "signal-near",
    "signal-ok",
    "signal-no-data",
    "signal-stale",
)
STATUS_DEFAULTS = {
    "signal-triggered": "#e5534b",
    "signal-near": "#d4a72c",
    "signal-ok": "#57ab5a",
    "signal-no-data": "#8b949e",
    "signal-stale": "#b083f0",
}

THEMES: dict[str, Theme] = {
    DARK: Theme(
        name=DARK,
        primary="#4f9fd8",
        secondary="#2d6a99",
        accent="#e0a040",
        warning="#d4a72c",
        error="#e5534b",
        success="#57ab5a",
        foreground="#d8dee4",
        background="#15191f",
        surface="#1c2128",
        panel="#262c36",
        dark=True,
        variables={**STATUS_DEFAULTS, "footer-key-foreground": "#e0a040"},
    ),
    LIGHT: Theme(
        name=LIGHT,
        primary="#0b5cad",
        secondary="#3a78b8",
        accent="#9a5b00",
        warning="#8a6100",
        error="#b3261e",
        success="#1f7a36",
        foreground="#1f2328",
        background="#f6f8fa",
        surface="#eaeef2",
        panel="#d8dee4",
        dark=False,
        variables={
            "signal-triggered": "#b3261e",
            "signal-near": "#8a6100",
            "signal-ok": "#1f7a36",
            "signal-no-data": "#57606a",
            "signal-stale": "#6639ba",
            "footer-key-foreground": "#0b5cad",
        },
    ),
    CONTRAST: Theme(
        name=CONTRAST,
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffff00",
        warning="#ffff00",
        error="#ff5555",
        success="#55ff55",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#1a1a1a",
        dark=True,
        text_alpha=1.0,
        variables={
            "signal-triggered": "#ff5555",
            "signal-near": "#ffff00",
            "signal-ok": "#55ff55",
            "signal-no-data": "#ffffff",
            "signal-stale": "#ff55ff",
            "footer-key-foreground": "#ffff00",
            "block-cursor-background": "#ffff00",
            "block-cursor-foreground": "#000000",
        },
    ),
}

LABELS = {DARK: "dark", LIGHT: "light", CONTRAST: "high contrast"}
