"""The plumbing the app's modal forms share: ctrl+s (or the save button, or Enter in a field)
saves, escape (or the cancel button) closes with None. A form names its two buttons and writes
`action_save`; its own bindings say what saving means there ("Import", "Record", "Save").
A form built ahead (tui.forms.spare) is mounted off screen: the focus is placed by `start()` as
it is pushed, not when it mounts."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Input

T = TypeVar("T")


class FormScreen(ModalScreen[T | None]):
    """A modal form dismissed with its result, or None when cancelled."""

    SAVE_BUTTON: ClassVar[str] = "save"
    CANCEL_BUTTON: ClassVar[str] = "cancel"
    built_ahead = False  # set by tui.forms.spare before the form is mounted

    def start(self) -> None:
        """Put the cursor where the typing starts (on mount, or as a spare is pushed)."""

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SAVE_BUTTON:
            self.action_save()
        elif event.button.id == self.CANCEL_BUTTON:
            self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()
