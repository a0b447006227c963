"""The capexwatch App: assembles the header, the three panels and the footer around a Snapshot.

It receives resolved values (a Workspace and its Snapshot) so tests build it directly. Every
refresh goes through `apply_snapshot`; `reload()` re-reads the files in a worker and, when they
no longer load, keeps the last good snapshot and shows the located error in a banner.
Children talk up with messages (tui.messages): every save ends in one `Saved`, every change made
outside the app in one `FilesChanged`, and each has one handler here.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import ContentSwitcher, Footer, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from capexwatch import themes
from capexwatch.core.base import clock
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import Workspace, open_workspace
from capexwatch.core.watchlist.model import check_binding_ids
from capexwatch.tui import commands, failure, theming
from capexwatch.tui.forms import actions as entry
from capexwatch.tui.forms import spare
from capexwatch.tui.header import AppHeader
from capexwatch.tui.messages import FilesChanged, Saved
from capexwatch.tui.peers.panel import PeersPanel
from capexwatch.tui.pressure.panel import PressurePanel
from capexwatch.tui.review import actions as review_actions
from capexwatch.tui.review.watcher import FileWatch
from capexwatch.tui.unloaded import NotLoaded, refused
from capexwatch.tui.watchlist.panel import WatchlistPanel
from capexwatch.tui.widgets.banner import ErrorBanner
from capexwatch.tui.widgets.chart import HistoryChart
from capexwatch.tui.widgets.footer import AppFooter

if TYPE_CHECKING:
    from capexwatch.tui.review.changes import Jump

EXIT_AFTER_FIRST_FRAME = "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME"
PANELS = (("watchlist", "1 Watchlist"), ("peers", "2 Peers"), ("pressure", "3 Pressure test"))
MIN_SIZE = (60, 15)


COMPACT_FOOTER_BELOW = 120
# The forms built ahead (tui.forms.spare): this long after the first frame, and again this long
# after one was used, while the panels are on screen.
SPARE_SECONDS = 0.3


class CapexwatchApp(App[int]):
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
        self._refreshed_for: dt.date | None = None  # the day a stale view was last recomputed
        # Set while the last reload failed (tui.unloaded): writes to that file are refused.
        self.not_loaded: NotLoaded | None = None
        self.spares = spare.Spares(self, self._size_classes, self._keep_spares_later)
        theming.register(self, snapshot.watchlist.ui.theme)
        # `[ui.keys]` names commands by id: one the app does not have is a located error.
        check_binding_ids(snapshot.watchlist, commands.ids())

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

    def exit(self, *args: Any, **kwargs: Any) -> None:
        # Nothing built so far needs collecting as the app closes: the collector's passes over
        # every widget while Textual closes them, and the interpreter's last one, were most of
        # the time from `q` to the process's exit once the forms were built ahead.
        gc.freeze()
        self.spares.drop()  # see tui.forms.spare
        super().exit(*args, **kwargs)

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
        # Live reload of watchlist, plan, data and the review log (tui.review.watcher).
        yield FileWatch((*daily.watched_files(self.workspace), self.workspace.locations.review_log))

    @staticmethod
    def _panel(pane_id: str) -> WatchlistPanel | PeersPanel | PressurePanel:
        if pane_id == "watchlist":
            return WatchlistPanel()
        return PeersPanel() if pane_id == "peers" else PressurePanel()

    def on_mount(self) -> None:
        if self.snapshot.watchlist.ui.keys:
            self.set_keymap(dict(self.snapshot.watchlist.ui.keys))
        # Past midnight the view is computed again for the new day (started with the poll).
        self._day_watch = self.set_interval(
            1.0, self._refresh_for_today, name="day-watch", pause=True
        )
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.apply_snapshot(self.snapshot)
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
        self.query_one(FileWatch).start()
        self._day_watch.resume()
        self._keep_spares_later()
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

    def reload(self, select: str | None = None, announce: str = "") -> None:
        """Re-open the workspace and rebuild the snapshot in a worker (see module doc);
        `announce` is said once the files have loaded (never for a file that did not)."""
        self._reload(select, announce)

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _reload(self, select: str | None, announce: str = "") -> None:
        try:
            inputs = viewcache.key(self.workspace.locations)  # before the files are read
            # A file deleted while the app runs is an error to show, not a first run.
            workspace = open_workspace(self.workspace.locations.config_dir, create_missing=False)
            check_binding_ids(workspace.watchlist, commands.ids())
            snapshot = daily.build(workspace)
        except (CapexwatchError, OSError) as error:  # a file gone or unreadable: keep going
            title = failure.banner_title(error, self.workspace.locations)
            failed = NotLoaded(failure.failed_file(error, self.workspace.locations), str(error))
            self.call_from_thread(self.show_error, title, str(error), failed)
            return
        self.call_from_thread(self._reloaded, workspace, snapshot, select, announce)
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

    def _reloaded(
        self, workspace: Workspace, snapshot: Snapshot, select: str | None, announce: str = ""
    ) -> None:
        if self.closing:
            return
        self.not_loaded = None
        if announce:
            self.notify(announce, title="Reload", markup=False)
        self.workspace = workspace
        self.query_one(ErrorBanner).clear()
        if snapshot.watchlist.ui.theme != self.theme:
            self.theme = snapshot.watchlist.ui.theme
        if snapshot.watchlist.ui.keys != self.snapshot.watchlist.ui.keys:
            self.set_keymap(dict(snapshot.watchlist.ui.keys))
        self.apply_snapshot(snapshot)
        if select:
            self.query_one(WatchlistPanel).select(select)

    def show_error(self, title: str, message: str, failed: NotLoaded | None = None) -> None:
        """Show a located error above the panels; the last good snapshot stays on screen.
        `failed`: the file a reload could not load (writes to it wait, see tui.unloaded)."""
        self.not_loaded = failed
        if not self.closing:
            self.query_one(ErrorBanner).show_error(title, message)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        """Every save the app makes: say what was written, then read the files again."""
        if message.watchlist is not None:  # the next edit starts from the file as saved
            self.snapshot = replace(self.snapshot, watchlist=message.watchlist)
        if message.note:
            self.notify(clean(message.note), title=message.title, markup=False)
        self.reload(message.select)

    @on(FilesChanged)
    def _files_changed(self, message: FilesChanged) -> None:
        """A change made outside the app: reload (a review marked elsewhere only recounts)."""
        if self.closing:
            return
        log = self.workspace.locations.review_log
        changed = [p for p in message.paths if p != log]
        if log in message.paths:  # capexwatch review --mark: no reload needed
            self.apply_snapshot(daily.with_review(self.snapshot, log, self.workspace.filings))
        if changed:
            names = ", ".join(clean(p.name) for p in changed)
            # Said once the files have loaded: a file that did not load shows in the banner.
            self.reload(announce=f"{names} changed on disk: reloaded")

    def _theme_changed(self, theme: Theme) -> None:
        """Redraw in the new colours and save the choice as `[ui] theme`."""
        self.apply_snapshot(self.snapshot)  # status colours come from the theme
        try:
            saved = theming.save(self.snapshot, theme.name)
        except (CapexwatchError, OSError) as error:
            self.notify(
                clean(str(error)), title="Theme not saved", severity="warning", markup=False
            )
            return
        if saved is not None:
            self.post_message(Saved(watchlist=saved))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes lack the status colours; these stand in.
        return {**super().get_theme_variable_defaults(), **themes.STATUS_DEFAULTS}

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

    def action_next_theme(self) -> None:
        # Refused while watchlist.toml does not load: not even on screen, as it could not be
        # saved, and must not be later over the user's fix (tui.unloaded).
        if not refused(self, self.snapshot.watchlist.path, "the theme change"):
            self.theme = theming.next_after(self.theme)

    def action_set_theme(self, name: str) -> None:
        if not refused(self, self.snapshot.watchlist.path, "the theme change"):
            self.theme = name

    def action_show_changes(self) -> None:
        """List what changed since the last review (`c`); enter goes there, r marks it done."""
        from capexwatch.core.review.diff import ReviewDiff
        from capexwatch.tui.review.changes import ChangesScreen, Jump, Mark

        diff = self.snapshot.review or ReviewDiff(None, ())

        def chosen(choice: Jump | Mark | None) -> None:
            if isinstance(choice, Mark):
                self._mark_reviewed(choice.note)
            elif isinstance(choice, Jump):
                # After the view has closed and given the focus back to where it was: focus
                # moving into a tab switches to that tab.
                self.call_after_refresh(self._go_to_change, choice)

        self.push_screen(ChangesScreen(diff), chosen)

    def _go_to_change(self, choice: Jump) -> None:
        from capexwatch.tui.review import jump

        problem = jump.go(self, choice.change)
        if problem:
            self.notify(clean(problem), title="Changes", markup=False)

    def action_mark_reviewed(self) -> None:
        """Mark the review done (`r`), first asking for an optional note."""
        from capexwatch.tui.review.note import NoteScreen

        if not self._todays_view():
            return
        count = len(self.snapshot.changes_since_review or ())

        def noted(note: str | None) -> None:
            if note is not None:  # escape: nothing recorded
                self._mark_reviewed(note)

        self.push_screen(NoteScreen(count), noted)

    def _mark_reviewed(self, note: str = "") -> None:
        """Record the review of what is on screen now, with the user's `note`."""
        if not self._todays_view():
            return
        log = self.workspace.locations.review_log
        try:
            snapshot, line = review_actions.mark(self.snapshot, log, note)
        except CapexwatchError as error:
            self.notify(
                clean(str(error)), title="Review not recorded", severity="error", markup=False
            )
            return
        self.apply_snapshot(snapshot)
        self.notify(line, title="Reviewed", markup=False)

    def _todays_view(self) -> bool:
        """Whether today's view is on screen; if not, says why the review cannot be marked."""
        problem = review_actions.not_todays_view(self.snapshot)
        if problem:
            self.notify(problem, title="Review not recorded", severity="warning", markup=False)
        return problem is None

    def _refresh_for_today(self) -> None:
        """A view of an earlier day (past midnight, or a start's refresh that failed) is
        computed again, once a day: the header says it is updating meanwhile."""
        today = clock.today()
        if not viewcache.current(self.snapshot) and self._refreshed_for != today:
            self._refreshed_for = today
            self.reload()

    def action_review_history(self) -> None:
        """Show past reviews (`shift+r`)."""
        from capexwatch.core.review import log as review
        from capexwatch.tui.review.history import HistoryScreen  # when asked for, not at start

        try:
            reviews = review.history(self.workspace.locations.review_log)
        except CapexwatchError as error:
            self.notify(clean(str(error)), severity="error", markup=False)
            return
        self.push_screen(HistoryScreen(reviews))

    def _keep_spares_later(self) -> None:
        self.set_timer(SPARE_SECONDS, self._keep_spares)

    def _keep_spares(self) -> None:
        """Build the forms ahead while the panels are on screen (see tui.forms.spare); with a
        form or another screen open, try again later."""
        if self.closing:
            return
        if self.screen is not self.screen_stack[0]:
            self._keep_spares_later()
            return
        self.spares.keep("record", lambda: self._record_form(None, None, None))
        self.spares.keep("add", self.query_one(WatchlistPanel).add_form)

    def _record_form(self, company: str | None, metric: str | None, event: str | None) -> Any:
        from capexwatch.tui.forms.record import RecordForm  # when first made, not at start

        return RecordForm(
            self.workspace.locations,
            self.snapshot.watchlist.companies,
            company,
            metric,
            event=event,
            hints=self._quarter_hints,
        )

    def action_record(self) -> None:
        """Open the record form, preset to the selection (`n`)."""
        active = self.query_one(TabbedContent).active
        panel = self.panels()[[p for p, _ in PANELS].index(active)]
        selection = panel.record_preset() if hasattr(panel, "record_preset") else (None, None)
        company, metric, event = entry.preset(*selection)
        locations, companies = self.workspace.locations, self.snapshot.watchlist.companies
        form = self.spares.take(
            "record", lambda f: f.locations == locations and f.companies == dict(companies)
        )
        if form is not None:
            form.preset(company, metric, event)
            form.start()
        else:
            form = self._record_form(company, metric, event)
        self.push_screen(form, self._data_written)

    def _quarter_hints(self, company: str) -> list[Any]:
        """The record form's quarter mode: `company`'s metrics and their last values."""
        from capexwatch.core.peers.quarter import hints

        return hints(self.snapshot.watchlist, self.snapshot.observations, company)

    def action_import_file(self) -> None:
        """Open the import form (`i`)."""
        from capexwatch.tui.forms.import_file import ImportForm  # when first opened

        self.push_screen(
            ImportForm(self.workspace.locations, self.snapshot.watchlist), self._data_written
        )

    def _data_written(self, line: str | None) -> None:
        if line is not None:  # None: cancelled
            self.post_message(Saved(line, title="Data"))

    def action_dismiss_error(self) -> None:
        self.query_one(ErrorBanner).clear()


def _breakpoint(size: int, breakpoints: list[tuple[int, str]]) -> list[str]:
    """The class Textual gives the screen for `size`: the largest breakpoint not above it."""
    reached = [b for b in breakpoints if size >= b[0]]
    return [max(reached)[1]] if reached else []
