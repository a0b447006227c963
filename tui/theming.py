"""The app's themes: registered at start, the next one for `t`, and the choice saved to
watchlist.toml as `[ui] theme`. Plain functions: the App calls them and reloads on `Saved`."""

from __future__ import annotations

from typing import Any

from textual.app import App

from capexwatch import themes
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import known_metrics
from capexwatch.core.watchlist.model import Watchlist
from capexwatch.tui import private


def register(app: App[Any], chosen: str) -> None:
    """Register capexwatch's themes on `app` and start in `chosen` (from `[ui] theme`)."""
    for theme in themes.THEMES.values():
        app.register_theme(theme)
    # What setting `app.theme` does, less Textual's CSS refresh: before the app runs there is
    # nothing to refresh, yet it would parse every stylesheet a second time once the app starts
    # (~4 ms of the first frame).
    if app.is_running:
        app.theme = chosen
        return
    app.set_reactive(App.theme, chosen)
    dark = app.current_theme.dark
    app.update_classes(
        {f"-theme-{chosen}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
    )
    private.refresh_ansi_filter(app)
    app.stylesheet.set_variables(app.get_css_variables())


def next_after(current: str) -> str:
    """The theme `t` switches to from `current` (the first of ours from any other)."""
    names = list(themes.THEMES)
    index = names.index(current) if current in names else -1
    return names[(index + 1) % len(names)]


def save(snapshot: Snapshot, name: str) -> Watchlist | None:
    """Write `name` as `[ui] theme`; the watchlist as saved, or None when there is nothing to
    save (already the file's theme, or one of Textual's own). Raises CapexwatchError/OSError."""
    if name == snapshot.watchlist.ui.theme or name not in themes.THEMES:
        return None
    # Imported here, when a theme is saved: tomlkit is not needed for the first frame.
    from capexwatch.core.watchlist import edit as watchlist_edit

    editable = watchlist_edit.open_for_edit(snapshot.watchlist)
    watchlist_edit.set_theme(editable, name)
    return watchlist_edit.save(editable, known_metrics(snapshot.observations))
