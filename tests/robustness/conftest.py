"""Shared pieces of the robustness suite: an app on the isolated config dir, hostile strings.

Pilot tests are plain `async def` functions (pytest-asyncio runs them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.app import CapexwatchApp

# Text that must be shown literally (or visibly replaced) and never obeyed: markup, terminal
# escapes (OSC 0 sets the window title, OSC 52 writes the clipboard), 8-bit C1, bell, carriage
# return, bidi override, zero-width characters, CJK and emoji.
HOSTILE = {
    "close-all": "[/]",
    "close-tag": "x[/red]",
    "link": "[link=https://x]y[/link]",
    "click": "[@click=app.quit]q[/]",
    "brackets": "[Inc]",
    "esc-csi": "\x1b[2J\x1b[31mred",
    "osc-title": "\x1b]0;pwned\x07",
    "osc-clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "c1-csi": "\x9b31mC1",
    "bell": "ding\x07",
    "carriage-return": "over\rwrite",
    "bidi": "abc\u202edcba",
    "zero-width": "a\u200bb\u200dc\u2060d",
    # Invisible format characters (Cf, Zl, Zp): separators, Arabic letter mark, soft hyphen, tags.
    "format": "a\u2028b\u2029c\u061cd\u00ade\U000e0041\U000e007ff",
    "cjk-emoji": "阿里巴巴 🚀📉 ＡＩ",
}
LONG = "W" * 5000
# Byte sequences from HOSTILE that must never reach a terminal.
DANGEROUS_BYTES = (b"\x1b]0;pwned", b"\x1b]52;", b"\x1b[2J", b"\xc2\x9b31m", b"ding\x07")
DANGEROUS_BYTES += ("\u202e".encode(), "\u200b".encode(), b"over\rwrite")
DANGEROUS_BYTES += tuple(ch.encode() for ch in "\u2028\u2029\u061c\u00ad\U000e0041")


@pytest.fixture
def start_app(config_dir: Path) -> Callable[[], CapexwatchApp]:
    """`start_app()`: an App on the files in the isolated config dir (defaults when missing)."""

    def make() -> CapexwatchApp:
        config_dir.mkdir(parents=True, exist_ok=True)
        workspace = open_workspace(config_dir)
        return CapexwatchApp(workspace, daily.build(workspace))

    return make


@pytest.fixture
def faults() -> Iterator[pytest.MonkeyPatch]:
    """Patches a test breaks things with and undoes mid-test: apart from `monkeypatch`, whose
    undo() would also undo the isolated directories (and point the app at the real user's)."""
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()
