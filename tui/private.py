"""Every use of another library's private name, in one place, each with a test
(tests/app/test_private_names.py) that fails the day the name changes upstream.

The versions these were written against are pinned in constraints.txt; pyproject.toml allows a
range, so a new release is tried by the test suite before it is taken.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer


def refresh_ansi_filter(app: App[Any]) -> None:
    """What `App._watch_theme` does for the ANSI colour filter, without its CSS refresh."""
    app._refresh_truecolor_filter(app.ansi_theme)


def register_screen(app: App[Any], screen: Screen[Any]) -> None:
    """What `App.push_screen` does first with a screen not running yet (`App._get_screen`):
    register it with the app, which starts it, composes and mounts it, off the stack."""
    app._register(app, screen)


def mark_footer_ready(footer: Footer) -> None:
    """What Footer.bindings_changed does first: the footer draws keys from now on."""
    footer._bindings_ready = True


def footer_ready(footer: Footer) -> bool:
    """Whether the footer has been told its bindings (it draws no keys before)."""
    return bool(footer._bindings_ready)


def set_plot_size(plot: Any, width: int, height: int) -> None:
    """Size a plotext figure as textual-plotext's PlotextPlot does (its issue #5)."""
    plot._set_size(width, height)


def plotext_themes() -> dict[str, Any]:
    """plotext's table of themes, where a theme made from the app's colours is registered."""
    from plotext._dict import themes

    table: dict[str, Any] = themes
    return table


def rgb_plot_theme(surface: tuple[int, int, int], foreground: tuple[int, int, int]) -> Any:
    """A plotext theme in the app's background and foreground (PlotextPlot's "auto" theme)."""
    from textual_plotext.plot import _rgbify_theme, _sequence

    sequence: list[str | int | tuple[int, int, int]] = list(_sequence)
    return _rgbify_theme(surface, surface, foreground, "default", sequence)
