"""Each private name tui/private.py uses still exists upstream: a new Textual, plotext or
textual-plotext release that renames one fails here, not in a user's terminal."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Footer

from capexwatch.tui import private


def test_textual_private_names_exist() -> None:
    assert callable(App._refresh_truecolor_filter)
    assert callable(App._register)  # private.register_screen (tui.forms.spare)
    footer = Footer()
    assert isinstance(footer._bindings_ready, bool)
    private.mark_footer_ready(footer)
    assert private.footer_ready(footer)


def test_plotext_private_names_exist() -> None:
    from textual_plotext.plot import Plot

    plot = Plot()
    private.set_plot_size(plot, 40, 10)
    assert isinstance(private.plotext_themes(), dict) and "default" in private.plotext_themes()
    theme = private.rgb_plot_theme((0, 0, 0), (255, 255, 255))
    assert theme is not None
