"""Build a dataclass from JSON another program may have written: every field's type checked
against the class's annotations, so a wrong type is a TypeError here (a line skipped and named)
rather than a crash wherever the value is used later."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T")
_HINTS: dict[type, dict[str, Any]] = {}


def typed_mark(cls: type[T], raw: object) -> T:
    """`cls(**raw)` with each value checked (ints accepted as floats); unknown keys are ignored
    (a later version may add some), a missing required one raises TypeError."""
    if not isinstance(raw, dict):
        raise TypeError(f"expected an object for {cls.__name__}, found {type(raw).__name__}")
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    values = {
        name: _typed(name, value, hints[name]) for name, value in raw.items() if name in hints
    }
    return cls(**values)


def _typed(name: str, value: object, hint: Any) -> Any:
    origin = get_origin(hint)
    allowed = get_args(hint) if origin in (Union, types.UnionType) else (hint,)
    for kind in allowed:
        if kind is type(None) and value is None:
            return None
        if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if kind in (str, bool) and type(value) is kind:
            return value
        if kind is int and type(value) is int:
            return value
        if get_origin(kind) is dict and isinstance(value, dict):
            inner = get_args(kind)[1] if get_args(kind) else Any
            return {str(k): _typed(name, v, inner) for k, v in value.items()}
        if kind is Any:
            return value
    raise TypeError(f"{name!r} is {type(value).__name__}, expected {hint}")
