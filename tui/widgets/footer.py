"""The footer: Textual's own, rebuilt only when the keys it shows change.

Textual's Footer rebuilds every key (a widget each) whenever the screen says its bindings
changed, which it says on every focus change and mount: switching to the Peers tab said so
seven times before the tab's first frame, ~100 ms of rebuilding the same keys. This one
rebuilds at most once per burst of such signals, and not at all when the keys, their
descriptions and their enabled states are what it already shows.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[Any, ...], ...]


class AppFooter(Footer):
    """A Footer that skips rebuilds which would show the same keys."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._shown: Shown | None = None
        self._queued = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # As Footer.bindings_changed, but one rebuild for a burst of signals.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._queued:
            self._queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._queued = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    def _keys(self) -> Shown:
        """What the footer would show: every active binding with its state and words."""
        return tuple(
            (key, binding.action, binding.description, binding.show, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
        )
