"""The daily-review and pressure-test commands, added to the app's one command registry.

Imported by the App and the pressure panel before their bindings are derived, so each command
gets its binding (with id and tooltip), footer entry, help line and palette entry from here.
"""

from __future__ import annotations

from capexwatch.tui import commands
from capexwatch.tui.commands import Command

PRESSURE = "pressure-panel"

REVIEW_COMMANDS = (
    Command(
        "app.changes",
        "c",
        "Changes",
        "What changed since the last review: crossings, statuses, revisions, new figures, "
        "gates, rules; enter goes there",
        "show_changes",
        long_title="Changes since the last review",
    ),
    Command(
        "app.mark-reviewed",
        "r",
        "Reviewed",
        "Mark today's review done, with a note of what you concluded: records every signal "
        "and gate in the review log",
        "mark_reviewed",
    ),
    Command(
        "app.review-history",
        "R",
        "History",
        "Past reviews and the changes each acknowledged",
        "review_history",
        footer=False,
        key_display="shift+r",
    ),
    Command(
        "pressure.edit",
        "enter,e",
        "Edit",
        "Edit the selected card's answer, owner and inputs (saved to plan.toml)",
        "edit_card",
        PRESSURE,
        key_display="enter",
    ),
    Command(
        "pressure.down",
        "j,down",
        "Down",
        "Next card",
        "next_card",
        PRESSURE,
        footer=False,
        palette=False,
    ),
    Command(
        "pressure.up",
        "k,up",
        "Up",
        "Previous card",
        "previous_card",
        PRESSURE,
        footer=False,
        palette=False,
    ),
)


def register() -> None:
    """Add the commands to `tui.commands.COMMANDS` once."""
    known = {c.id for c in commands.COMMANDS}
    commands.COMMANDS.extend(c for c in REVIEW_COMMANDS if c.id not in known)


register()
