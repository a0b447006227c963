"""Strict checks on a parsed TOML table, collecting located problems instead of stopping at one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from capexwatch.core.base.errors import ConfigError, Problem
from capexwatch.core.base.text import suggest
from capexwatch.core.files.tomlfile import KeyPath, Locator, TomlDocument, dotted

_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    list: "an array",
    dict: "a table",
    dt.date: "a date (YYYY-MM-DD)",
}
# Integers past this are surely a typo, and SQLite-style 64-bit stores would overflow.
MAX_INT = 2**53


class Checker:
    """Collects problems for one document; `raise_if_any()` turns them into one ConfigError."""

    def __init__(self, document: TomlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []

    @cached_property
    def locator(self) -> Locator:
        """Line and column of every key, mapped on the first problem only: a valid file of
        thousands of companies is not scanned a second time."""
        return self.document.locator

    def problem(self, path: KeyPath, message: str, *, at_value: bool = True) -> None:
        line, col = self.locator.value(path) if at_value else self.locator.key(path)
        self.problems.append(Problem(str(self.document.path), line, col, message))

    def keys(self, table: dict[str, Any], path: KeyPath, allowed: Iterable[str]) -> None:
        """Reject keys not in `allowed`, with a did-you-mean hint."""
        allowed = list(allowed)
        for key in table:
            if key not in allowed:
                where = f" in [{dotted(path)}]" if path else ""
                self.problem(
                    (*path, key),
                    f"unknown key '{key}'{where}{suggest(key, allowed)}",
                    at_value=False,
                )

    def get(
        self,
        table: dict[str, Any],
        path: KeyPath,
        key: str,
        kind: type | tuple[type, ...],
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        """`table[key]` if of the right type; else records a problem and returns `default`."""
        if key not in table:
            if required:
                self.problem(path, f"[{dotted(path)}] needs '{key}'", at_value=False)
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # bool is an int in Python, and a date-time is a date: neither passes for the other.
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if ok and isinstance(value, dt.datetime) and dt.datetime not in kinds:
            ok = False
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            self.problem((*path, key), f"'{dotted((*path, key))}' is too large ({value})")
            return default
        if not ok and float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if not ok:
            expected = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.problem(
                (*path, key), f"'{dotted((*path, key))}' must be {expected}, not {_show(value)}"
            )
            return default
        return value

    def raise_if_any(self) -> None:
        if self.problems:
            raise ConfigError(sorted(self.problems, key=lambda p: (p.line, p.col)))


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return repr(value)
