"""polars, imported on its first use rather than when a module that mentions it is imported.

The app draws its first frame from a cached view before any data is read (core.snapshot.stored); the
modules it needs for that (signals, snapshot, review, …) only use polars inside functions, so
they take `pl` from here and importing them costs nothing until a frame is actually computed.
Type checkers see the real module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["pl"]

if TYPE_CHECKING:
    import polars as pl
else:

    class _Polars:
        """Stands in for the polars module; the first attribute read imports it."""

        def __getattr__(self, name: str) -> Any:
            import polars

            value = getattr(polars, name)
            setattr(self, name, value)  # later reads skip __getattr__
            return value

        def __repr__(self) -> str:
            return "<polars, imported on first use>"

    pl = _Polars()
