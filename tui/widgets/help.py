"""The help screen: what the focused panel is for and every key that works there."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

from capexwatch.tui.commands import APP, Command, key_label
from capexwatch.tui.widgets.scroll import TextScroll


def help_text(title: str, body: str, commands: Iterable[Command]) -> Text:
    """The help as plain text: the panel's keys, the app's, then what the panel is for."""
    commands = list(commands)
    own = [c for c in commands if c.scope != APP]
    out = Text(f"{title}\n\n", style="bold", end="")
    out.append("↓ ↑ j k PgDn PgUp End Home scroll this help; escape closes it.\n\n", "dim")
    # The panel's own keys first: they are what a user opening help here is looking for.
    for heading, group in (("Keys of this panel", own), ("Keys everywhere", commands)):
        shown = group if group is own else [c for c in group if c.scope == APP]
        if shown:
            out.append(f"{heading}\n", style="bold")
            for command in shown:
                out.append(f"{key_label(command):<10}", style="bold")
                out.append(f"{command.tooltip}\n")
            out.append("\n")
    out.append(reflow(body) + "\n\n")
    out.append("Every command is also in the palette (ctrl+p), with its key.", "dim")
    return out


def reflow(body: str) -> str:
    """Paragraphs joined into single lines, so the screen wraps them to its own width."""
    out: list[str] = []
    for line in body.strip().splitlines():
        line = line.strip()
        if not line:
            out.append("\n\n")
        elif out and out[-1] != "\n\n" and not line.startswith(("-", "•", "*")):
            out[-1] += " " + line
        else:
            out.append(line if not out or out[-1] == "\n\n" else "\n" + line)
    return "".join(out)


class HelpScreen(ModalScreen[None]):
    """Modal help for one panel; escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > TextScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface;
    }
    /* The padding on the text: a pane's scrollbar is drawn inside its own padding. */
    HelpScreen Static { padding: 1 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark,f1",
            "dismiss",
            "Close",
            id="help.close",
            tooltip="Close the help",
        ),
    ]

    def __init__(self, title: str, body: str, commands: Iterable[Command]) -> None:
        super().__init__()
        self.text = help_text(title, body, commands)

    def compose(self) -> ComposeResult:
        with TextScroll(id="help-body"):
            yield Static(self.text)

    def on_mount(self) -> None:
        # Focused from the start: ↓ j PgDn End scroll the help without a tab first.
        self.query_one(TextScroll).focus()
