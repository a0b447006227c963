"""Read a user's TOML file strictly, and point at the line and column of any key in it.

tomli reports syntax errors with a position but forgets positions once parsed, so `Locator`
re-scans the text to find where a key (or its value) sits, for messages about meaning
("unknown key", "expected a number") that must still read `PATH:LINE:COL`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capexwatch.core.base import readfile
from capexwatch.core.base.errors import ConfigError

BOM = "\ufeff"
MAX_BYTES = 16 * 2**20  # a watchlist of 100,000 signals is about 10 MB
KeyPath = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(
    r"^(\s*)((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=\s*"
)


def _split_key(raw: str) -> tuple[str, ...]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)", raw)
    return tuple(next(p for p in groups if p) if any(groups) else "" for groups in parts)


@dataclass
class Locator:
    """Maps key paths (`("signal", 2, "op")`) to 1-based (line, column) in the source text."""

    text: str
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        table: KeyPath = ()
        counts: dict[tuple[str, ...], int] = {}
        in_multiline: str | None = None
        for number, line in enumerate(self.text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header:
                names = _split_key(header.group(2))
                if header.group(1) == "[[":
                    index = counts.get(names, -1) + 1
                    counts[names] = index
                    table = (*self._resolve(names, counts), index)
                else:
                    table = self._resolve(names, counts)
                column = line.index("[") + 1
                self.keys.setdefault(table, (number, column))
                continue
            assign = _ASSIGN.match(line)
            if assign:
                path = (*table, *_split_key(assign.group(2)))
                self.keys.setdefault(path, (number, len(assign.group(1)) + 1))
                self.values.setdefault(path, (number, assign.end() + 1))
                rest = line[assign.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote

    def _resolve(self, names: tuple[str, ...], counts: dict[tuple[str, ...], int]) -> KeyPath:
        # `[[signal]]` then `[signal.x]` means a subtable of the latest signal entry.
        resolved: list[str | int] = []
        for depth in range(1, len(names) + 1):
            resolved.append(names[depth - 1])
            prefix = names[:depth]
            if prefix in counts and depth < len(names):
                resolved.append(counts[prefix])
        return tuple(resolved)

    def key(self, path: KeyPath) -> tuple[int, int]:
        """Where the key at `path` is written, or the nearest enclosing table, or 1:1."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.keys:
                return self.keys[path[:end]]
        return (1, 1)

    def value(self, path: KeyPath) -> tuple[int, int]:
        """Where the value of `path` starts (falls back to the key's position)."""
        return self.values.get(path) or self.key(path)


@dataclass(frozen=True)
class TomlDocument:
    """A parsed file: its path, the exact text (BOM removed) and the data."""

    path: Path
    text: str
    data: dict[str, Any]
    had_bom: bool = False

    @property
    def locator(self) -> Locator:
        return Locator(self.text)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    # Columns count characters, as editors do, not bytes ("é" is one column).
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column


def _reject_nonfinite(data: Any, path: Path, document: TomlDocument) -> None:
    # Iterative: a 990-part dotted key is 990 nested tables, deeper than Python's stack.
    pending: list[tuple[KeyPath, Any]] = [((), data)]
    while pending:
        keypath, value = pending.pop()
        if isinstance(value, float) and not math.isfinite(value):
            line, col = document.locator.value(keypath)  # mapped only when needed
            raise ConfigError.at(
                path, line, col, f"'{_dotted(keypath)}' must be a finite number, not {value}"
            )
        if isinstance(value, dict):
            pending.extend(((*keypath, k), v) for k, v in value.items())
        elif isinstance(value, list):
            pending.extend(((*keypath, i), v) for i, v in enumerate(value))


def _dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        # Arrays of tables are counted from 1 in messages, as a person counts [[signal]] entries.
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def dotted(path: KeyPath) -> str:
    """`("signal", 2, "op")` as `signal[2].op`, the way messages name a key."""
    return _dotted(path)


def _too_deep(text: str) -> tuple[int, int]:
    """Where nesting first passes tomli's limits: brackets and dots outside quotes (a close
    guess: tomli's RecursionError carries no position)."""
    depth, dots, quote, line, col = 0, 0, "", 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col, dots = line + 1, 0, 0
            quote = "" if quote == "#" else quote
        elif quote:
            quote = "" if ch == quote and quote != "#" else quote
        elif ch in "\"'#":
            quote = ch  # a comment runs like a string, to the end of its line
        elif ch in "[{":
            depth += 1
            if depth > 400:
                return line, col
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == ".":
            dots += 1
            if dots >= 1000:
                return line, col
    return 1, 1


def parse(path: Path, raw: bytes) -> TomlDocument:
    """Parse `raw` (the bytes of `path`) or raise ConfigError naming line and column."""
    if b"\x00" in raw:
        line, col = _position(raw, raw.index(b"\x00"))
        raise ConfigError.at(path, line, col, "a NUL byte: this is not a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise ConfigError.at(
            path,
            line,
            col,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        ) from None
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[1:]
    import tomli  # here: a start from the stored view parses no TOML (~1.5 ms)

    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ConfigError.at(path, exc.lineno, exc.colno, f"invalid TOML: {exc.msg}") from None
    except RecursionError as exc:  # tomli's nesting limits (400 levels, 1000 key parts)
        line, col = _too_deep(text)
        raise ConfigError.at(path, line, col, f"invalid TOML: {exc}") from None
    document = TomlDocument(path, text, data, had_bom)
    _reject_nonfinite(data, path, document)
    return document


def read(path: Path) -> tuple[TomlDocument, bytes]:
    """Read and parse `path`; returns the document and the exact bytes read (for safe rewrites)."""
    try:
        # A pipe or a device (a link to /dev/zero) would block or never end: only files are read.
        raw = readfile.read_bytes(path, MAX_BYTES)
    except OSError as exc:
        raise ConfigError.at(path, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    return parse(path, raw), raw
