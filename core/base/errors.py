"""One error type for every mistake in a user's file, located by path, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One located mistake: `PATH:LINE:COL: message`."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class CapexwatchError(Exception):
    """A user-facing error: the CLI prints it and exits 2; the app shows it and keeps running."""


class ConfigError(CapexwatchError):
    """A user's file that does not load; carries every problem found, each located."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def at(cls, path: str | Path, line: int, col: int, message: str) -> ConfigError:
        """A single located problem."""
        return cls([Problem(str(path), line, col, message)])


class DataError(CapexwatchError):
    """Data that cannot be read or imported (a bad row, an unknown file format)."""
