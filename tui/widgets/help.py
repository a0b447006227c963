"""The help screen: what the focused panel is for and every key that works there."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from capexwatch.tui.commands import Command, key_label


def help_text(title: str, body: str, commands: Iterable[Command]) -> Text:
    """The help as plain text: the panel's own help, then its keys, then the app's."""
    out = Text(f"{title}\n\n", style="bold", end="")
    out.append(reflow(body) + "\n\n")
    out.append("Keys\n", style="bold")
    for command in commands:
        out.append(f"{key_label(command):<10}", style="bold")
        out.append(f"{command.tooltip}\n")
    out.append("\nEvery command is also in the palette (ctrl+p). Escape closes this help.", "dim")
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
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
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
        with VerticalScroll(id="help-body"):
            yield Static(self.text)
