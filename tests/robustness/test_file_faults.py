"""The file itself is the fault: missing, unreadable, in a read-only directory, a symlink
(working or dangling), or not a text file at all (a directory, a pipe, a device, 17 MiB)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.plan import model as plan
from capexwatch.core.watchlist import model as watchlist
from tests.robustness.toml_cases import (
    KINDS,
    assert_located,
    default_text,
    load,
    refuse_creating,
    refuse_reading,
)


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_file_is_written_with_the_defaults(kind: str, config_dir: Path) -> None:
    path = config_dir / f"{kind}.toml"
    load(kind, path)
    assert path.read_text(encoding="utf-8") == default_text(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_an_unreadable_file_is_located(
    kind: str, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = config_dir / f"{kind}.toml"
    load(kind, path)  # written with the defaults
    before = path.read_bytes()
    refuse_reading(monkeypatch, path)
    with pytest.raises(ConfigError) as caught:
        load(kind, path)
    assert_located(caught.value, path, 1, "Permission denied")
    monkeypatch.undo()
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_directory_is_located(
    kind: str, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_dir.mkdir(parents=True)
    if kind == "plan":
        load("watchlist", config_dir / "watchlist.toml")
    refuse_creating(monkeypatch, config_dir)
    path = config_dir / f"{kind}.toml"
    with pytest.raises(ConfigError) as caught:
        load(kind, path)
    assert_located(caught.value, path, 1, "Permission denied")
    assert not path.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_symlinked_file_is_read_and_written_through(kind: str, config_dir: Path) -> None:
    from capexwatch.core.plan import edit as plan_edit
    from capexwatch.core.watchlist import edit as watchlist_edit

    elsewhere = config_dir.parent / "dotfiles" / f"{kind}.toml"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text(default_text(kind), encoding="utf-8")
    config_dir.mkdir(parents=True)
    path = config_dir / f"{kind}.toml"
    path.symlink_to(elsewhere)
    loaded = load(kind, path)
    if isinstance(loaded, watchlist.Watchlist):
        editable = watchlist_edit.open_for_edit(loaded)
        watchlist_edit.set_muted(editable, loaded.signals[0].id, True)
        watchlist_edit.save(editable, frozenset())
        changed = b"muted = true"
    else:
        assert isinstance(loaded, plan.Plan)
        plan_edit.save_section(loaded, "utilization", {"owner": "CFO"}, frozenset(), frozenset())
        changed = b'owner = "CFO"'
    assert path.is_symlink() and changed in elsewhere.read_bytes()
    # A fault in the target is reported at the name the user knows.
    elsewhere.write_text(default_text(kind) + "\n[[[\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(kind, path)
    assert_located(caught.value, path, default_text(kind).count("\n") + 2, "invalid TOML")


@pytest.mark.parametrize("kind", KINDS)
def test_a_dangling_symlink_is_located_and_left_alone(kind: str, config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    if kind == "plan":
        load("watchlist", config_dir / "watchlist.toml")
    path = config_dir / f"{kind}.toml"
    path.symlink_to(config_dir / "gone.toml")
    with pytest.raises(ConfigError) as caught:
        load(kind, path)
    assert_located(caught.value, path, 1, "cannot read")
    assert path.is_symlink() and not (config_dir / "gone.toml").exists()


def _special(kind: str, path: Path) -> None:
    if kind == "directory":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)  # reading it would wait for a writer forever
    elif kind == "device":
        path.symlink_to("/dev/zero")  # reading it would never end
    else:
        with open(path, "wb") as handle:
            handle.truncate(17 * 2**20)  # sparse: 17 MiB of NULs at no cost


@pytest.mark.parametrize("special", ["directory", "pipe", "device", "huge"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_file_that_is_not_a_text_file_is_refused_at_once(
    kind: str, special: str, config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    if kind == "plan":
        load("watchlist", config_dir / "watchlist.toml")
    path = config_dir / f"{kind}.toml"
    _special(special, path)
    with pytest.raises(ConfigError) as caught:
        load(kind, path)
    phrase = "too large" if special == "huge" else "not a regular file"
    assert_located(caught.value, path, 1, phrase)
