"""Every command of the app, defined once: its key binding, footer entry and palette entry follow.

To add a command, append a `Command` to `COMMANDS` and give the widget named by `scope` an
`action_<name>` method: the binding (with `id` and `tooltip`, so users can remap it), the footer
key, the help screen's line and the command-palette entry are all derived from that one entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen

APP = "app"


@dataclass(frozen=True)
class Command:
    """One thing a user can do, by key and from the command palette."""

    id: str  # binding id: stable, used to remap keys
    key: str  # Textual key names, comma-separated; "" for palette-only commands
    title: str  # short: the footer and the palette
    tooltip: str  # one sentence: the footer's tooltip, the palette's help, the help screen
    action: str  # Textual action string, run in the namespace of `scope`
    scope: str = APP  # APP, or the id of the widget whose bindings carry it
    footer: bool = True
    palette: bool = True
    key_display: str | None = None
    priority: bool = False
    long_title: str = ""  # the palette's title, when the footer's short one is not enough

    @property
    def palette_title(self) -> str:
        return self.long_title or self.title


W = "watchlist-panel"
P = "peers-panel"
COMMANDS: list[Command] = [
    # The whole app. 1 2 3 stay out of the footer: the tabs show them ("1 Watchlist" …).
    Command("app.help", "question_mark,f1", "Help", "Keys and help for the focused panel", "help",
            key_display="?", long_title="Help for the focused panel"),
    Command("app.quit", "q", "Quit", "Leave capexwatch", "quit"),
    Command("app.watchlist", "1", "Watchlist", "Show the signals", "switch_panel('watchlist')",
            footer=False, long_title="Show the watchlist"),
    Command("app.peers", "2", "Peers", "Compare companies side by side", "switch_panel('peers')",
            footer=False, long_title="Show peers"),
    Command("app.pressure", "3", "Pressure", "The questions to pressure-test a plan",
            "switch_panel('pressure')", footer=False, long_title="Show the pressure test"),
    Command("app.reload", "ctrl+r", "Reload", "Read the watchlist and data again from disk",
            "reload", footer=False, long_title="Reload files"),
    Command("app.theme", "t", "Theme", "Switch to the next theme (saved to watchlist.toml)",
            "next_theme", footer=False, long_title="Next theme"),
    Command("app.theme-dark", "", "Theme: dark", "Use the dark theme (saved to watchlist.toml)",
            "set_theme('capexwatch-dark')"),
    Command("app.theme-light", "", "Theme: light", "Use the light theme (saved to watchlist.toml)",
            "set_theme('capexwatch-light')"),
    Command("app.theme-contrast", "", "Theme: high contrast",
            "Use the high-contrast theme (saved to watchlist.toml)",
            "set_theme('capexwatch-contrast')"),
    Command("app.record", "n", "Record", "Record a figure or an event by hand (preset to the "
            "selected company and metric)", "record", long_title="Record a figure or event"),
    Command("app.import", "i", "Import", "Import a CSV, Parquet or SEC companyfacts file",
            "import_file", footer=False, long_title="Import a data file"),
    Command("app.dismiss-error", "ctrl+x", "Hide error", "Hide the error banner",
            "dismiss_error", footer=False),
    # The watchlist panel.
    Command("watchlist.filter", "slash", "Filter", "Show only signals whose text matches",
            "filter", W, key_display="/", long_title="Filter signals"),
    Command("watchlist.details", "", "Details", "Show or hide the selected signal's details",
            "toggle_details", W, long_title="Show or hide signal details"),
    Command("watchlist.add", "a", "Add", "Add a signal to watchlist.toml", "add_signal", W,
            long_title="Add signal"),
    Command("watchlist.edit", "e", "Edit", "Edit the selected signal", "edit_signal", W,
            long_title="Edit signal"),
    Command("watchlist.delete", "d", "Delete", "Delete the selected signal (asks first)",
            "delete_signal", W, long_title="Delete signal"),
    Command("watchlist.mute", "m", "Mute", "Mute or unmute the selected signal", "toggle_mute", W,
            long_title="Mute or unmute signal"),
    Command("watchlist.sort", "s", "Sort", "Sort by severity, title, company or as-of",
            "next_sort", W, long_title="Sort signals"),
    Command("watchlist.unfilter", "escape", "Clear filter", "Show every signal again",
            "clear_filter", W, palette=False),
    Command("watchlist.clear-filter", "escape", "Clear filter",
            "Clear the filter and go back to the table", "clear_filter", "signal-filter",
            palette=False),
    # The peers panel (h j k l move like the arrows).
    Command("peers.sort", "s", "Sort", "Sort peers by the selected column; again to reverse",
            "sort_column", P, long_title="Sort peers by the selected column"),
    Command("peers.group", "g", "Group", "Show the next peer group", "next_group", P,
            long_title="Next peer group"),
    Command("peers.period", "p", "Period", "Compare the latest periods, the same quarter or TTM",
            "next_mode", P, long_title="Next peer period mode (latest, same quarter, TTM)"),
    Command("peers.down", "j", "Down", "Next company", "move(1, 0)", P, footer=False,
            palette=False),
    Command("peers.up", "k", "Up", "Previous company", "move(-1, 0)", P, footer=False,
            palette=False),
    Command("peers.left", "h", "Left", "Previous column", "move(0, -1)", P, footer=False,
            palette=False),
    Command("peers.right", "l", "Right", "Next column", "move(0, 1)", P, footer=False,
            palette=False),
    # In the signals table: enter replaces the table's own "select" (arrows move too).
    Command("signals.details", "enter", "Details", "Show or hide the selected signal's details",
            "toggle_details", "signals-table", palette=False),
    Command("signals.down", "j", "Down", "Next signal", "cursor_down", "signals-table",
            footer=False, palette=False),
    Command("signals.up", "k", "Up", "Previous signal", "cursor_up", "signals-table",
            footer=False, palette=False),
    Command("signals.page-down", "pagedown", "Page down", "A page of signals down", "page_down",
            "signals-table", footer=False, palette=False, key_display="PgDn"),
    Command("signals.page-up", "pageup", "Page up", "A page of signals up", "page_up",
            "signals-table", footer=False, palette=False, key_display="PgUp"),
    Command("signals.first", "home", "First", "The first signal", "scroll_top", "signals-table",
            footer=False, palette=False),
    Command("signals.last", "end,G", "Last", "The last signal", "scroll_bottom",
            "signals-table", footer=False, palette=False, key_display="end G"),
    # The details from the table, without moving the focus (tab goes into them).
    Command("signals.details-down", "J,shift+down", "Details ↓",
            "Scroll the selected signal's details down (tab goes into them)",
            "scroll_details(1)", W, footer=False, palette=False,
            key_display="J ⇧↓"),
    Command("signals.details-up", "K,shift+up", "Details ↑",
            "Scroll the selected signal's details up", "scroll_details(-1)", W, footer=False,
            palette=False, key_display="K ⇧↑"),
    # Any scrolling text (the help, the details once tab is in them): j k as well as the arrows.
    Command("text.down", "j", "Down", "Scroll down (also ↓, PgDn, End)", "scroll_down",
            "text-scroll", footer=False, palette=False),
    Command("text.up", "k", "Up", "Scroll up (also ↑, PgUp, Home)", "scroll_up", "text-scroll",
            footer=False, palette=False),
]  # fmt: skip


def ids() -> frozenset[str]:
    """Every command's binding id: what `[ui.keys]` in watchlist.toml may remap."""
    return frozenset(c.id for c in COMMANDS)


def for_scope(scope: str) -> list[Command]:
    """The commands carried by the widget with id `scope` (or the app, for APP)."""
    return [c for c in COMMANDS if c.scope == scope]


def bindings(scope: str) -> list[BindingType]:
    """Key bindings for `scope`, each with its id and tooltip (palette-only commands have none)."""
    return [
        Binding(
            c.key,
            c.action,
            c.title,
            show=c.footer,
            key_display=c.key_display,
            priority=c.priority,
            tooltip=c.tooltip,
            id=c.id,
        )
        for c in for_scope(scope)
        if c.key
    ]


def keys_for(nodes: Iterable[DOMNode]) -> list[Command]:
    """The keyed commands of the app and of `nodes` (a panel and its widgets), for the help."""
    scopes = {APP} | {node.id for node in nodes if node.id}
    found: dict[str, Command] = {}
    for command in COMMANDS:
        if command.scope in scopes and command.key:
            found.setdefault(command.key, command)  # one line per key
    return list(found.values())


def key_label(command: Command) -> str:
    """The key as the help screen shows it."""
    if command.key_display:
        return command.key_display
    return command.key.split(",")[0] if command.key else "palette"


def target(screen: Screen[object], scope: str) -> DOMNode | None:
    """The node that runs a command of `scope` on `screen` (None when it is not there)."""
    if scope == APP:
        return screen.app
    found = screen.query(f"#{scope}")
    return found.first() if found else None


class CommandsProvider(Provider):
    """The command palette's entries: every command whose widget is on screen."""

    def _available(self) -> list[tuple[Command, DOMNode]]:
        out = []
        for command in COMMANDS:
            node = target(self.screen, command.scope)
            if command.palette and node is not None:
                out.append((command, node))
        return out

    def _run(self, command: Command, target: DOMNode) -> None:
        self.app.call_later(self.app.run_action, command.action, target)

    async def discover(self) -> Hits:
        for command, target in self._available():
            yield DiscoveryHit(
                with_key(Content(command.palette_title), command),
                partial(self._run, command, target),
                text=command.palette_title,
                help=command.tooltip,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, target in self._available():
            score = matcher.match(command.palette_title)
            if score > 0:
                yield Hit(
                    score,
                    with_key(matcher.highlight(command.palette_title), command),
                    partial(self._run, command, target),
                    text=command.palette_title,
                    help=command.tooltip,
                )


def with_key(title: Content, command: Command) -> Content:
    """The palette's title with the command's key beside it, dimmed: "Add signal  a"."""
    if not command.key:
        return title
    return Content.assemble(title, (f"  {key_label(command)}", "dim"))


# Textual's own palette entries: ours replace "Theme" and "Quit" (ours save the theme), and our
# help ("?", with every key) replaces "Keys"; the rest keep a name in our words.
SYSTEM_TITLES = {
    "Maximize": "Maximize the focused pane",
    "Minimize": "Restore the maximized pane",
    "Screenshot": "Save a screenshot (SVG)",
}


def system_commands(textuals: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's system commands as the palette shows them (see SYSTEM_TITLES)."""
    for command in textuals:
        if command.title in SYSTEM_TITLES:
            yield command._replace(title=SYSTEM_TITLES[command.title])
