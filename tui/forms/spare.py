"""Forms built ahead, so that the first press of `n` or `a` shows its form at once.

Composing, mounting and styling a form's ~85 widgets (Select, Input, Label, rows, error lines)
was most of the time from the key to the form's first frame. Once the app has drawn its first
frame and is idle, it builds one record form and one add-signal form off screen (Textual
composes and mounts a registered screen that is not on the stack); a key then pushes the ready
screen, which only needs its styles refreshed, its layout and its paint. A spare is used once
(Textual removes a dismissed screen), is built again a while after it was used, and is not used
when what it was built from (the companies, the files) has changed since: the key then builds
a fresh form as before. Until a spare is mounted, the key builds a fresh form too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

from capexwatch.tui import private

if TYPE_CHECKING:  # the forms' widgets are imported when a form is first made, not at start
    from capexwatch.tui.forms.screen import FormScreen


class Spares:
    """The app's screens built ahead, by name."""

    def __init__(
        self, app: App[Any], classes: Callable[[], list[str]], again: Callable[[], object]
    ) -> None:
        """`classes`: the size classes the app gives a screen it pushes; `again`: called when
        a spare has been taken (to build the next one later)."""
        self.app = app
        self.classes = classes
        self.again = again
        self.screens: dict[str, FormScreen[Any]] = {}

    def keep(self, name: str, build: Callable[[], FormScreen[Any]]) -> None:
        """Build `name`'s screen off screen, unless one is kept already."""
        if name in self.screens:
            return
        screen = build()
        screen.built_ahead = True
        screen.set_classes(self.classes())
        self.screens[name] = screen
        private.register_screen(self.app, screen)

    def take(self, name: str, fits: Callable[[Any], bool]) -> Any:
        """The ready screen of `name` if it is mounted and `fits(screen)`, to be pushed; else
        None (one that no longer fits is removed; one still being built is kept for later)."""
        screen = self.screens.get(name)
        if screen is None or not screen.is_mounted:
            return None
        del self.screens[name]
        self.again()
        if not fits(screen):
            screen.remove()
            return None
        screen.set_classes(self.classes())  # the terminal may have been resized since
        return screen

    def drop(self) -> None:
        """Remove every spare (the app is exiting): pruned together, rather than closed one
        widget at a time after the screens on the stack (q to the process's exit: ~1.16× the
        app without spares that way, ~1.04× this way, with the collector frozen as well)."""
        screens, self.screens = list(self.screens.values()), {}
        for screen in screens:
            if screen.is_mounted:  # one still composing is closed by Textual as it exits
                screen.remove()


def take(app: App[Any], name: str, fits: Callable[[Any], bool]) -> Any:
    """`app`'s spare `name` (see `Spares.take`); None for an app that keeps none."""
    spares = getattr(app, "spares", None)
    return spares.take(name, fits) if isinstance(spares, Spares) else None
