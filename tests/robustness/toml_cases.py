"""The TOML fault table and the helpers the file-fault tests share (both files, every case)."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from capexwatch.core.base import readfile
from capexwatch.core.base.errors import ConfigError
from capexwatch.core.plan import model as plan
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.core.watchlist import model as watchlist

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
    return workspace.plan


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


def refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """As if `path` were chmod 000 (tests run as root, where chmod does not stop reads)."""
    real = readfile.read_bytes

    def read_bytes(self: Path, limit: int, *, pipes: bool = False) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, limit, pipes=pipes)

    monkeypatch.setattr(readfile, "read_bytes", read_bytes)


def refuse_creating(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    """As if `directory` were read-only: no new file may be created in it."""
    real = os.open

    def fake_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(os.fspath(path)).parent == directory:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)


def peek(path: Path) -> bytes | None:
    """The file's bytes (past any simulated refusal), None when it is missing."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
