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
from textual.widget import Widget
from textual.widgets import Footer

from capexwatch.tui import private

Shown = tuple[tuple[Any, ...], ...]


class AppFooter(Footer):
    """A Footer that skips rebuilds which would show the same keys."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._shown: Shown | None = None
        self._queued = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # As Footer.bindings_changed, but one rebuild for a burst of signals.
        private.mark_footer_ready(self)
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
        self._shown = self._keys() if private.footer_ready(self) else None
        yield from fit(list(super().compose()), self.app.size.width, compact=self.compact)

    def on_resize(self) -> None:
        # Another width may fit more or fewer keys (see `fit`).
        if self.is_attached and not self._queued:
            self._queued = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> Shown:
        """What the footer would show: every active binding with its state and words, and
        the width they must fit."""
        return (
            (self.app.size.width, self.compact),
            *(
                (key, binding.action, binding.description, binding.show, enabled, tooltip)
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            ),
        )


KEPT = ("help", "quit")  # never dropped: `?` lists every key the footer has no room for
PALETTE_WIDTH = 14  # "▏^p palette", docked right, with its border and padding


def key_width(key: Any, *, compact: bool) -> int:
    """The columns a footer key takes (Textual's FooterKey padding, compact or not)."""
    label = len(key.key_display)
    if not key.description:
        return label
    return label + len(key.description) + (1 if compact else 3)


def _is_key(widget: Widget) -> bool:
    # Textual's FooterKey, by what it has (the class itself is private to textual.widgets).
    return hasattr(widget, "key_display") and not widget.has_class("-command-palette")


def fit(widgets: list[Widget], width: int, *, compact: bool) -> list[Widget]:
    """`widgets` (the footer's keys) without the last droppable ones until they fit `width`
    whole: a key cut in half ("? Hel") is worse than one left to the help."""
    keys: list[Any] = [w for w in widgets if _is_key(w)]
    room = width - PALETTE_WIDTH
    used = sum(key_width(k, compact=compact) for k in keys)
    for key in reversed([k for k in keys if k.action not in KEPT]):
        if used <= room:
            break
        widgets = [w for w in widgets if w is not key]
        used -= key_width(key, compact=compact)
    return widgets
