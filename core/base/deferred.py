"""A value read on first use, standing in for it meanwhile (a stored snapshot's observations).

core.snapshot.stored gives a start from the stored view `Deferred` observations and events: whatever
reads them first (a worker after the first frame, or a user's action) waits for the one read,
and `pending()` lets the UI say "reading the data…" instead of waiting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")


def pending(value: object) -> bool:
    """Whether `value` is a stored snapshot's data not read yet (the first frame shows what it
    can without it, and the rest once the snapshot is computed): a `Deferred`, or anything that
    wraps one and says so with a `pending` attribute (capexwatch.core.snapshot.stored.Stored)."""
    if isinstance(value, Deferred):
        return value._value is None
    return getattr(value, "pending", False) is True


class Deferred(Generic[T]):
    """Stands in for the value `make()` returns, made once, on first use (thread-safe)."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._value: T | None = None

    def value(self) -> T:
        with self._lock:
            if self._value is None:
                self._value = self._make()
            return self._value

    def __getattr__(self, name: str) -> Any:
        return getattr(self.value(), name)

    def __len__(self) -> int:
        return len(cast("Any", self.value()))
