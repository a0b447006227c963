"""A broken watchlist.toml or plan.toml: a located message, the last good state, the file untouched.

Each fault is applied to both files. The loader must raise one ConfigError whose first problem
reads `PATH:LINE:COL: ...` and points at the line the fault is on; the running app must keep
showing what it showed, say where the mistake is, and never write over the file.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from core import plan, snapshot, watchlist
from core.errors import ConfigError
from core.workspace import open_workspace
from tui.app import CapexwatchApp
from tui.widgets.banner import ErrorBanner

KINDS = ("watchlist", "plan")


@dataclass(frozen=True)
class Fault:
    """`old` in the default file becomes `new`; the message must point at the line of `at`."""

    name: str
    watchlist: tuple[str, str, str]  # (old, new, at)
    plan: tuple[str, str, str]
    phrase: str  # what the message must say

    def apply(self, kind: str, text: str) -> tuple[bytes, int]:
        old, new, at = getattr(self, kind)
        assert old in text, f"the default {kind} no longer has {old!r}"
        changed = text.replace(old, new, 1)
        line = changed[: changed.index(at)].count("\n") + 1
        return changed.encode("utf-8", "surrogateescape"), line


UI_THEME = 'theme = "capexwatch-dark"'
PLAN_UTIL = "[utilization]\n"
FAULTS = [
    Fault(
        "syntax error",
        (UI_THEME, 'theme = "capexwatch-dark', 'theme = "capexwatch-dark'),
        (PLAN_UTIL, PLAN_UTIL + "owner = \n", "owner = \n"),
        "invalid TOML",
    ),
    Fault(
        "NUL byte",
        (UI_THEME, 'theme = "capex\x00watch-dark"', "theme"),
        (PLAN_UTIL, PLAN_UTIL + 'owner = "a\x00b"\n', "owner"),
        "NUL byte",
    ),
    Fault(
        "invalid UTF-8",
        (UI_THEME, UI_THEME + "  # caf\udce9", "# caf"),
        (PLAN_UTIL, PLAN_UTIL + 'owner = "caf\udce9"\n', "owner"),
        "not valid UTF-8",
    ),
    Fault(
        "duplicate key",
        (UI_THEME, UI_THEME + '\ntheme = "capexwatch-light"', 'theme = "capexwatch-light"'),
        (PLAN_UTIL, PLAN_UTIL + 'owner = "a"\nowner = "b"\n', 'owner = "b"'),
        "invalid TOML",
    ),
    Fault(
        "wrong type",
        (UI_THEME, "theme = 3", "theme = 3"),
        (PLAN_UTIL, PLAN_UTIL + 'threshold = "high"\n', 'threshold = "high"'),
        "must be",
    ),
    Fault(
        "unknown key",
        (UI_THEME, UI_THEME + '\ncolour = "red"', "colour"),
        (PLAN_UTIL, PLAN_UTIL + 'ownr = "CFO"\n', "ownr"),
        "unknown key",
    ),
    Fault(
        "huge integer",
        ("fiscal_year_end_month = 3", "fiscal_year_end_month = 3" + "0" * 30, "_month = 3000"),
        ("[payback]\n", "[payback]\ncapex = 1" + "0" * 40 + "\n", "capex = 1"),
        "too large",
    ),
    Fault(
        "deep nesting",
        (UI_THEME, UI_THEME + "\nx = " + "[" * 500 + "]" * 500, "x = [[["),
        (PLAN_UTIL, PLAN_UTIL + "x = " + "{a = " * 500 + "1" + "}" * 500 + "\n", "x = {a"),
        "nested more than",
    ),
    Fault(
        "nan",
        ("threshold = 0.34", "threshold = nan", "threshold = nan"),
        (PLAN_UTIL, PLAN_UTIL + "threshold = nan\n", "threshold = nan"),
        "finite number",
    ),
    Fault(
        "inf",
        ("threshold = 0.34", "threshold = -inf", "threshold = -inf"),
        (PLAN_UTIL, PLAN_UTIL + "current = +inf\n", "current = +inf"),
        "finite number",
    ),
]


def default_text(kind: str) -> str:
    return watchlist.default_text() if kind == "watchlist" else plan.default_text()


def load(kind: str, path: Path) -> object:
    """Load `path` as the app does (defaults written when missing)."""
    workspace = open_workspace(path.parent)
    if kind == "watchlist":
        return workspace.watchlist
    return snapshot.load_plan(path, workspace.watchlist, workspace.source)


def assert_located(error: ConfigError, path: Path, line: int | None, phrase: str) -> None:
    """The message names `path`, a line and a column (the first problem on `line`)."""
    text = str(error)
    for row in text.splitlines():
        assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: ", row), row
    first = error.problems[0]
    if line is not None:
        assert first.line == line, text
    assert first.col >= 1
    assert phrase in text, text


def write_faulty(kind: str, config_dir: Path, fault: Fault) -> tuple[Path, bytes, int]:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / f"{kind}.toml"
    raw, line = fault.apply(kind, default_text(kind))
    path.write_bytes(raw)
    return path, raw, line


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_loader_locates_the_fault(kind: str, fault: Fault, config_dir: Path) -> None:
    path, raw, line = write_faulty(kind, config_dir, fault)
    with pytest.raises(ConfigError) as caught:
        load(kind, path)
    assert_located(caught.value, path, line, fault.phrase)
    assert path.read_bytes() == raw


@pytest.mark.parametrize("kind", KINDS)
def test_a_bom_is_accepted_and_kept_when_the_app_rewrites(kind: str, config_dir: Path) -> None:
    from core import plan_edit, watchlist_edit

    config_dir.mkdir(parents=True)
    path = config_dir / f"{kind}.toml"
    path.write_bytes(b"\xef\xbb\xbf" + default_text(kind).encode())
    loaded = load(kind, path)
    if isinstance(loaded, watchlist.Watchlist):
        editable = watchlist_edit.open_for_edit(loaded)
        watchlist_edit.set_muted(editable, loaded.signals[0].id, True)
        watchlist_edit.save(editable, frozenset())
        assert b"muted = true" in path.read_bytes()
    else:
        assert isinstance(loaded, plan.Plan)
        plan_edit.save_section(loaded, "utilization", {"owner": "CFO"}, frozenset(), frozenset())
        assert b'owner = "CFO"' in path.read_bytes()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert path.read_bytes().count(b"\xef\xbb\xbf") == 1
    load(kind, path)


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_file_is_written_with_the_defaults(kind: str, config_dir: Path) -> None:
    path = config_dir / f"{kind}.toml"
    load(kind, path)
    assert path.read_text(encoding="utf-8") == default_text(kind)


def refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """As if `path` were chmod 000 (tests run as root, where chmod does not stop reads)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def refuse_creating(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    """As if `directory` were read-only: no new file may be created in it."""
    real = os.open

    def fake_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(os.fspath(path)).parent == directory:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)


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
    from core import plan_edit, watchlist_edit

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


def peek(path: Path) -> bytes | None:
    """The file's bytes (past any simulated refusal), None when it is missing."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


# The running app: every fault arrives by a reload, and the last good state stays on screen.
Breaker = Callable[[pytest.MonkeyPatch, Path], int | None]


def _faulty(fault: Fault) -> Callable[[str], Breaker]:
    def for_kind(kind: str) -> Breaker:
        def brk(monkeypatch: pytest.MonkeyPatch, path: Path) -> int | None:
            raw, line = fault.apply(kind, default_text(kind))
            path.write_bytes(raw)
            return line

        return brk

    return for_kind


def _unreadable(kind: str) -> Breaker:
    def brk(monkeypatch: pytest.MonkeyPatch, path: Path) -> int | None:
        refuse_reading(monkeypatch, path)
        return 1

    return brk


def _gone_in_read_only_dir(kind: str) -> Breaker:
    def brk(monkeypatch: pytest.MonkeyPatch, path: Path) -> int | None:
        path.unlink(missing_ok=True)
        refuse_creating(monkeypatch, path.parent)
        return 1

    return brk


APP_FAULTS = {
    **{f.name: _faulty(f) for f in FAULTS},
    "unreadable": _unreadable,
    "missing in a read-only dir": _gone_in_read_only_dir,
}


@pytest.mark.parametrize("kind", KINDS)
async def test_the_app_keeps_the_last_good_state(
    kind: str,
    start_app: Callable[[], CapexwatchApp],
    config_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = start_app()
    path = config_dir / f"{kind}.toml"
    good = path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        app._watcher = None  # only the test's reloads: no poll racing them
        shown = app.snapshot
        banner = app.query_one(ErrorBanner)
        for name, make in APP_FAULTS.items():
            line = make(kind)(monkeypatch, path)
            on_disk = peek(path)
            app.reload()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running, name
            assert app.snapshot is shown, f"{name}: the last good state was replaced"
            message = str(banner.render())
            assert banner.display, f"{name}: no error on screen"
            assert re.search(rf"{re.escape(str(path))}:{line}:\d+: ", message), (name, message)
            if kind == "watchlist":
                await pilot.press("m")  # an edit now must not write over the broken file
                await pilot.pause()
            monkeypatch.undo()
            assert peek(path) == on_disk, f"{name}: the file was changed"
            app.query_one(ErrorBanner).clear()  # the next fault must put up its own message
        path.write_bytes(good)
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not banner.display, "the error stayed after the fix"
        assert app.snapshot is not shown


@pytest.mark.parametrize("kind", KINDS)
def test_starting_on_a_broken_file_says_where_and_exits_2(
    kind: str, config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    if kind == "plan":
        load("watchlist", config_dir / "watchlist.toml")
    path, raw, line = write_faulty(kind, config_dir, FAULTS[0])
    assert main([]) == 2  # the app does not open on a file it cannot read
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:{line}:") and "Traceback" not in err
    assert path.read_bytes() == raw


@pytest.mark.parametrize(("bad", "name"), [(b"\xff", "not valid UTF-8"), (b"\x00", "NUL byte")])
def test_a_bad_byte_is_located_by_character_column(bad: bytes, name: str, tmp_path: Path) -> None:
    path = tmp_path / "watchlist.toml"
    path.write_bytes(b'[ui]\ntheme = "caf\xc3\xa9 \xe2\x82\xac' + bad + b'"\n')
    with pytest.raises(ConfigError) as caught:
        watchlist.load(path)
    assert_located(caught.value, path, 2, name)
    assert caught.value.problems[0].col == 16  # `theme = "café €` is 15 characters (19 bytes)


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
