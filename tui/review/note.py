"""The note asked for when a review is marked done: what the user concluded (optional).

Enter records the review with what was typed (nothing typed: no note); escape cancels and
records nothing. The note goes to the review log, shown by the history (shift+r) and by
`capexwatch review --history`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from capexwatch.tui.forms.screen import FormScreen


class NoteScreen(FormScreen[str]):
    """Dismissed with the note ("" for none), or None when cancelled."""

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 84; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    NoteScreen #note-heading { text-style: bold; margin-bottom: 1; }
    NoteScreen #note-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    NoteScreen #note-buttons Button { margin-left: 2; }
    """
    SAVE_BUTTON, CANCEL_BUTTON = "note-save", "note-cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Record", id="note.save", tooltip="Mark the review done"),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Record nothing"),
    ]

    def __init__(self, changes: int) -> None:
        super().__init__()
        self.changes = changes

    def compose(self) -> ComposeResult:
        plural = "" if self.changes == 1 else "s"
        with Vertical(id="note-box"):
            yield Static(
                f"Mark the review done ({self.changes} change{plural} acknowledged)",
                id="note-heading",
                markup=False,
            )
            yield Input(
                id="note", placeholder="what I concluded (optional; enter to leave it empty)"
            )
            with Horizontal(id="note-buttons"):
                yield Button("Cancel (esc)", id="note-cancel")
                yield Button("Mark reviewed (enter)", id="note-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note", Input).value.strip())
