"""The last computed view, kept so the next start can draw its first frame before reading data.

`key(where)` names every file a snapshot is computed from: the size and modification time of
watchlist.toml, plan.toml, the imported Parquet file, the events file, the review log and the
bundled data, the package version and the computing code. A snapshot is stored with the key it
was computed under; `load` returns it only when the key is still the same, so a changed input is
never shown as if it were current. Anything wrong with the stored files (missing, cut short,
another version's) reads as "no cache", never an error.

The date is not in the key: what the date changes (staleness, event and revision windows, the
gates, hence the review's diff) is all in the snapshot, which carries the day it was computed
for (`Snapshot.today`). A view of an earlier day is still returned by `load`, so the first start
of a day can draw yesterday's view at once, saying so, while it computes today's
(`current(view)` tells which); `stored_view`, which answers `check`, takes only today's.

Three files in the cache directory (read only when owned by this user and writable by nobody
else, since unpickling runs code): `view.pickle` (signals, gates, review, watchlist, plan: no
observations, so reading it does not import polars), `sheets.pickle` (each peer group's table
as text in each period mode, capexwatch.core.peers.sheet: plain Python, read when the Peers tab
is first shown) and `peers.pickle` (each peer group's computed table in each mode, without the
observations behind it, for the selected company's details: read in the background once the
Peers tab is on screen).
The stored snapshot's `observations` are read from the data files on first use (`Deferred`).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar, cast

from capexwatch import __version__
from capexwatch.core.base import clock, readfile, safewrite
from capexwatch.core.base.deferred import Deferred
from capexwatch.core.base.deferred import pending as pending  # the app asks viewcache.pending()
from capexwatch.core.base.locations import Locations

if TYPE_CHECKING:
    from capexwatch.core.peers.sheet import PeerSheet
    from capexwatch.core.peers.table import PeerTable
    from capexwatch.core.snapshot.picture import Snapshot

FORMAT = 3  # bump when what is stored changes shape
VIEW_FILE = "view.pickle"
SHEETS_FILE = "sheets.pickle"
PEERS_FILE = "peers.pickle"
T = TypeVar("T")
MAX_CHECKSUMMED = 64 * 2**20  # a hand-edited input larger than this is not checksummed: no view
MAX_STORED = 2**30  # a stored view larger than this is not ours


def inputs(where: Locations) -> tuple[Path, ...]:
    """Every file a snapshot is computed from."""
    from capexwatch.core.figures.disputes import path_for
    from capexwatch.core.figures.observations import bundled_path

    return (where.watchlist, where.plan, where.imported, where.events, where.review_log,
            where.filings, bundled_path(), path_for(where.imported))  # fmt: skip


def key(where: Locations) -> str:
    """One line naming the inputs' sizes and modification times (and the hand-edited files'
    checksums), the version and the computing code (not the date: see the module's doc)."""
    stats: list[object] = []
    for path in inputs(where):
        try:
            found = path.stat()
            crc = _checksum(path) if path in edited(where) else None
            stats.append([str(path), found.st_size, found.st_mtime_ns, crc])
        except OSError:
            stats.append([str(path), None])
    text = json.dumps([FORMAT, __version__, _code(), sys.version_info[:2], stats])
    return text  # a short line, compared whole (no digest: hashlib costs ~5 ms to import)


def edited(where: Locations) -> tuple[Path, ...]:
    """The inputs people and scripts edit in place (the TOML files, events, the review log):
    two writes of the same size within one tick of the file system's clock leave the same size
    and time, so the key names their content too. The data files are only ever replaced whole
    (`import`), which changes their time, and reading millions of rows here would cost the
    start its speed."""
    return (where.watchlist, where.plan, where.events, where.review_log)


def _checksum(path: Path) -> int:
    import zlib

    return zlib.crc32(readfile.read_bytes(path, MAX_CHECKSUMMED))


def _code() -> list[int]:
    """The computing code's own files (count, latest modification): an edited formula in a
    working copy must not show the view the old code computed, though the version is the same."""
    core = Path(__file__).parent.parent  # every room of core: any of them computes the view
    times = [p.stat().st_mtime_ns for p in core.glob("*/*.py")]
    return [len(times), max(times, default=0)]


def save(where: Locations, computed_under: str, snapshot: Snapshot) -> None:
    """Store `snapshot`, computed from the inputs `computed_under` names (taken before they were
    read, so a file changed meanwhile makes the stored view miss rather than look current).
    A cache that cannot be written is skipped: it only ever saves time."""
    # No observations (the next start reads them when needed); the date they give is kept.
    view = replace(
        snapshot,
        observations=cast("Any", None),
        events=None,
        peers=None,
        as_of=snapshot.data_as_of,
    )
    peers = snapshot.peers
    tables: dict[str, PeerTable] = {}
    sheets: dict[str, PeerSheet] = {}
    if peers is not None:
        # The computed table and cells only: `values` (recent figures) and the observations
        # serve the history charts, which the next start reads from the data itself.
        tables = {
            gid: replace(t, observations=None, values=t.values.clear())
            for gid, t in peers.tables.items()
        }
        # Every group in every period mode: the mode is chosen on screen, never recomputed.
        from capexwatch.core.peers import modes
        from capexwatch.core.peers.table import key as table_key

        sheets = {
            table_key(gid, mode): peers.sheet(gid, mode)
            for gid in peers.groups
            for mode in modes.MODES
        }
    try:
        where.cache_dir.mkdir(parents=True, exist_ok=True)
        _write(where.cache_dir / PEERS_FILE, computed_under, tables)
        _write(where.cache_dir / SHEETS_FILE, computed_under, sheets)
        stored_peers = (peers.default, peers.groups) if peers else None
        stored = (view, stored_peers, snapshot.events is not None)
        _write(where.cache_dir / VIEW_FILE, computed_under, stored)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def load(
    where: Locations, observations: Callable[[], Any], events: Callable[[], Any]
) -> Snapshot | None:
    """The stored snapshot if it was computed from the inputs as they are now, else None.

    It may be of an earlier day (see `current`). `observations()` and `events()` give the data,
    read when something first needs it.
    """
    current = key(where)
    stored = _read(where.cache_dir / VIEW_FILE, current)
    if stored is None:
        return None
    try:
        view, stored_peers, has_events = stored
        data: Deferred[Any] = Deferred(observations)
        peers = None
        if stored_peers is not None:
            from capexwatch.core.peers.table import Peers, names_of

            def compute() -> Mapping[str, PeerTable]:
                from capexwatch.core.peers.table import build

                return build(view.watchlist, data.value()).tables

            def with_history(found: Mapping[str, PeerTable]) -> Mapping[str, PeerTable]:
                # Histories come from every observation, read when a chart first needs them.
                return {gid: replace(t, observations=cast("Any", data)) for gid, t in found.items()}

            cache = where.cache_dir
            tables = Stored(cache / PEERS_FILE, current, compute, with_history)
            sheets: Stored[PeerSheet] = Stored(cache / SHEETS_FILE, current, dict)
            if not (tables.present() and sheets.present()):
                return None
            default, groups = stored_peers
            peers = Peers(tables, default, groups, names_of(view.watchlist), sheets)
        return cast(
            "Snapshot",
            replace(
                view,
                observations=data,
                events=Deferred(events) if has_events else None,
                peers=peers,
            ),
        )
    except (TypeError, ValueError, AttributeError):
        return None


def current(view: Snapshot) -> bool:
    """Whether `view` was computed for today (a stored view may be of an earlier day)."""
    return view.today == clock.today()


def stored_view(where: Locations) -> Snapshot | None:
    """Today's stored snapshot for reading its results only (`capexwatch check`), or None when
    its inputs changed since or it is of an earlier day; its data, never read here, would be
    read on first use."""
    from capexwatch.core.figures import events, observations

    view = load(
        where,
        lambda: observations.load(where.imported),
        lambda: events.load(where.events),
    )
    return view if view is not None and current(view) else None


class Stored(Mapping[str, T], Generic[T]):
    """A mapping stored in a file of its own, read on first use (once, whichever thread asks
    first): `adapt` what was found, or take `fallback()` when the file is damaged after its
    first line."""

    def __init__(
        self,
        path: Path,
        expected: str,
        fallback: Callable[[], Mapping[str, T]],
        adapt: Callable[[Mapping[str, T]], Mapping[str, T]] = dict,
    ) -> None:
        self.path = path
        self.expected = expected
        self._found: Deferred[Mapping[str, T]] = Deferred(
            lambda: _found_or(_read(path, expected), adapt, fallback)
        )

    def present(self) -> bool:
        """Whether the file holds a value stored under the expected key (reads its first line)."""
        try:
            with _open_trusted(self.path) as stream:
                return stream is not None and stream.readline().rstrip(b"\n") == (
                    self.expected.encode()
                )
        except OSError:
            return False

    @property
    def pending(self) -> bool:
        """Not read yet (see capexwatch.core.base.deferred.pending)."""
        return pending(self._found)

    def __getitem__(self, key: str) -> T:
        return self._found.value()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found.value())

    def __len__(self) -> int:
        return len(self._found.value())


def _found_or(
    found: Mapping[str, T] | None,
    adapt: Callable[[Mapping[str, T]], Mapping[str, T]],
    fallback: Callable[[], Mapping[str, T]],
) -> Mapping[str, T]:
    return fallback() if found is None else adapt(found)


def read_data(snapshot: Snapshot) -> None:
    """Read the data a stored snapshot stands on (observations, events) if not read yet."""
    for value in (snapshot.observations, snapshot.events):
        if isinstance(value, Deferred):
            value.value()


def _write(path: Path, stored_key: str, value: object) -> None:
    # Whole or not at all (a reader never sees half a file); no fsync: it is only a cache.
    import tempfile

    data = stored_key.encode() + b"\n" + pickle.dumps(value, protocol=5)
    safewrite.remove_orphans(path)  # a start killed mid-write left its temp file behind
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _trusted(found: os.stat_result) -> bool:
    """Unpickling runs code: only a regular file this user owns, that nobody else can write
    (as `_write` makes it: mkstemp's 0600), is read."""
    import stat

    return (
        stat.S_ISREG(found.st_mode)
        and found.st_uid == os.getuid()
        and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


@contextlib.contextmanager
def _open_trusted(path: Path) -> Iterator[BinaryIO | None]:
    """`path` open for reading when `_trusted` and of a sane size, else None. Opened without
    blocking and checked on the descriptor: a FIFO or a device put in the cache's place is
    neither waited on nor read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(fd)
        if not _trusted(found) or found.st_size > MAX_STORED:
            yield None
            return
        os.set_blocking(fd, True)
        yield handle


def _read(path: Path, expected: str) -> Any:
    """What `path` stores under `expected`, or None (missing, another key, or damaged)."""
    try:
        with _open_trusted(path) as handle:
            if handle is None:
                return None
            raw = handle.read(MAX_STORED + 1)
        stored_key, _, body = raw.partition(b"\n")
        if stored_key != expected.encode():
            return None
        return pickle.loads(body)  # the user's own cache directory, written by this module
    except Exception:  # a damaged cache is no cache
        return None
