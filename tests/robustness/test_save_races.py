"""The atomic save against another writer: an editor's save that lands while the temp file is
written and synced is never overwritten, and temp files of a killed save are cleaned."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from capexwatch.core.base import safewrite


def test_an_edit_saved_during_the_temp_write_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"before\n")
    real_chmod = os.chmod

    def editor_saves_meanwhile(name: str, mode: int) -> None:
        real_chmod(name, mode)  # the temp file is written and synced by now
        path.write_bytes(b"the editor's save\n")

    monkeypatch.setattr(safewrite.os, "chmod", editor_saves_meanwhile)
    with pytest.raises(safewrite.WriteConflict):
        safewrite.write_atomic(path, b"the app's save\n", expected=b"before\n")
    assert path.read_bytes() == b"the editor's save\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]  # no temp file left


def test_temp_files_of_a_killed_save_are_removed_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "watchlist.toml"
    path.write_bytes(b"a = 1\n")
    orphan = tmp_path / ".watchlist.toml.k1ll3d.tmp"
    orphan.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    in_progress = tmp_path / ".watchlist.toml.w0rk1n.tmp"  # another save, right now
    in_progress.write_bytes(b"half")
    other = tmp_path / ".plan.toml.k1ll3d.tmp"  # another file's: not this save's business
    other.write_bytes(b"half")
    os.utime(other, (old, old))
    safewrite.write_atomic(path, b"a = 2\n", expected=b"a = 1\n")
    assert not orphan.exists()
    assert in_progress.exists() and other.exists()
    assert path.read_bytes() == b"a = 2\n"
