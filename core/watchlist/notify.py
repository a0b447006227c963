"""`[notify]` in watchlist.toml: the command `capexwatch check --notify` runs when something
changed, as an argument list (no shell: `["notify-send", "capexwatch"]` or a script's path).

    [notify]
    command = ["notify-send", "capexwatch"]
    timeout = 30          # seconds before a hanging command is stopped and reported
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from capexwatch.core.files.validate import Checker

KEYS = ("command", "timeout")
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 3600.0  # a cron job that waits longer on its notifier waits forever


@dataclass(frozen=True)
class NotifySettings:
    """The notify command (empty: none set) and how long it may run."""

    command: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT


def parse(check: Checker, data: dict[str, Any]) -> NotifySettings:
    """The `[notify]` table, each mistake located (a missing table: no command)."""
    table = check.get(data, (), "notify", dict, default={})
    if not isinstance(table, dict):
        return NotifySettings()
    path = ("notify",)
    check.keys(table, path, KEYS)
    command = check.get(table, path, "command", list, default=[])
    words: tuple[str, ...] = ()
    if isinstance(command, list):
        if not command:
            if "command" in table:
                check.problem((*path, "command"), "is empty: name the program to run first")
        elif not all(isinstance(w, str) and w.strip() for w in command):
            check.problem(
                (*path, "command"),
                'must be a list of words, the program first: ["notify-send", "capexwatch"]',
            )
        else:
            words = tuple(command)
    timeout = check.get(table, path, "timeout", float, default=DEFAULT_TIMEOUT)
    if not 0 < timeout <= MAX_TIMEOUT:  # nan and inf are TOML floats too
        check.problem((*path, "timeout"), f"must be seconds above 0, at most {MAX_TIMEOUT:g}")
        timeout = DEFAULT_TIMEOUT
    return NotifySettings(words, float(timeout))
