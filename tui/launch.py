"""Start the full-screen app: resolve files in `core`, then hand plain values to the App."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, cast

from capexwatch.core.base import locations
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.figures import observations
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.workspace import Workspace, open_workspace
from capexwatch.tui import failure

if TYPE_CHECKING:
    import polars as pl

    from capexwatch.core.snapshot.picture import Snapshot
    from capexwatch.tui.app import CapexwatchApp


def build_app(config_dir: str | Path | None) -> CapexwatchApp:
    """The App exactly as `capexwatch` opens it (the benchmark's probe starts from here too).

    When the inputs are unchanged since the last run, the app opens on that run's stored view
    (core.snapshot.stored) and computes the snapshot after its first frame; otherwise it computes it
    now, as every time before, and the app stores the view for the next start after its first
    frame.
    """
    # Start-up makes many objects that live as long as the app (modules, widgets' classes, the
    # view): the cyclic collector would pass over them again and again for nothing (~70 ms of a
    # sample-data start). Off while building; then they are frozen out of later collections.
    gc.disable()
    try:
        return _build(config_dir)
    finally:
        gc.freeze()
        gc.enable()


def _build(config_dir: str | Path | None) -> CapexwatchApp:
    where = locations.resolve(config_dir)
    stored = _from_cache(where)
    from capexwatch.tui.app import CapexwatchApp

    if stored is not None:
        app = CapexwatchApp(*stored)
        app.from_cache = True
        return app
    inputs = viewcache.key(where)  # before the files are read: a change meanwhile misses
    workspace = open_workspace(config_dir)
    snapshot = daily.build(workspace)
    app = CapexwatchApp(workspace, snapshot)
    # Stored once the first frame is drawn (pickling 5,000 companies' tables takes ~0.3 s).
    app.unstored = inputs
    return app


def _from_cache(where: locations.Locations) -> tuple[Workspace, Snapshot] | None:
    """The stored view and a workspace that reads the data only when something needs it."""

    def scan() -> pl.LazyFrame:
        return observations.scan(where.imported)

    workspace: Workspace | None = None

    def read() -> pl.DataFrame:
        assert workspace is not None
        return workspace.observations

    def events() -> pl.DataFrame:
        assert workspace is not None
        return workspace.events

    snapshot = viewcache.load(where, read, events)
    if snapshot is None:
        return None
    source = cast("pl.LazyFrame", viewcache.Deferred(scan))
    workspace = Workspace(where, source, snapshot.watchlist)
    return workspace, snapshot


def run(config_dir: str | Path | None) -> int:
    try:
        app = build_app(config_dir)
    except CapexwatchError as error:
        # The located problems first (as a compiler prints them), then which file and what next.
        advice = failure.launch_advice(error, locations.resolve(config_dir))
        raise CapexwatchError(f"{error}\n{advice}") from error
    # Drawing the first frame makes many long-lived objects too (widgets, styles, parsed CSS):
    # the collector stays off until it is drawn (~8 ms), then the app freezes what was built
    # and turns it back on (CapexwatchApp._first_frame_drawn).
    gc.disable()
    try:
        # CAPEXWATCH_EXIT_AFTER_FIRST_FRAME=1 (benchmarks): no terminal, exit after one frame.
        app.run(headless=app.exit_after_first_frame)
    finally:
        gc.enable()
    return app.return_code or 0
