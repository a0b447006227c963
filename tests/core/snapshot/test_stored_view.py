"""The stored view: shown only for the files, code and date it was computed from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from capexwatch.core.base import locations
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import open_workspace


def computed() -> tuple[locations.Locations, Snapshot]:
    """Compute the sample snapshot as a start without a cache does, and store it."""
    daily.build(open_workspace(None))  # the first start writes the default files
    where = locations.resolve(None)
    inputs = viewcache.key(where)
    workspace = open_workspace(None)
    snapshot = daily.build(workspace)
    viewcache.save(where, inputs, snapshot)
    return where, snapshot


def stored(where: locations.Locations) -> Snapshot | None:
    def unused() -> object:
        raise AssertionError("data read while loading the view")

    return viewcache.load(where, unused, unused)


def test_unchanged_inputs_give_back_what_was_computed() -> None:
    where, snapshot = computed()
    view = stored(where)
    assert view is not None
    assert view.results == snapshot.results
    assert view.tripwire == snapshot.tripwire
    assert view.gates == snapshot.gates
    assert view.counts() == snapshot.counts()
    assert view.data_as_of == snapshot.data_as_of
    assert view.changes_since_review == snapshot.changes_since_review
    assert view.peers is not None and snapshot.peers is not None
    mine, theirs = view.peers.table(), snapshot.peers.table()
    assert mine.companies == theirs.companies
    assert mine.table.equals(theirs.table)


def test_the_data_is_read_only_when_needed() -> None:
    where, snapshot = computed()
    view = viewcache.load(where, lambda: snapshot.observations, lambda: snapshot.events)
    assert view is not None
    assert viewcache.pending(view.observations)
    viewcache.read_data(view)
    assert not viewcache.pending(view.observations)
    assert view.observations.height == snapshot.observations.height


@pytest.mark.parametrize("name", ["watchlist", "plan", "imported", "events", "review_log"])
def test_any_changed_input_misses(name: str) -> None:
    where, _ = computed()
    path: Path = getattr(where, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as stream:  # one more byte: size and time both change
        stream.write(b"\n")
    assert stored(where) is None


@pytest.mark.parametrize("name", ["watchlist", "plan"])
def test_an_edit_of_the_same_size_in_the_same_clock_tick_misses(name: str) -> None:
    where, _ = computed()
    path: Path = getattr(where, name)
    before = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("=", "~", 1), "utf-8")  # same size, other content
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    assert stored(where) is None
    # The sample and imported data are not read whole for the key: size and time name them.
    assert viewcache.edited(where) == (where.watchlist, where.plan, where.events, where.review_log)


def test_another_days_view_is_given_back_as_of_its_own_day(monkeypatch: pytest.MonkeyPatch) -> None:
    where, snapshot = computed()
    assert viewcache.stored_view(where) is not None
    monkeypatch.setenv("CAPEXWATCH_TODAY", "2026-01-21")  # staleness moves with the date
    view = stored(where)
    assert view is not None and view.today == snapshot.today  # yesterday's, saying so
    assert not viewcache.current(view)
    assert viewcache.stored_view(where) is None  # `check` answers for today only


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],  # cut short after a valid key
        lambda raw: raw.split(b"\n", 1)[0] + b"\nnot a pickle",
        lambda raw: b"\xff\xfe garbage \x00" * 10,
    ],
)
def test_a_damaged_cache_is_no_cache(damage: object) -> None:
    where, _ = computed()
    path = where.cache_dir / viewcache.VIEW_FILE
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert stored(where) is None


def test_damaged_peer_tables_are_not_shown_as_data() -> None:
    where, _ = computed()
    (where.cache_dir / viewcache.PEERS_FILE).write_bytes(b"\x00 not the key")
    assert stored(where) is None


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("CAPEXWATCH_CACHE_DIR", str(blocker / "cache"))
    where, _ = computed()  # no error
    assert stored(where) is None


def test_loading_the_view_does_not_import_polars() -> None:
    computed()
    code = (
        "import sys\n"
        "from capexwatch.core.base import locations\n"
        "from capexwatch.core.snapshot import stored as viewcache\n"
        "view = viewcache.load(locations.resolve(None), list, list)\n"
        "assert view is not None and view.results\n"
        "print('polars' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_peer_tables_damaged_after_the_key_are_computed_from_the_data() -> None:
    where, snapshot = computed()
    path = where.cache_dir / viewcache.PEERS_FILE
    path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\ncut short")
    view = viewcache.load(where, lambda: snapshot.observations, lambda: snapshot.events)
    assert view is not None and view.peers is not None and snapshot.peers is not None
    assert view.peers.table().table.equals(snapshot.peers.table().table)


def test_stored_peer_histories_wait_for_the_same_read_as_the_snapshot() -> None:
    where, snapshot = computed()
    view = viewcache.load(where, lambda: snapshot.observations, lambda: snapshot.events)
    assert view is not None and view.peers is not None and snapshot.peers is not None
    table = view.peers.table()
    assert viewcache.pending(table.observations)
    viewcache.read_data(view)
    assert not viewcache.pending(table.observations)
    company = table.companies[0]
    mine = table.history(company, "capex")
    theirs = snapshot.peers.table().history(company, "capex")
    assert mine.points == theirs.points and mine.points  # from the observations, not cut


def test_a_stored_view_others_could_write_is_not_read(tmp_path: Path) -> None:
    # Unpickling runs code: a cache file writable by the group or others is ignored.
    path = tmp_path / "view.pickle"
    viewcache._write(path, "key", {"shown": True})
    assert viewcache._read(path, "key") == {"shown": True}
    path.chmod(0o666)
    assert viewcache._read(path, "key") is None


def test_every_peer_period_mode_is_stored_and_read_back_without_the_data() -> None:
    from capexwatch.core.peers import modes

    where, snapshot = computed()
    view = stored(where)
    assert view is not None and view.peers is not None and snapshot.peers is not None
    for mode in modes.MODES:
        mine, theirs = view.peers.sheet(None, mode), snapshot.peers.sheet(None, mode)
        assert mine.mode == mode and mine.rows == theirs.rows
