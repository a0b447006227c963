"""Where `completion --install` and `man --install` put their files: the user's XDG data
directory (~/.local/share), written atomically; ours to replace."""

from __future__ import annotations

import os
from pathlib import Path

from capexwatch.core.base import safewrite


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share."""
    found = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(found).expanduser() if found else Path.home() / ".local" / "share"


def install(path: Path, text: str) -> Path:
    """Write `text` to `path` (its folders created), replacing what is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    safewrite.write_atomic(path, text.encode("utf-8"), expected=safewrite.current_bytes(path))
    return path
