"""The app's themes: registered at start, switched by `t` or the palette, saved to watchlist.toml.

Mixed into the App, which supplies `snapshot`, `apply_snapshot` and `reload`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import App
from textual.theme import Theme

from capexwatch import themes
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean
from capexwatch.core.snapshot import picture as snap


class ThemeActions(App[int]):
    """Theme actions for the App (see module doc)."""

    snapshot: Any

    def apply_snapshot(self, snapshot: Any) -> None:
        raise NotImplementedError  # the App's

    def reload(self, select: str | None = None) -> None:
        raise NotImplementedError  # the App's

    def register_themes(self, chosen: str) -> None:
        """Register capexwatch's themes and start in `chosen` (from `[ui] theme`)."""
        for theme in themes.THEMES.values():
            self.register_theme(theme)
        # What setting `self.theme` does, less Textual's CSS refresh: before the app runs there
        # is nothing to refresh, yet it would parse every stylesheet a second time once the app
        # starts (~4 ms of the first frame). Textual is pinned (pyproject.toml), so the private
        # ANSI filter refresh below is the one `App._watch_theme` makes.
        if self.is_running:
            self.theme = chosen
            return
        self.set_reactive(App.theme, chosen)
        dark = self.current_theme.dark
        self.update_classes(
            {f"-theme-{chosen}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes lack the status colours; these stand in.
        return {**super().get_theme_variable_defaults(), **themes.STATUS_DEFAULTS}

    def action_next_theme(self) -> None:
        names = list(themes.THEMES)
        current = names.index(self.theme) if self.theme in names else -1
        self.action_set_theme(names[(current + 1) % len(names)])

    def action_set_theme(self, name: str) -> None:
        self.theme = name

    def theme_changed(self, theme: Theme) -> None:
        """Redraw in the new colours and save the choice as `[ui] theme`."""
        self.apply_snapshot(self.snapshot)  # status colours come from the theme
        if theme.name == self.snapshot.watchlist.ui.theme or theme.name not in themes.THEMES:
            return
        # Imported here, when a theme is saved: tomlkit is not needed for the first frame.
        from capexwatch.core.watchlist import edit as watchlist_edit

        try:
            editable = watchlist_edit.open_for_edit(self.snapshot.watchlist)
            watchlist_edit.set_theme(editable, theme.name)
            saved = watchlist_edit.save(editable, snap.known_metrics(self.snapshot.observations))
        except (CapexwatchError, OSError) as error:
            self.notify(
                clean(str(error)), title="Theme not saved", severity="warning", markup=False
            )
            return
        self.snapshot = replace(self.snapshot, watchlist=saved)  # a quick next change builds on it
        self.reload()
