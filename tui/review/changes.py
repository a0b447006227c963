"""The Changes view (`c`): everything that moved since the last review, grouped, newest first.

Each line names company, metric, period, old → new and source, with the change in words under
it. `enter` dismisses with `Jump(change)` (the app goes to the signal, peer cell or card);
`r` asks for a note and dismisses with `Mark(note)`; escape closes with None.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from capexwatch.core.base.text import clean
from capexwatch.core.review.diff import Change, ReviewDiff

# Group headings, in the order core.review.diff lists the kinds; a kind added later reads as
# its own name.
HEADINGS = {
    "crossed": "Threshold crossings",
    "status": "Status changes",
    "gate": "Gate moves",
    "rule": "Edited rules",
    "added": "New signals",
    "removed": "Removed signals",
    "revised": "Revised figures",
    "new_data": "New figures",
    "filing": "New filings",
}


SOURCE_CELLS = 60  # a long source (a URL, a citation) is cut: enter shows the figure's detail


@dataclass(frozen=True)
class Jump:
    """Go to what `change` is about."""

    change: Change


@dataclass(frozen=True)
class Mark:
    """Mark the review done with `note` (may be empty)."""

    note: str


def heading(kind: str) -> str:
    return HEADINGS.get(kind, kind.replace("_", " ").capitalize())


def line(change: Change) -> Text:
    """Company · metric · period  old → new  · source, then the change in words (dim)."""
    out = Text(end="")
    # A gate has no company: its id names it.
    first = change.company or (f"gate {change.subject}" if change.kind == "gate" else "")
    where = " · ".join(clean(p) for p in (first, change.metric, change.period) if p)
    out.append(where or clean(change.subject), style="bold")
    if change.old or change.new:
        out.append("  ")
        if change.old:
            out.append(clean(change.old))
            out.append(" → ")
        out.append(clean(change.new) or "—", style="bold")
    if change.source and change.kind != "rule":  # a rule is the user's, not a source's
        source = clean(change.source)
        cut = source if len(source) <= SOURCE_CELLS else source[: SOURCE_CELLS - 1] + "…"
        out.append(f"  · source: {cut}", style="dim")
    out.append("\n  " + clean(change.text), style="dim")
    return out


def options(diff: ReviewDiff) -> list[Option | None]:
    """The list: per kind a disabled heading with its count, then its changes."""
    out: list[Option | None] = []
    for kind, group in groupby(enumerate(diff.changes), key=lambda item: item[1].kind):
        items = list(group)
        if out:
            out.append(None)  # a separator between groups
        title = Text(f"{heading(kind)} ({len(items)})", style="bold underline")
        out.append(Option(title, id=f"heading-{kind}", disabled=True))
        out.extend(Option(line(change), id=f"change-{index}") for index, change in items)
    return out


class ChangesScreen(ModalScreen[Jump | Mark | None]):
    """What changed since the last review; enter goes there, r marks the review done."""

    DEFAULT_CSS = """
    ChangesScreen { align: center middle; }
    ChangesScreen > Vertical {
        width: 100%; max-width: 130; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ChangesScreen #changes-list { height: 1fr; border: none; background: $surface; }
    ChangesScreen #changes-keys { height: auto; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "mark", "Reviewed", id="changes.mark",
                tooltip="Mark the review done, with a note of what you concluded"),
        Binding("escape,q,c", "close", "Close", id="changes.close", tooltip="Back to the panels"),
    ]  # fmt: skip

    def __init__(self, diff: ReviewDiff) -> None:
        super().__init__()
        self.diff = diff

    def compose(self) -> ComposeResult:
        with Vertical(id="changes") as box:
            box.border_title = title(self.diff)
            if self.diff.changes:
                yield OptionList(*options(self.diff), id="changes-list", markup=False)
            else:
                yield Static(empty_text(self.diff), id="changes-empty", markup=False)
            keys = "enter: go to it · r: mark reviewed (asks for a note) · esc: close"
            yield Static(keys if self.diff.changes else keys[17:], id="changes-keys", markup=False)

    def on_mount(self) -> None:
        found = self.query("#changes-list")
        if found:
            listing = found.first(OptionList)
            listing.focus()
            # The first heading is disabled: start on the first change.
            listing.highlighted = next(
                (
                    i
                    for i in range(listing.option_count)
                    if not listing.get_option_at_index(i).disabled
                ),
                None,
            )

    @on(OptionList.OptionSelected, "#changes-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        index = int((event.option.id or "change-0").removeprefix("change-"))
        self.dismiss(Jump(self.diff.changes[index]))

    def action_mark(self) -> None:
        from capexwatch.tui.review.note import NoteScreen

        def noted(note: str | None) -> None:
            if note is not None:  # escape in the note: back to the list, nothing recorded
                self.dismiss(Mark(note))

        self.app.push_screen(NoteScreen(self.diff.count), noted)

    def action_close(self) -> None:
        self.dismiss(None)


def title(diff: ReviewDiff) -> str:
    if diff.since is None:
        return "Changes · not reviewed yet"
    return f"Changes since the review of {diff.since:%Y-%m-%d %H:%M} UTC · {diff.count}"


def empty_text(diff: ReviewDiff) -> str:
    if diff.since is None:
        return (
            "No review recorded yet, so there is nothing to compare with.\n"
            "Press r to mark today's review done: from then on, this lists what moved."
        )
    return "Nothing changed since the last review."
