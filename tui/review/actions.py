"""The daily-review side of the App: live reload, `r` mark reviewed, and the review history.

Mixed into the App (which supplies `snapshot`, `workspace`, `apply_snapshot` and `reload`),
so tui/app.py only assembles. Files are polled five times a second; a change is re-evaluated
through `reload()`, which keeps the last good state under an error banner when the edit is
broken.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import App
from textual.timer import Timer

from capexwatch.core.base import clock
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean
from capexwatch.core.files import tomlfile
from capexwatch.core.review import log as review
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.tui.review import commands as review_commands
from capexwatch.tui.review.watcher import FileWatcher
from capexwatch.tui.widgets.banner import ErrorBanner

# Five stat() calls a tick (~0.1 ms): five times a second puts an edit on screen within
# ~0.2 s plus the reload, where once a second left it up to a second behind.
POLL_SECONDS = 0.2
review_commands.register()  # before the App derives its bindings from the registry


class ReviewActions:
    """App mixin; call `start_review_loop()` from `on_mount`."""

    _watcher: FileWatcher | None = None
    _poll: Timer | None = None

    def start_review_loop(self) -> None:
        """Note the watched files (watchlist, plan, imported data) as they are now; polling
        them starts with `start_polling()`, once the first frame is drawn."""
        app = self._app()
        log = app.workspace.locations.review_log
        self._watcher = FileWatcher((*daily.watched_files(app.workspace), log))
        # Paused until the first frame: a tick before it (a slow machine) would compete with
        # it, and on a new day start computing today's view before yesterday's is on screen.
        self._poll = app.set_interval(POLL_SECONDS, self.poll_files, name="file-watch", pause=True)

    def start_polling(self) -> None:
        """Poll the watched files from now on (the app calls it once its first frame is drawn)."""
        if self._poll is not None:
            self._poll.resume()

    def _app(self) -> Any:
        assert isinstance(self, App)
        return self

    def _reloading(self) -> bool:
        return any(w.group == "reload" and w.is_running for w in self._app().workers)

    def _already_shown(self, path: Path) -> bool:
        # The app's own save reloads by itself: the file then says what the snapshot shows.
        snapshot = self._app().snapshot
        shown = {
            snapshot.watchlist.path: snapshot.watchlist.text,
            snapshot.plan.path if snapshot.plan else None: getattr(
                snapshot.plan, "source_text", None
            ),
        }
        if path not in shown:
            return False
        try:
            return tomlfile.read(path)[0].text == shown[path]
        except (OSError, CapexwatchError):
            return False

    def poll_files(self) -> None:
        """Reload when a watched file changed on disk since the last poll."""
        if self._watcher is None or self._reloading():
            return  # a reload in flight: look again on the next tick
        app = self._app()
        if app.closing:
            return
        log = app.workspace.locations.review_log
        # While an error shows, a file put back as it was last loaded must still clear it.
        failing = app.query_one(ErrorBanner).has_class("-visible")
        changed = [p for p in self._watcher.changed() if failing or not self._already_shown(p)]
        if log in changed:
            # A review marked elsewhere (capexwatch review --mark): recount, no reload needed.
            changed.remove(log)
            app.apply_snapshot(daily.with_review(app.snapshot, log))
        if not changed:
            self._refresh_for_today()
            return
        names = ", ".join(p.name for p in changed)
        app.notify(f"{names} changed on disk: reloaded", title="Reload", markup=False)
        app.reload()

    def action_show_changes(self) -> None:
        """List what changed since the last review (`c`); enter goes there, r marks it done."""
        from capexwatch.core.review.diff import ReviewDiff
        from capexwatch.tui.review.changes import ChangesScreen, Jump, Mark

        app = self._app()
        diff = app.snapshot.review or ReviewDiff(None, ())

        def chosen(choice: Jump | Mark | None) -> None:
            if isinstance(choice, Mark):
                self.mark_reviewed(choice.note)
            elif isinstance(choice, Jump):
                # After the view has closed and given the focus back to where it was: focus
                # moving into a tab switches to that tab.
                app.call_after_refresh(self._go_to_change, choice)

        app.push_screen(ChangesScreen(diff), chosen)

    def _go_to_change(self, choice: Any) -> None:
        from capexwatch.tui.review import jump

        app = self._app()
        problem = jump.go(app, choice.change)
        if problem:
            app.notify(clean(problem), title="Changes", markup=False)

    _refreshed_for: dt.date | None = None

    def _refresh_for_today(self) -> None:
        """A view of an earlier day (past midnight, or a start's refresh that failed) is
        computed again, once a day: the header says it is updating."""
        app = self._app()
        today = clock.today()
        if not viewcache.current(app.snapshot) and self._refreshed_for != today:
            self._refreshed_for = today
            app.reload()

    def _todays_view(self) -> bool:
        """Whether today's view is on screen; if not, says why the review cannot be marked.
        Yesterday's (the day's first start draws it while today's is computed) would record
        yesterday's statuses as today's review."""
        app = self._app()
        if viewcache.current(app.snapshot):
            return True
        app.notify(
            "Today's view is still being computed: mark the review once the header no longer "
            "says 'updating'",
            title="Review not recorded",
            severity="warning",
            markup=False,
        )
        return False

    def action_mark_reviewed(self) -> None:
        """Mark the review done (`r`), first asking for an optional note."""
        from capexwatch.tui.review.note import NoteScreen

        app = self._app()
        if not self._todays_view():
            return
        count = len(app.snapshot.changes_since_review or ())

        def noted(note: str | None) -> None:
            if note is not None:  # escape: nothing recorded
                self.mark_reviewed(note)

        app.push_screen(NoteScreen(count), noted)

    def mark_reviewed(self, note: str = "") -> None:
        """Record the review of what is on screen now, with the user's `note`."""
        app = self._app()
        if not self._todays_view():
            return
        try:
            recorded, snapshot = daily.mark(app.snapshot, app.workspace.locations.review_log, note)
        except CapexwatchError as error:
            app.notify(
                clean(str(error)), title="Review not recorded", severity="error", markup=False
            )
            return
        app.apply_snapshot(snapshot)
        acknowledged = len(recorded.changes)
        app.notify(
            f"Review recorded at {recorded.at:%H:%M} UTC ({acknowledged} change"
            f"{'' if acknowledged == 1 else 's'} acknowledged)",
            title="Reviewed",
            markup=False,
        )

    def action_review_history(self) -> None:
        """Show past reviews (`h`)."""
        from capexwatch.tui.review.history import (
            HistoryScreen,  # imported when asked for, not at start
        )

        app = self._app()
        try:
            reviews = review.history(app.workspace.locations.review_log)
        except CapexwatchError as error:
            app.notify(clean(str(error)), severity="error", markup=False)
            return
        app.push_screen(HistoryScreen(reviews))
