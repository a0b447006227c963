"""The capexwatch App: assembles the header, the three panels and the footer around a Snapshot.

It receives resolved values (a Workspace and its Snapshot) so tests build it directly. Every
refresh goes through `apply_snapshot`; `reload()` re-reads the files in a worker and, when they
no longer load, keeps the last good snapshot and shows the located error in a banner.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import Workspace, open_workspace
from capexwatch.tui import commands, failure
from capexwatch.tui.forms.actions import DataEntryActions
from capexwatch.tui.header import AppHeader
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.pressure.panel import PressurePanel
from capexwatch.tui.review.actions import ReviewActions
from capexwatch.tui.theming import ThemeActions
from capexwatch.tui.watchlist.edits import SignalEdits
from capexwatch.tui.watchlist.panel import WatchlistPanel
from capexwatch.tui.widgets.banner import ErrorBanner
from capexwatch.tui.widgets.chart import HistoryChart
from capexwatch.tui.widgets.footer import AppFooter

EXIT_AFTER_FIRST_FRAME = "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME"
PANELS = (("watchlist", "1 Watchlist"), ("peers", "2 Peers"), ("pressure", "3 Pressure test"))
MIN_SIZE = (60, 15)


COMPACT_FOOTER_BELOW = 120


class CapexwatchApp(ReviewActions, DataEntryActions, ThemeActions, App[int]):
    """The full-screen daily review."""

    TITLE = "capexwatch"
    # The signals table has focus from the first frame: focusing it later in on_mount changed
    # the bindings after the footer was drawn, and the footer's recompose cost ~50 ms of start.
    AUTO_FOCUS = "SignalsTable"
    CSS_PATH = "app.tcss"
    BINDINGS = commands.bindings(commands.APP)
    COMMANDS: ClassVar[set[Any]] = {*App.COMMANDS, commands.CommandsProvider}
    # Classes on the screen by size: the stylesheet sheds the detail pane, then the panels.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (typed by App)
        (0, "-tiny-w"),
        (MIN_SIZE[0], "-narrow"),
        (80, "-wide"),
        (160, "-very-wide"),  # the details go beside the table
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012 (typed by App)
        (0, "-tiny-h"),
        (MIN_SIZE[1], "-short"),
        (24, "-tall"),
        (32, "-very-tall"),  # below this the peers chart is kept small (tui.peers.detail)
    ]

    def __init__(self, workspace: Workspace, snapshot: Snapshot) -> None:
        super().__init__()
        self.workspace = workspace
        self.snapshot = snapshot
        self.exit_after_first_frame = os.environ.get(EXIT_AFTER_FIRST_FRAME) == "1"
        # True when `snapshot` is the stored view of the last run (core.snapshot.stored), computed
        # from the files exactly as they are now: the first frame shows it, then the data is
        # read in a worker for what needs it (the details' sources; peer histories on demand).
        self.from_cache = False
        # The key of a snapshot computed at start, not stored yet (tui.launch): it is stored
        # once the first frame is drawn, in a worker.
        self.unstored: str | None = None
        self.register_themes(snapshot.watchlist.ui.theme)

    def get_default_screen(self) -> Screen[Any]:
        # The size classes from the start: Textual adds them on the first resize, and changing
        # a class on the screen then restyles and redraws every widget (~20 ms of start-up).
        # A size that changes later is handled by Textual as before.
        screen = Screen[Any](id="_default")
        screen.set_classes(self._size_classes())
        return screen

    def _size_classes(self) -> list[str]:
        width, height = self.size
        return _breakpoint(width, self.HORIZONTAL_BREAKPOINTS) + _breakpoint(
            height, self.VERTICAL_BREAKPOINTS
        )

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        # Every screen pushed (forms, help, history, the palette) starts with its size classes
        # too: added on its first resize, they restyled all of a new form's widgets a second
        # time, a third of the time from its key to its first frame.
        if isinstance(screen, Screen) and not screen.is_attached:
            screen.add_class(*self._size_classes())
        return super().push_screen(screen, *args, **kwargs)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return commands.system_commands(super().get_system_commands(screen))

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        yield ErrorBanner(id="error-banner")
        with TabbedContent(id="panels"):
            for pane_id, label in PANELS:
                with TabPane(label, id=pane_id):
                    yield self._panel(pane_id)
        yield Static(
            f"capexwatch needs a terminal of at least {MIN_SIZE[0]}×{MIN_SIZE[1]}: "
            "please make this one larger.",
            id="too-small",
        )
        yield AppFooter()

    @staticmethod
    def _panel(pane_id: str) -> WatchlistPanel | PeersPanel | PressurePanel:
        if pane_id == "watchlist":
            return WatchlistPanel()
        return PeersPanel() if pane_id == "peers" else PressurePanel()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self.theme_changed)
        self.apply_snapshot(self.snapshot)
        self.start_review_loop()  # live reload of watchlist, plan and data (tui.review)
        self.query_one(WatchlistPanel).table.focus()
        # Called as a tab is switched to, before its first frame (see `_shown`).
        switcher = self.query_one("#panels > ContentSwitcher", ContentSwitcher)
        self.watch(switcher, "current", self._shown, init=False)
        # After the next refresh: the first frame, showing the watchlist's rows.
        self.call_after_refresh(self._first_frame_drawn)
        if self.from_cache and not self.exit_after_first_frame:
            # Once the stored view is on screen: today's only needs its data read (for the
            # details); an earlier day's (the day's first start, marked in the header) is
            # computed afresh for today and replaces it.
            current = viewcache.current(self.snapshot)
            self.call_after_refresh(self._read_data if current else self._refresh_for_today)

    def _first_frame_drawn(self) -> None:
        if not gc.isenabled():  # tui.launch.run keeps the collector off for the first frame
            gc.freeze()
            gc.enable()
        if self.exit_after_first_frame:
            self.store_view()  # the next run starts from it, as after a real start
            self.exit(0)
            return
        if self.unstored is not None:
            self._store_view_behind(self.unstored, self.snapshot)
            self.unstored = None
        self.start_polling()
        for chart in self.query(HistoryChart):
            chart.first_frame_drawn()

    def _shown(self, pane_id: str | None) -> None:
        # A panel that builds its content when first shown (PressurePanel.reveal) does it
        # here, in the same step as the switch, so no frame shows it empty.
        if pane_id == "pressure":
            self.query_one(PressurePanel).reveal()

    def panels(self) -> list[Any]:
        """The three panels, each with `show(snapshot)` and `HELP`."""
        return [
            self.query_one(WatchlistPanel),
            self.query_one(PeersPanel),
            self.query_one(PressurePanel),
        ]

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        """Show `snapshot` everywhere, in one batch so no half-updated frame is drawn."""
        self.snapshot = snapshot
        with self.batch_update():
            self.query_one(AppHeader).show(snapshot)
            for panel in self.panels():
                panel.show(snapshot)

    def reload(self, select: str | None = None) -> None:
        """Re-open the workspace and rebuild the snapshot in a worker (see module doc)."""
        self._reload(select)

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _reload(self, select: str | None) -> None:
        try:
            inputs = viewcache.key(self.workspace.locations)  # before the files are read
            # A file deleted while the app runs is an error to show, not a first run.
            workspace = open_workspace(self.workspace.locations.config_dir, create_missing=False)
            snapshot = daily.build(workspace, create_missing=False)
        except (CapexwatchError, OSError) as error:  # a file gone or unreadable: keep going
            title = failure.banner_title(error, self.workspace.locations)
            self.call_from_thread(self.show_error, title, str(error))
            return
        self.call_from_thread(self._reloaded, workspace, snapshot, select)
        # Stored for the next start once shown: pickling it first delayed the new frame.
        viewcache.save(workspace.locations, inputs, snapshot)

    def store_view(self) -> None:
        """Store the snapshot computed at start, if not stored yet, for the next start."""
        inputs, self.unstored = self.unstored, None
        if inputs is not None:
            viewcache.save(self.workspace.locations, inputs, self.snapshot)

    @work(thread=True, group="store-view", exit_on_error=False)
    def _store_view_behind(self, inputs: str, snapshot: Snapshot) -> None:
        # The snapshot and key as they were at start: a reload meanwhile stores its own.
        viewcache.save(self.workspace.locations, inputs, snapshot)

    @work(thread=True, exclusive=True, group="read-data", exit_on_error=False)
    def _read_data(self) -> None:
        snapshot = self.snapshot
        try:
            viewcache.read_data(snapshot)
        except Exception:  # unreadable now: a reload computes afresh and says what is wrong
            self.call_from_thread(self.reload)
            return
        self.call_from_thread(self._data_read, snapshot)

    @property
    def closing(self) -> bool:
        """The app is exiting: its widgets are gone, though a worker's answer or a timer may
        still arrive (and must then do nothing rather than fail to find them)."""
        return not self.query(ErrorBanner)

    def _data_read(self, snapshot: Snapshot) -> None:
        if self.closing:
            return
        if self.snapshot is snapshot:  # not replaced by a reload meanwhile
            self.query_one(WatchlistPanel).show(snapshot)
            self.query_one(PeersPanel).refresh_detail()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in a background job is said in a notification; the last good state stays."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                clean(f"{type(error).__name__}: {error}"),
                title="Internal error (the app keeps running)",
                severity="error",
                markup=False,
            )

    def _reloaded(self, workspace: Workspace, snapshot: Snapshot, select: str | None) -> None:
        if self.closing:
            return
        self.workspace = workspace
        self.query_one(ErrorBanner).clear()
        if snapshot.watchlist.ui.theme != self.theme:
            self.theme = snapshot.watchlist.ui.theme
        self.apply_snapshot(snapshot)
        if select:
            self.query_one(WatchlistPanel).select(select)

    def show_error(self, title: str, message: str) -> None:
        """Show a located error above the panels; the last good snapshot stays on screen."""
        if not self.closing:
            self.query_one(ErrorBanner).show_error(title, message)

    def on_signal_edits_saved(self, message: SignalEdits.Saved) -> None:
        self.snapshot = replace(self.snapshot, watchlist=message.watchlist)
        self.reload(message.select)

    # Actions named by tui.commands.
    def action_switch_panel(self, pane_id: str) -> None:
        self.query_one(TabbedContent).active = pane_id
        self._focus_panel()

    def _focus_panel(self) -> None:
        pane = self.query_one(f"#{self.query_one(TabbedContent).active}", TabPane)
        focusable = [w for w in pane.query("*") if w.focusable and w.display]
        self.set_focus(focusable[0] if focusable else None)

    def on_resize(self, event: events.Resize) -> None:
        # Below 120 columns the footer drops its padding. The event's size: `self.size` is
        # still the old one here, which left the footer compact at 120 after a resize from 80.
        self.query_one(Footer).compact = event.size.width < COMPACT_FOOTER_BELOW
        # Hiding the panels on a tiny terminal takes focus away; give it back once they show.
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        if self.screen is self.screen_stack[0] and self.focused is None:
            self._focus_panel()

    def action_help(self) -> None:
        from capexwatch.tui.widgets.help import HelpScreen  # imported when asked for, not at start

        active = self.query_one(TabbedContent).active
        panel = self.panels()[[p for p, _ in PANELS].index(active)]
        keys = commands.keys_for([panel, *panel.query("*")])
        title = f"Help · {dict(PANELS)[active][2:]}"
        self.push_screen(HelpScreen(title, getattr(panel, "HELP", ""), keys))

    def action_reload(self) -> None:
        self.reload()

    def action_dismiss_error(self) -> None:
        self.query_one(ErrorBanner).clear()


def _breakpoint(size: int, breakpoints: list[tuple[int, str]]) -> list[str]:
    """The class Textual gives the screen for `size`: the largest breakpoint not above it."""
    reached = [b for b in breakpoints if size >= b[0]]
    return [max(reached)[1]] if reached else []
